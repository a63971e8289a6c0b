import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { prepareClaim } from "../../src/ingest/prepare-claim.js"

const CATALOG = `
name: tolls
events: [{ id: maria }]
sources: [{ id: gov }]
metrics:
  - { id: deaths, unit: deaths }
  - { id: helos, unit: helicopters (rotary-wing) }
  - { id: area, kind: real }
`

const prepare = (line: string) => {
  const parsed = parseCatalog(CATALOG)
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
  return prepareClaim(JSON.parse(line), { file: "c.ndjson", line: 1, raw: line }, buildCatalogIndex([parsed.catalog]), "tolls")
}

describe("prepareClaim reads values with the metric's unit and the record's own digits", () => {
  it("a JSON number beyond 2^53 is rejected quoting the digits written, not the rounded float", () => {
    const r = prepare('{"event":"maria","metric":"deaths","source":"gov","value":9007199254740993,"quote":"q"}')
    expect(r).toEqual({ ok: false, reason: "value 9007199254740993 is too large to store exactly (beyond 2^53 = 9007199254740992)" })
  })

  it("a phrase may end with the metric's unit, singular or plural, its note in brackets left out", () => {
    expect(prepare('{"event":"maria","metric":"helos","source":"gov","value":"at least 3 helicopters","quote":"q"}')).toMatchObject({ ok: true, claim: { lo: 3, hi: null } })
    expect(prepare('{"event":"maria","metric":"helos","source":"gov","value":"one helicopter","quote":"q"}')).toMatchObject({ ok: true, claim: { lo: 1, hi: 1 } })
    expect(prepare('{"event":"maria","metric":"deaths","source":"gov","value":"3 helicopters","quote":"q"}'))
      .toEqual({ ok: false, reason: 'cannot read value "3 helicopters": "helicopters" is not understood' })
  })
})

describe("prepareClaim remembers phrases per metric, never across metrics", () => {
  const catalog = parseCatalog(`
name: memo
events: [{ id: e }]
sources: [{ id: s }]
metrics:
  - { id: tight, approx: 5 }
  - { id: loose, approx: 50 }
`)
  if (!catalog.ok) throw new Error(catalog.problems.join("\n"))
  const index = buildCatalogIndex([catalog.catalog])
  const claim = (metric: string, value: string) => {
    const line = JSON.stringify({ event: "e", metric, source: "s", value, quote: "q" })
    return prepareClaim(JSON.parse(line), { file: "m.ndjson", line: 1, raw: line }, index, "memo")
  }

  it("the same wording read for two metrics gives each metric's own interval, in any order, again and again", () => {
    for (let round = 0; round < 3; round++) {
      expect(claim("tight", "about 100")).toMatchObject({ ok: true, claim: { lo: 95, hi: 105, value_text: "about 100" } })
      expect(claim("loose", "about 100")).toMatchObject({ ok: true, claim: { lo: 50, hi: 150, value_text: "about 100" } })
    }
  })

  it("a remembered unreadable phrase is rejected each time with its reason", () => {
    const first = claim("tight", "a great many")
    expect(first.ok).toBe(false)
    expect(claim("tight", "a great many")).toEqual(first)
  })
})

describe("prepareClaim stores a bound as its number, an open side as null", () => {
  const bound = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)) // JSON has no -0
  // Small integers and doubles mixed, many records in a row: the form V8 once deoptimized again and again on.
  test.prop([fc.array(fc.tuple(fc.option(bound, { nil: undefined }), fc.option(bound, { nil: undefined })), { minLength: 1, maxLength: 200 })])(
    "lo and hi as given, null where the value leaves the side open",
    (pairs) => {
      for (const [a, b] of pairs) {
        const lo = a !== undefined && b !== undefined ? Math.min(a, b) : a
        const hi = a !== undefined && b !== undefined ? Math.max(a, b) : b
        const value = { ...(lo !== undefined ? { lo } : {}), ...(hi !== undefined ? { hi } : {}) }
        const r = prepare(JSON.stringify({ event: "maria", metric: "area", source: "gov", value, quote: "q" }))
        if (lo === undefined && hi === undefined) {
          expect(r.ok).toBe(false)
          continue
        }
        expect(r).toMatchObject({ ok: true, claim: { lo: lo ?? null, hi: hi ?? null } })
      }
    })
})
