import { fc, test } from "@fast-check/vitest"
import { Chunk, Effect, Stream } from "effect"
import * as path from "node:path"
import { afterEach, describe, expect } from "vitest"
import { ingestPaths } from "../../../src/ingest/ingest-paths.js"
import { Ledger } from "../../../src/ledger/ledger.js"
import { ledgerLayer } from "../../../src/ledger/ledger-layer.js"
import { CLAIM_SORT_FIELDS, type ClaimSelection } from "../../../src/ledger/ledger-rows.js"
import { tempDir } from "../../support/temp-dir.js"
import { contractLines, writeContractFiles } from "./contract-data.js"
import { IMPLEMENTATIONS } from "./implementations.js"

const EVENTS = 4
const RECORDS = 300

/**
 * The claim lists of the ledger service on every implementation: `claims`, `streamClaims` and
 * `countClaims` agree with each other and with sorting, offsetting and limiting the whole list
 * by hand, for any selection.
 */
describe.each(IMPLEMENTATIONS)("claim lists on $name", (impl) => {
  const made: string[] = []
  afterEach(async () => {
    for (const l of made.splice(0)) await impl.drop(l)
  })

  const filled = async () => {
    const location = await impl.fresh()
    made.push(location)
    // the claim files live in a folder of their own: a PostgreSQL location is a URL, not a path
    const dir = tempDir()
    const folder = writeContractFiles(dir, EVENTS, { "claims.ndjson": contractLines(0, RECORDS, EVENTS) })
    await Effect.runPromise(ingestPaths([path.join(dir, "claims.ndjson")], { dataset: folder }).pipe(Effect.provide(ledgerLayer(location))))
    return location
  }

  const selection = fc.record({
    event: fc.option(fc.constantFrom("ev0", "ev1", "ev3", "nothing"), { nil: undefined }),
    metric: fc.option(fc.constantFrom("hit", "damaged", "destroyed"), { nil: undefined }),
    source: fc.option(fc.constantFrom("s1", "s2", "s3"), { nil: undefined }),
    scopeKey: fc.option(fc.constantFrom("", "type=tu95", "type=bomber"), { nil: undefined }),
    limit: fc.option(fc.nat({ max: 120 }), { nil: undefined }),
    offset: fc.option(fc.nat({ max: 120 }), { nil: undefined }),
    sort: fc.option(fc.record({ field: fc.constantFrom(...CLAIM_SORT_FIELDS), descending: fc.boolean() }), { nil: undefined }),
  }, { requiredKeys: [] })

  test.prop([selection], { numRuns: 25 })("a stream, a list and a count agree, and match sorting and paging by hand", async (s: ClaimSelection) => {
    const location = await filled()
    const got = await Effect.runPromise(Effect.gen(function* () {
      const l = yield* Ledger
      const everything = yield* l.claims({})
      const listed = yield* l.claims(s)
      const streamed = Chunk.toReadonlyArray(yield* Stream.runCollect(l.streamClaims(s)))
      const counted = yield* l.countClaims(s)
      return { everything, listed, streamed, counted }
    }).pipe(Effect.provide(ledgerLayer(location, { writer: false }))))
    const column: Record<string, string> = { id: "claim_id", scope: "scope_key", value: "value_text" }
    const key = (r: Record<string, unknown>) => r[column[s.sort?.field ?? ""] ?? s.sort?.field ?? "seq"]
    const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as number) < (b as number) ? -1 : 1)
    const matching = got.everything.filter((r) =>
      (s.event === undefined || r.event === s.event) && (s.metric === undefined || r.metric === s.metric) &&
      (s.source === undefined || r.source === s.source) && (s.scopeKey === undefined || r.scope_key === s.scopeKey))
    const sorted = [...matching].sort((a, b) => {
      const d = s.sort === undefined ? 0 : cmp(key(a as never), key(b as never))
      return (s.sort?.descending ? -1 : 1) * (d !== 0 ? d : a.seq - b.seq)
    })
    const offset = s.offset ?? 0
    const want = sorted.slice(offset, s.limit === undefined ? undefined : offset + s.limit)
    expect(got.listed.map((r) => r.claim_id)).toEqual(want.map((r) => r.claim_id))
    expect(got.streamed).toEqual(got.listed)
    expect(got.counted).toBe(matching.length)
  }, 120_000)

  test.prop([fc.integer({ min: 1, max: 250 })], { numRuns: 5 })("a stream read in part gives its first rows and closes the statement", async (take) => {
    const location = await filled()
    const { first, after } = await Effect.runPromise(Effect.gen(function* () {
      const l = yield* Ledger
      const first = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(l.streamClaims({}), take)))
      // the connection is free again: a write after a stream left early goes through
      const after = yield* l.markAllStale()
      return { first, after }
    }).pipe(Effect.provide(ledgerLayer(location))))
    expect(first.map((r) => r.claim_id)).toEqual(Array.from({ length: take }, (_, i) => `r${i}`))
    expect(after).toBeGreaterThan(0)
  }, 120_000)
})
