import { fc, test } from "@fast-check/vitest"
import { stringify } from "csv-stringify/sync"
import { describe, expect, it } from "vitest"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { prepareClaim } from "../../src/ingest/prepare-claim.js"
import { readRecordsFrom } from "../../src/ingest/read-records.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"

const parsed = parseCatalog(SMALL_CATALOG)
if (!parsed.ok) throw new Error(parsed.problems.join("; "))
const index = buildCatalogIndex([parsed.catalog])
const origin = { file: "t.ndjson", line: 1, raw: "" }
const prepare = (record: unknown) => prepareClaim(record, origin, index, "small")
const base = { event: "strike", metric: "aircraft.hit", source: "sbu", value: 3 }

describe("scope keys that are not declared dimensions are rejected, never mapped to all", () => {
  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])("%s", (key) => {
    const record = JSON.parse(`{"event":"strike","metric":"aircraft.hit","source":"sbu","value":3,"scope":{"${key}":"belaya"}}`)
    const r = prepare(record)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(new RegExp(`"${key}"`))
  })

  it("still accepts a declared dimension", () => {
    expect(prepare({ ...base, scope: { location: "belaya" } })).toMatchObject({ ok: true, claim: { scope_json: '{"location":"belaya"}' } })
  })
})

describe("times are stored as UTC only while they keep a four-digit year", () => {
  it("normalizes an offset to UTC", () => {
    expect(prepare({ ...base, at: "2025-06-01T10:00:00+01:00" })).toMatchObject({ ok: true, claim: { at: "2025-06-01T09:00:00.000Z" } })
    expect(prepare({ ...base, stated: "9999-12-31T23:59:59+12:00" })).toMatchObject({ ok: true, claim: { stated: "9999-12-31T11:59:59.000Z" } })
  })

  it("rejects a time that UTC would move into year 10000 (stored as +010000-…, it would sort wrongly)", () => {
    const r = prepare({ ...base, at: "9999-12-31T23:59:59-12:00" })
    expect(r).toEqual({ ok: false, reason: 'field "at": is outside the years 0000-9999 once converted to UTC (stored times are UTC, and must sort as text)' })
  })
})

const recordArb = fc.record({
  id: fc.option(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.nat({ max: 99999 })), { nil: undefined }),
  metric: fc.constantFrom("aircraft.hit", "aircraft.damaged", "aircraft.destroyed"),
  source: fc.constantFrom("sbu", "SBU", "isw", "avivector"),
  value: fc.oneof(
    fc.nat({ max: 10_000 }),
    fc.constantFrom("at least 5", "up to 13", "about 40", "four"),
    fc.record({ lo: fc.nat({ max: 10 }), hi: fc.integer({ min: 10, max: 20 }) }),
  ),
  location: fc.option(fc.constantFrom("belaya", "olenya"), { nil: undefined }),
  via: fc.array(fc.constantFrom("isw", "suspilne"), { maxLength: 2 }),
  quote: fc.option(fc.string({ maxLength: 30 }).filter((q) => q.trim() === q && q !== ""), { nil: undefined }),
})

/** The record as an NDJSON line would give it, and as a CSV row would (every cell text). */
const asNdjson = (r: fc.RecordValue<typeof recordArb>) => ({
  ...(r.id !== undefined ? { id: r.id } : {}), event: "strike", metric: r.metric, source: r.source, value: r.value,
  ...(r.location ? { scope: { location: r.location } } : {}), ...(r.via.length > 0 ? { via: r.via } : {}), ...(r.quote !== undefined ? { quote: r.quote } : {}),
})
const asCsv = (r: fc.RecordValue<typeof recordArb>): string => {
  const value = typeof r.value === "object" ? ["", String(r.value.lo), String(r.value.hi)] : [String(r.value), "", ""]
  return stringify([
    ["id", "event", "metric", "source", "value", "value.lo", "value.hi", "scope.location", "via", "quote"],
    [r.id ?? "", "strike", r.metric, r.source, ...value, r.location ?? "", r.via.join(">"), r.quote ?? ""],
  ])
}

describe("the same claim as NDJSON and as CSV is one claim (content compared after typing)", () => {
  it("hashes 41 and \"41\" alike", async () => {
    const a = prepare({ ...base, id: 7, value: 41 })
    const b = prepare({ ...base, id: "7", value: "41" })
    expect(a.ok && b.ok && a.claim.content_hash).toBe(b.ok && b.claim.content_hash)
    const c = prepare({ ...base, value: "41 aircraft" })
    expect(c.ok && c.claim.content_hash).not.toBe(a.ok && a.claim.content_hash)
  })

  test.prop([recordArb])("a record read from CSV hashes as the same record read from NDJSON", async (r) => {
    const items = []
    for await (const item of readRecordsFrom([Buffer.from(asCsv(r))], "csv")) items.push(item)
    expect(items).toHaveLength(1)
    expect(items[0]!.kind).toBe("record")
    const fromCsv = prepare((items[0] as { value: unknown }).value)
    const fromNdjson = prepare(JSON.parse(JSON.stringify(asNdjson(r))))
    expect(fromCsv.ok).toBe(true)
    expect(fromCsv).toEqual({ ...fromNdjson, ...(fromNdjson.ok && fromCsv.ok ? { claim: { ...fromNdjson.claim, raw: fromCsv.claim.raw } } : {}) })
  })
})
