import { Effect, Either } from "effect"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import type { Rejection } from "../../src/ingest/ingest-file.js"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { GOOD_CLAIMS, line, SMALL_CATALOG } from "../support/small-dataset.js"
import { query, runWithLedger, scalar } from "../support/run-with-ledger.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const setup = (files: Record<string, string | Buffer>) => {
  const dir = tempDir()
  const dataset = path.join(dir, "small")
  writeFiles(dataset, { "dataset.yaml": SMALL_CATALOG, ...files })
  return { dir, dataset, db: path.join(dir, "ledger.db") }
}

const ingest = async (db: string, paths: string[], options: Parameters<typeof ingestPaths>[1] = {}) => {
  const rejections: Rejection[] = []
  const summary = await runWithLedger(db, ingestPaths(paths, { ...options, onRejection: (r) => rejections.push(r) }))
  return { summary, rejections }
}

const count = (db: string, table: string) => scalar(db, `SELECT COUNT(*) AS n FROM ${table}`)

const accounted = (f: { read: number; inserted: number; duplicates: number; rejected: number }) =>
  expect(f.read).toBe(f.inserted + f.duplicates + f.rejected)

/** One bad record for every kind of SPEC §8 bad input that lives inside a claim file. */
const BAD = {
  malformed: '{"id": "x", "event": "strike",',
  unknownSource: line({ event: "strike", metric: "aircraft.hit", source: "nobody", value: 3 }),
  unknownEvent: line({ event: "nowhere", metric: "aircraft.hit", source: "sbu", value: 3 }),
  unknownMetric: line({ event: "strike", metric: "aircraft.lost", source: "sbu", value: 3 }),
  unknownScope: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: 3, scope: { location: "mars" } }),
  unreadable: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: "lots of them" }),
  relative: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: "half of the aircraft" }),
  loAboveHi: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: { lo: 15, hi: 10 } }),
  negative: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: -3 }),
  badDate: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: 3, stated: "2025-02-30" }),
  missingField: line({ event: "strike", metric: "aircraft.hit", value: 3 }),
  unknownField: line({ event: "strike", metric: "aircraft.hit", source: "sbu", value: 3, sorce: "x" }),
}

describe("ingestPaths", () => {
  it("stores a dataset folder's claims and accounts for every record", async () => {
    const { dataset, db } = setup({ "claims.ndjson": GOOD_CLAIMS.join("\n") })
    const { summary, rejections } = await ingest(db, [dataset])
    expect(rejections).toEqual([])
    expect(summary.files).toHaveLength(1)
    expect(summary.files[0]).toMatchObject({ read: 4, inserted: 4, duplicates: 0, rejected: 0, outcome: "ok" })
    expect(await count(db, "claims")).toBe(4)
    const stored = query(db, "SELECT * FROM claims WHERE claim_id = 'sbu-hit-41'")[0] as Record<string, unknown>
    expect(stored).toMatchObject({
      source: "sbu", value_text: "41 aircraft", lo: 41, hi: 41, via_json: '["isw"]', certainty: "asserted",
      file: path.join(dataset, "claims.ndjson"), line: 1, raw: GOOD_CLAIMS[0],
    })
    const upTo = query(db, "SELECT lo, hi FROM claims WHERE claim_id = 'nato-destroyed-13'")[0]
    expect(upTo).toEqual({ lo: 0, hi: 13 })
  })

  it("stores nothing the second time: the same dataset is all duplicates", async () => {
    const { dataset, db } = setup({ "claims.ndjson": GOOD_CLAIMS.join("\n") })
    await ingest(db, [dataset])
    const again = await ingest(db, [dataset])
    expect(again.summary.files[0]).toMatchObject({ read: 4, inserted: 0, duplicates: 4, rejected: 0 })
    expect(again.summary.components).toBe(0)
    expect(await count(db, "claims")).toBe(4)
    expect(await count(db, "ingest_runs")).toBe(2)
  })

  it("stores the good records of a mixed file and rejects every bad one with its line and reason", async () => {
    const lines = [GOOD_CLAIMS[0]!, ...Object.values(BAD), GOOD_CLAIMS[1]!]
    const { dataset, db } = setup({ "claims.ndjson": lines.join("\n") })
    const { summary, rejections } = await ingest(db, [dataset])
    const file = path.join(dataset, "claims.ndjson")
    const f = summary.files[0]!
    expect(f).toMatchObject({ read: lines.length, inserted: 2, rejected: Object.keys(BAD).length, outcome: "rejected" })
    accounted(f)
    const reasons = Object.fromEntries(Object.keys(BAD).map((k, i) => [k, rejections.find((r) => r.line === i + 2)?.reason]))
    expect(reasons).toEqual({
      malformed: expect.stringMatching(/^malformed JSON/),
      unknownSource: 'unknown source "nobody"',
      unknownEvent: 'unknown event "nowhere" (not declared in dataset "small")',
      unknownMetric: 'unknown metric "aircraft.lost"',
      unknownScope: 'unknown value "mars" of dimension "location"',
      unreadable: expect.stringContaining('"lots of them"'),
      relative: expect.stringMatching(/relative quantit.*not supported yet/),
      loAboveHi: expect.stringMatching(/lo 15 > hi 10|15.*10/),
      negative: expect.stringMatching(/negative/),
      badDate: expect.stringMatching(/^field "stated": must be an ISO date/),
      missingField: 'missing required field "source"',
      unknownField: 'unknown field "sorce"',
    })
    expect(rejections.every((r) => r.file === file)).toBe(true)
    const quarantined = query<{ line: number; raw: string }>(db, "SELECT line, raw, reason FROM rejected_records ORDER BY line")
    expect(quarantined).toHaveLength(Object.keys(BAD).length)
    expect(quarantined.map((q) => q.raw)).toEqual(Object.values(BAD))
  })

  it("under --strict stores nothing from a file with a bad record, but keeps every record in quarantine", async () => {
    const { dataset, db } = setup({
      "a.ndjson": [GOOD_CLAIMS[0], BAD.unknownSource, GOOD_CLAIMS[1]].join("\n"),
      "b.ndjson": [GOOD_CLAIMS[2]].join("\n"),
    })
    const { summary, rejections } = await ingest(db, [dataset], { strict: true })
    expect(summary.files.map((f) => [f.outcome, f.inserted, f.rejected])).toEqual([["rolled-back", 0, 3], ["ok", 1, 0]])
    summary.files.forEach(accounted)
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([[2, 'unknown source "nobody"']])
    expect(await count(db, "claims")).toBe(1)
    expect(await count(db, "rejected_records")).toBe(3)
  })

  it("refuses a different record that reuses a stored id", async () => {
    const { dataset, db } = setup({ "claims.ndjson": GOOD_CLAIMS[0]! })
    await ingest(db, [dataset])
    const changed = line({ id: "sbu-hit-41", event: "strike", metric: "aircraft.hit", source: "sbu", value: 42 })
    const dir2 = writeFiles(tempDir(), { "more.ndjson": changed })
    const { summary, rejections } = await ingest(db, [path.join(dir2, "more.ndjson")])
    expect(summary.files[0]).toMatchObject({ inserted: 0, rejected: 1 })
    expect(rejections[0]!.reason).toMatch(/^duplicate id "sbu-hit-41"/)
  })

  it("reads CSV, JSON arrays and gzipped files of the same dataset", async () => {
    const csv = "id,event,metric,source,value,scope.location,scope.type,via\n" +
      "c1,strike,aircraft.destroyed,avivector,at least 2,belaya,Tu-95,isw\n" +
      "c2,strike,aircraft.hit,sbu,about 40,,,isw>suspilne\n"
    const json = JSON.stringify([JSON.parse(GOOD_CLAIMS[0]!), JSON.parse(GOOD_CLAIMS[1]!)])
    const { dataset, db } = setup({ "a.csv": csv, "b.json.gz": gzipSync(json), "c.ndjson.gz": gzipSync(GOOD_CLAIMS[2]!) })
    const { summary, rejections } = await ingest(db, [dataset])
    expect(rejections).toEqual([])
    expect(summary.files.map((f) => f.inserted)).toEqual([2, 2, 1])
    const c2 = query(db, "SELECT lo, hi, via_json, scope_json FROM claims WHERE claim_id = 'c2'")[0]
    expect(c2).toEqual({ lo: 36, hi: 44, via_json: '["isw","suspilne"]', scope_json: "{}" })
  })

  it("ingests a claim file under --dataset, and later from the catalog already in the ledger", async () => {
    const { dir, dataset, db } = setup({})
    writeFiles(dir, { "loose.ndjson": GOOD_CLAIMS[0]!, "later.ndjson": GOOD_CLAIMS[1]! })
    const first = await ingest(db, [path.join(dir, "loose.ndjson")], { dataset })
    expect(first.summary.files[0]!.inserted).toBe(1)
    const second = await ingest(db, [path.join(dir, "later.ndjson")])
    expect(second.summary.files[0]!.inserted).toBe(1)
  })

  it("fails with a clear error for a missing path, a non-claim file, or a claim file without any catalog", async () => {
    const dir = writeFiles(tempDir(), { "notes.txt": "x", "c.ndjson": GOOD_CLAIMS[0]! })
    const db = path.join(dir, "l.db")
    const run = (paths: string[]) => runWithLedger(db, Effect.either(ingestPaths(paths)))
    const missing = await run([path.join(dir, "nope")])
    expect(Either.isLeft(missing) && missing.left).toMatchObject({ _tag: "InputError", message: "no such file or folder" })
    const txt = await run([path.join(dir, "notes.txt")])
    expect(Either.isLeft(txt) && txt.left).toMatchObject({ _tag: "InputError", message: expect.stringMatching(/not a claim file/) })
    const noCatalog = await run([path.join(dir, "c.ndjson")])
    expect(Either.isLeft(noCatalog) && noCatalog.left).toMatchObject({ _tag: "InputError", message: expect.stringMatching(/--dataset/) })
  })

  it("refuses a catalog that contradicts itself, listing every problem", async () => {
    const dir = writeFiles(tempDir(), { "bad/dataset.yaml": "name: bad\nmetrics: [{ id: w, parts: [ghost] }, { id: w }]\n" })
    const r = await runWithLedger(path.join(dir, "l.db"), Effect.either(ingestPaths([path.join(dir, "bad")])))
    expect(Either.isLeft(r) && r.left).toMatchObject({
      _tag: "CatalogError",
      problems: ['duplicate metric id "w"', 'metric "w": part "ghost" is not a declared metric'],
    })
  })

  it("accounts for an empty file and a file whose gzip stream is corrupt", async () => {
    const good = gzipSync([GOOD_CLAIMS[0], GOOD_CLAIMS[1]].join("\n"))
    const corrupt = Buffer.concat([good.subarray(0, good.length - 12), Buffer.from("garbage!garbage!")])
    const { dataset, db } = setup({ "a-empty.ndjson": "", "b-corrupt.ndjson.gz": corrupt })
    const { summary, rejections } = await ingest(db, [dataset])
    expect(summary.files[0]).toMatchObject({ read: 0, inserted: 0, outcome: "ok" })
    // the records before the break are stored; the break itself is one rejected record
    expect(summary.files[1]).toMatchObject({ outcome: "rejected", rejected: 1 })
    expect(rejections.at(-1)!.reason).toMatch(/^the file breaks off here/)
    summary.files.forEach(accounted)
  })
})
