import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { CLAIM_CORE_COLUMNS, CLAIM_RECONCILE_COLUMNS, claimFromValues, reconcileClaimReader } from "../../src/ledger/claim-from-row.js"

type Row = Record<(typeof CLAIM_CORE_COLUMNS)[number], unknown>

const text = fc.string({ maxLength: 6 })
const row = fc.record({
  seq: fc.nat(), claim_id: text, event: text, metric: text,
  scope_json: fc.dictionary(fc.constantFrom("location", "side", "unit"), text, { maxKeys: 2 }).map((s) => JSON.stringify(s)),
  source: text, via_json: fc.array(fc.constantFrom("kyiv-post", "reuters", "tass"), { maxLength: 3 }).map((v) => JSON.stringify(v)),
  value_text: text, lo: fc.option(fc.integer()), hi: fc.option(fc.integer()), best: fc.option(fc.integer()),
  lo_strict: fc.constantFrom(0, 1), hi_strict: fc.constantFrom(0, 1), certainty: fc.constantFrom("asserted", "estimated", "possible"),
  method: fc.option(text), at: fc.option(text), stated: fc.option(text), supersedes: fc.option(text), retracts: fc.option(text),
  quote: fc.option(text), url: fc.option(text),
}) satisfies fc.Arbitrary<Row>

describe("claims read for reconciling a component into stored figures", () => {
  test.prop([fc.array(row, { minLength: 1, maxLength: 30 })])("are the claims of the whole row, without quote and url", (rows) => {
    const read = reconcileClaimReader()
    for (const r of rows) {
      const claim = read(CLAIM_RECONCILE_COLUMNS.map((c) => r[c]))
      expect(claim).toEqual({ ...claimFromValues(CLAIM_CORE_COLUMNS.map((c) => r[c])), quote: null, url: null })
    }
  })

  it("share one frozen parse of a scope or via text, so the core cannot change another claim's through one", () => {
    const read = reconcileClaimReader()
    const values = (id: string) => CLAIM_RECONCILE_COLUMNS.map((c) =>
      ({ claim_id: id, scope_json: '{"location":"olenya"}', via_json: '["reuters"]', lo: 1, hi: 2, lo_strict: 0, hi_strict: 0 } as Record<string, unknown>)[c] ?? null)
    const [a, b] = [read(values("a")), read(values("b"))]
    expect(a.scope).toBe(b.scope)
    expect(a.via).toBe(b.via)
    expect(Object.isFrozen(a.scope) && Object.isFrozen(a.via)).toBe(true)
    expect(() => (a.via as string[]).push("tass")).toThrow(TypeError)
    expect(b.via).toEqual(["reuters"])
  })
})
