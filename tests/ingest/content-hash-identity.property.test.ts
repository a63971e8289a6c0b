import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { prepareClaim } from "../../src/ingest/prepare-claim.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"

const parsed = parseCatalog(SMALL_CATALOG)
if (!parsed.ok) throw new Error(parsed.problems.join("; "))
const index = buildCatalogIndex([parsed.catalog])
const prepared = (record: object) => {
  const r = prepareClaim(record, { file: "t.ndjson", line: 1, raw: JSON.stringify(record) }, index, "small")
  if (!r.ok) throw new Error(r.reason)
  return r.claim
}

const record = fc.record({
  event: fc.constant("strike"),
  metric: fc.constantFrom("aircraft.hit", "aircraft.destroyed", "aircraft.damaged"),
  source: fc.constantFrom("sbu", "SBU", "isw", "avivector"),
  value: fc.oneof(fc.nat({ max: 100 }), fc.constantFrom("41", "at least 5", "up to 13", "12-14")),
  quote: fc.string({ maxLength: 8 }),
}, { requiredKeys: ["event", "metric", "source", "value"] })
const id = fc.option(fc.oneof(fc.constantFrom("a", "b", "1"), fc.string({ minLength: 1, maxLength: 4 }).filter((s) => s.trim() === s && s !== "")), { nil: undefined })
const withId = (r: object, i: string | undefined) => (i === undefined ? r : { id: i, ...r })

/**
 * Migration 0012 leaves duplicate detection to the (dataset, id) key alone, because the content
 * hash is taken of the record with its id: records of one content hash have one id, and records
 * under different ids (or one with and one without) never share a hash.
 */
describe("a claim's content hash and its id", () => {
  test.prop([record, id, id])("records whose ids differ never share a content hash", (r, a, b) => {
    const [x, y] = [prepared(withId(r, a)), prepared(withId(r, b))]
    expect(x.content_hash === y.content_hash).toBe(x.claim_id === y.claim_id)
    expect(x.content_hash === y.content_hash).toBe(a === b)
  })

  test.prop([record, id])("a record without an id is named by its hash", (r, a) => {
    const c = prepared(withId(r, a))
    expect(c.claim_id).toBe(a ?? `h-${c.content_hash.slice(0, 16)}`)
  })
})
