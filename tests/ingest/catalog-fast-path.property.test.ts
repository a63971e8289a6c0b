import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { fastCatalog } from "../../src/ingest/catalog-fast-path.js"
import { catalogBySchema, parseCatalog } from "../../src/ingest/parse-catalog.js"

// Values that pass, that zod changes (trimmed ids, numeric value ids, Date days), and that are wrong.
// Mostly valid values, so that whole documents pass often enough to be compared.
const often = <T>(good: readonly T[], bad: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 })
const idArb = often(["a", "ev-1", "Tu-95", "x y", "constructor"], [" padded ", "", "bad\u001b", 7, null])
const strArb = often(["A title", ""], [3, null, undefined])
const dayArb = often(["2025-06-01", "2025-06-01T10:00"], ["June 1", 20250601, new Date("2025-06-01"), undefined])
const numArb = often([1, 0.5, 2], [0, -1, Infinity, Number.NaN, "2", undefined])
const boolArb = often([true, false], ["yes", undefined])
const maybe = <T>(key: string, arb: fc.Arbitrary<T>) => fc.option(arb.map((v) => ({ [key]: v })), { freq: 2 }).map((o) => o ?? {})
const obj = (...parts: fc.Arbitrary<Record<string, unknown>>[]) => fc.tuple(...parts).map((ps) => Object.assign({}, ...ps) as Record<string, unknown>)

const eventArb = obj(idArb.map((id) => ({ id })), maybe("title", strArb), maybe("date", dayArb), maybe("note", strArb), fc.constantFrom({}, {}, {}, { typo: 1 }))
const sourceArb = obj(
  maybe("id", idArb), maybe("name", strArb), maybe("aliases", fc.array(idArb, { maxLength: 2 })),
  maybe("kind", fc.constantFrom("official", "osint", "blog", undefined)), maybe("side", strArb), maybe("weight", numArb), maybe("url", strArb),
)
const metricArb = obj(
  maybe("id", idArb), maybe("unit", strArb), maybe("kind", fc.constantFrom("count", "real", "money")), maybe("parts", fc.array(idArb, { maxLength: 2 })),
  maybe("exhaustive", boolArb), maybe("cumulative", boolArb), maybe("approx", numArb), maybe("words", fc.array(idArb, { maxLength: 2 })),
  fc.constantFrom({}, {}, {}, { vague: { several: { lo: 3, hi: 7 } } }),
)
const valueArb = obj(maybe("id", idArb), maybe("parent", idArb), maybe("title", strArb), maybe("aliases", fc.array(idArb, { maxLength: 2 })))
const dimensionArb = obj(maybe("id", idArb), maybe("exhaustive", boolArb), maybe("values", fc.array(valueArb, { maxLength: 3 })))
const docArb = obj(
  maybe("name", idArb), maybe("title", strArb), maybe("description", strArb), maybe("open_events", boolArb),
  maybe("events", fc.array(eventArb, { maxLength: 3 })), maybe("sources", fc.array(sourceArb, { maxLength: 3 })),
  maybe("metrics", fc.array(metricArb, { maxLength: 3 })), maybe("dimensions", fc.array(dimensionArb, { maxLength: 2 })),
  fc.constantFrom({}, {}, {}, {}, { unknown: 1 }),
)

let taken = 0

describe("the catalog fast path", () => {
  test.prop([docArb], { numRuns: 2000 })("gives the schema's catalog wherever it gives one", (doc) => {
    const fast = fastCatalog(doc)
    if (fast !== null) expect(fast).toEqual(catalogBySchema(doc))
    taken += fast === null ? 0 : 1
  })

  it("took a good share of those documents (else the property said little)", () => {
    expect(taken).toBeGreaterThan(100)
  })

  it("takes the catalogs of the datasets and the SPEC example", () => {
    const doc = {
      name: "spider-web", title: "t", open_events: true, events: [{ id: "spider-web", title: "x", date: "2025-06-01" }],
      sources: [{ id: "sbu", name: "SBU", aliases: ["SBU"], kind: "official", side: "ua", weight: 1 }],
      metrics: [{ id: "aircraft.hit", unit: "aircraft", kind: "count", parts: ["a"], exhaustive: true }, { id: "a", cumulative: true, words: ["hit"] }],
      dimensions: [{ id: "type", exhaustive: false, values: [{ id: "bomber" }, { id: "Tu-95", parent: "bomber", aliases: ["Bear"] }] }],
    }
    expect(fastCatalog(doc)).not.toBeNull()
    expect(fastCatalog(doc)).toEqual(catalogBySchema(doc))
  })

  it("leaves to zod what zod words: an unknown field, a wrong kind, a padded id", () => {
    expect(fastCatalog({ name: "x", events: [{ id: "e", typo: 1 }] })).toBeNull()
    expect(parseCatalog('{"name": "x", "events": [{"id": "e", "typo": 1}]}')).toEqual({ ok: false, problems: ['field "events[0]": unknown field "typo"'] })
    expect(fastCatalog({ name: " x " })).toBeNull()
    expect(catalogBySchema({ name: " x " })).toMatchObject({ name: "x" })
  })
})
