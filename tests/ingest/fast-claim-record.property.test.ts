import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { fastClaimRecord } from "../../src/ingest/fast-claim-record.js"
import { claimRecordSchema } from "../../src/ingest/record-schema.js"

// Mostly what claim files hold, with the forms zod changes (padded ids, numeric ids and scope
// values, `via` as "a>b") and the ones it refuses (empty strings, bad dates, unknown fields).
const often = <T>(good: readonly T[], bad: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 10 }, { arbitrary: fc.constantFrom(...bad), weight: 1 })
const name = often(["a", "ev-1", "src 2", "aircraft.hit"], ["", " a", "b ", 7, null])
const date = often(["2025-06-01", "2025-06-01T10:00", "2025-06-01T10:00:00Z", "2025-06-01 10:00:30.5+02:00"], ["2025-02-30", "June", "9999-12-31T23:59-12:00", 2025])
const field = <T>(key: string, arb: fc.Arbitrary<T>) => fc.option(arb.map((v) => ({ [key]: v })), { freq: 2 }).map((o) => o ?? {})
const recordArb = fc.tuple(
  field("id", often(["c1", "ev-000001-c4"], [" c1", "", 12])), name.map((event) => ({ event })), name.map((metric) => ({ metric })), field("source", name),
  field("scope", often<unknown>([{}, { type: "Tu-95" }, { location: "belaya", type: "bomber" }], [{ type: "" }, { type: 5 }, "x"])),
  often<unknown>([41, "about 40", "up to 13", { lo: 10, hi: 15 }, { lo: "10", best: 12 }], [{ lo: 1, mid: 2 }, null, [1], { hi: null }]).map((value) => ({ value })),
  field("via", often<unknown>([[], ["out-1"], ["a", "b"], "a>b", " a > > b "], [[""], [" a"], 3])),
  field("at", date), field("stated", date), field("certainty", often(["asserted", "estimated", "possible"], ["sure"])),
  field("method", often(["count"], [1])), field("quote", often(["He said 41."], [null])), field("url", often(["https://x.org"], [{}])),
  field("document", often<unknown>([{ title: "t" }, { title: "t", publisher: "p", published: "2025" }], [{ author: "a" }, { title: 1 }])),
  field("supersedes", name), field("retracts", name), field("note", often(["n"], [0])), fc.constantFrom({}, {}, {}, { extra: 1 }),
).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>)

let taken = 0

describe("the claim record fast path", () => {
  test.prop([recordArb], { numRuns: 3000 })("gives the schema's record wherever it gives one", (record) => {
    const fast = fastClaimRecord(record)
    if (fast !== null) {
      taken++
      const slow = claimRecordSchema.safeParse(record)
      expect(slow.success).toBe(true)
      expect(fast).toEqual(slow.data)
    }
  })

  it("took a good share of those records (else the property said little)", () => {
    expect(taken).toBeGreaterThan(150)
  })

  it("takes a bench record and leaves a padded id to zod", () => {
    const r = { id: "c1", event: "ev", metric: "m", source: "s", value: "about 40", via: "a > b", stated: "2025-06-01", quote: "q" }
    expect(fastClaimRecord(r)).toEqual({ ...r, via: ["a", "b"] })
    expect(fastClaimRecord({ ...r, id: " c1 " })).toBeNull()
    expect(fastClaimRecord(JSON.parse('{"event":"e","metric":"m","source":"s","value":1,"__proto__":{}}'))).toBeNull()
  })
})
