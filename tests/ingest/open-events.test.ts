import { Effect, Either } from "effect"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import type { Rejection } from "../../src/ingest/ingest-file.js"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { queryFigures } from "../../src/query/query-figures.js"
import { line, SMALL_CATALOG } from "../support/small-dataset.js"
import { query, runWithLedger } from "../support/run-with-ledger.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const OPEN = SMALL_CATALOG.replace("name: small\n", "name: small\nopen_events: true\n")
const claim = (event: string, value: number, id: string) => line({ id, event, metric: "aircraft.hit", source: "sbu", value, quote: "q" })

const ingest = async (db: string, paths: string[], options: Parameters<typeof ingestPaths>[1] = {}) => {
  const rejections: Rejection[] = []
  const summary = await runWithLedger(db, ingestPaths(paths, { ...options, onRejection: (r) => rejections.push(r) }))
  return { summary, rejections }
}

describe("open_events: true (SPEC §2.1)", () => {
  it("is read from the catalog, and absent leaves the catalog as it was (same hash)", () => {
    const open = parseCatalog(OPEN)
    const closed = parseCatalog(SMALL_CATALOG)
    expect(open.ok && open.catalog.openEvents).toBe(true)
    expect(closed.ok && "openEvents" in closed.catalog).toBe(false)
    expect(parseCatalog(SMALL_CATALOG.replace("name: small\n", "name: small\nopen_events: maybe\n"))).toEqual({
      ok: false, problems: ['field "open_events": Invalid input: expected boolean, received string'],
    })
  })

  it("takes claims of undeclared events; listed events keep their title and date; figures are made and queried", async () => {
    const dir = tempDir()
    const dataset = path.join(dir, "small")
    writeFiles(dataset, { "dataset.yaml": OPEN, "claims.ndjson": [claim("flight-1", 3, "a"), claim("flight-2", 5, "b"), claim("strike", 7, "c")].join("\n") })
    const db = path.join(dir, "l.db")
    const { summary, rejections } = await ingest(db, [dataset])
    expect(rejections).toEqual([])
    expect(summary.files[0]).toMatchObject({ read: 3, inserted: 3, rejected: 0 })
    expect(query(db, "SELECT event, dataset FROM claims ORDER BY event")).toEqual([
      { event: "flight-1", dataset: "small" }, { event: "flight-2", dataset: "small" }, { event: "strike", dataset: "small" },
    ])
    expect(query(db, "SELECT id, title, date FROM events")).toEqual([{ id: "strike", title: "A strike", date: "2025-06-01" }])
    const figures = await runWithLedger(db, queryFigures({ event: "flight-2", metric: "aircraft.hit" }))
    expect(figures.map((f) => [f.event, f.range])).toEqual([["flight-2", { lo: 5, hi: 5 }]])
  })

  it("without it an undeclared event is rejected, which catches typos", async () => {
    const dir = tempDir()
    const dataset = path.join(dir, "small")
    writeFiles(dataset, { "dataset.yaml": SMALL_CATALOG, "claims.ndjson": [claim("strkie", 3, "a"), claim("strike", 4, "b")].join("\n") })
    const { summary, rejections } = await ingest(path.join(dir, "l.db"), [dataset])
    expect(summary.files[0]).toMatchObject({ read: 2, inserted: 1, rejected: 1 })
    expect(rejections.map((r) => r.reason)).toEqual(['unknown event "strkie" (not declared in dataset "small")'])
  })

  it("an event another dataset declares stays that dataset's, and a catalog cannot declare an event another dataset's claims hold", async () => {
    const dir = tempDir()
    const other = SMALL_CATALOG.replace("name: small", "name: other").replace("id: strike", "id: flight-9")
    writeFiles(dir, {
      "small/dataset.yaml": OPEN, "small/claims.ndjson": [claim("flight-9", 3, "a"), claim("flight-1", 4, "b")].join("\n"),
      "other/dataset.yaml": other,
      "late/dataset.yaml": SMALL_CATALOG.replace("name: small", "name: late").replace("id: strike", "id: flight-1"),
    })
    const db = path.join(dir, "l.db")
    const { rejections } = await ingest(db, [path.join(dir, "other"), path.join(dir, "small")])
    expect(rejections.map((r) => r.reason)).toEqual(['event "flight-9" belongs to dataset "other", not "small"'])
    const late = await runWithLedger(db, Effect.either(ingestPaths([path.join(dir, "late")])))
    expect(Either.isLeft(late) && late.left).toMatchObject({
      _tag: "CatalogError", problems: ['event "flight-1" already has claims of dataset "small" (which takes any event)'],
    })
  })

  it("a claim file of no named dataset goes to the one catalog that takes any event, and is refused when several do", async () => {
    const dir = tempDir()
    writeFiles(dir, {
      "small/dataset.yaml": OPEN,
      "loose.ndjson": claim("flight-7", 2, "x"),
    })
    const db = path.join(dir, "l.db")
    await ingest(db, [path.join(dir, "small")])
    const one = await ingest(db, [path.join(dir, "loose.ndjson")])
    expect(one.summary.files[0]).toMatchObject({ inserted: 1 })
    writeFiles(dir, { "second/dataset.yaml": OPEN.replace("name: small", "name: second").replace("id: strike", "id: strike-2") })
    await ingest(db, [path.join(dir, "second")])
    writeFiles(dir, { "loose2.ndjson": claim("flight-8", 2, "y") })
    const two = await ingest(db, [path.join(dir, "loose2.ndjson")])
    expect(two.rejections.map((r) => r.reason)).toEqual(['unknown event "flight-8" (datasets "small", "second" take any event: name one with --dataset)'])
  })
})
