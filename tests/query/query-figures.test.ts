import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { queryConflicts } from "../../src/query/query-conflicts.js"
import { queryFigures } from "../../src/query/query-figures.js"
import { runWithLedger } from "../support/run-with-ledger.js"
import { writeFiles } from "../support/temp-dir.js"

// One ledger per describe, shared by its tests (tempDir's folders go after each test).
const dirs: string[] = []
const sharedDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reckon-query-"))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

const TALLY = [
  "name: t",
  "events: [{ id: war }]",
  "sources: [{ id: gs }, { id: oryx }]",
  "metrics: [{ id: tanks, cumulative: true }]",
].join("\n")
const tallyClaims = [
  { id: "gs-1", source: "gs", at: "2025-01-01", value: 100 },
  { id: "gs-3", source: "gs", at: "2025-01-03", value: 120 },
  { id: "oryx-2", source: "oryx", at: "2025-01-02", value: "at least 130" },
].map((r) => JSON.stringify({ event: "war", metric: "tanks", quote: "x", stated: r.at, ...r })).join("\n")

describe("queries on the spider-web dataset", () => {
  let db = ""
  beforeAll(async () => {
    db = path.join(sharedDir(), "l.db")
    await runWithLedger(db, ingestPaths([path.resolve("datasets/spider-web")]))
  })

  it("--status keeps only the figures with that status", async () => {
    const figures = await runWithLedger(db, queryFigures({ event: "spider-web", status: "conflict" }))
    expect(figures.length).toBeGreaterThan(0)
    expect(figures.every((f) => f.status === "conflict")).toBe(true)
    expect(figures.map((f) => `${f.metric}${JSON.stringify(f.scope)}`)).toContain("aircraft.hit{}")
  })

  it("--as-of counts only the claims stated by then", async () => {
    // By June 4 only the footage and the imagery were stated: no SBU 41, no NATO figures yet.
    const asOf = await runWithLedger(db, queryFigures({ event: "spider-web", asOf: "2025-06-04" }))
    const ids = new Set(asOf.flatMap((f) => f.claims.map((c) => c.id)))
    expect(ids.has("sbu-hit-41")).toBe(false)
    expect(ids.has("nato-destroyed-13")).toBe(false)
    expect(ids.has("avivector-olenya-tu95ms-4")).toBe(true)
    expect(asOf.some((f) => f.status === "conflict")).toBe(false)
  })

  it("a declared scope value with no claims of its own, without --metric: its derived figure for every metric of the event", async () => {
    const all = await runWithLedger(db, queryFigures({ event: "spider-web", scope: { type: "bomber" } }))
    expect(all.map((f) => f.metric)).toEqual(["aircraft.damaged", "aircraft.destroyed", "aircraft.hit", "missiles.launched-by-destroyed"])
    // The same figures as asked one metric at a time (SPEC §4.8: with or without --metric).
    for (const f of all) {
      const [one] = await runWithLedger(db, queryFigures({ event: "spider-web", metric: f.metric, scope: { type: "bomber" } }))
      expect(one).toEqual(f)
    }
    // The values of datasets/spider-web/expect.yaml: 7 + 4 + 0 .. 13 - 1 destroyed, the footage floors for hit.
    expect(all.find((f) => f.metric === "aircraft.destroyed")).toMatchObject({ status: "derived", range: { lo: 11, hi: 12 }, best: 11 })
    expect(all.find((f) => f.metric === "aircraft.hit")).toMatchObject({ range: { lo: 12, hi: 50 } })
    // Nothing bounds the missiles launched by the bombers: no data, but asked, so answered.
    expect(all.find((f) => f.metric === "missiles.launched-by-destroyed")).toMatchObject({ status: "no-data", range: null })
  })

  it("a scope with claims for some metrics only: those figures, and the derived ones of the other metrics", async () => {
    // The SBU footage gives Diaghilev a floor for hit; destroyed there is bounded by the relations only.
    const all = await runWithLedger(db, queryFigures({ event: "spider-web", scope: { location: "diaghilev" } }))
    expect(all.map((f) => [f.metric, f.status])).toEqual(expect.arrayContaining([["aircraft.destroyed", "derived"]]))
    expect(all.map((f) => f.metric)).toEqual(["aircraft.damaged", "aircraft.destroyed", "aircraft.hit", "missiles.launched-by-destroyed"])
    expect(all.find((f) => f.metric === "aircraft.destroyed")).toMatchObject({ range: { lo: 0, hi: 3 }, best: 0 })
    expect(all.find((f) => f.metric === "aircraft.hit")!.voices).toBe(1)
  })
})

describe("queries on a running tally", () => {
  let db = ""
  beforeAll(async () => {
    const dir = writeFiles(sharedDir(), { "t/dataset.yaml": TALLY, "t/claims.ndjson": tallyClaims })
    db = path.join(dir, "l.db")
    await runWithLedger(db, ingestPaths([path.join(dir, "t")]))
  })

  it("--at gives the figure true at that time: ≥ the tally before it, ≤ the tally after it", async () => {
    const [f] = await runWithLedger(db, queryFigures({ event: "war", metric: "tanks", at: "2025-01-02" }))
    // gs: ≥ 100 (Jan 1) and ≤ 120 (Jan 3); oryx: ≥ 130 on Jan 2: they cannot both hold, an equal-weight tie.
    expect(f).toMatchObject({ at: "2025-01-02", status: "conflict", range: { lo: 100, hi: null }, best: null })
  })

  it("conflicts --at and without: the same conflict, at its date", async () => {
    const at = await runWithLedger(db, queryConflicts({ event: "war", at: "2025-01-02" }))
    // Each side of the tie is contested by the other: gs's voice (from its Jan 1 and Jan 3 tallies) and oryx's.
    expect(at.map((c) => [c.at, c.metric, c.claims])).toHaveLength(2)
    expect(at.map((c) => [c.at, c.metric, c.claims])).toEqual(expect.arrayContaining([
      ["2025-01-02", "tanks", ["oryx-2"]], ["2025-01-02", "tanks", ["gs-1", "gs-3"]],
    ]))
    const all = await runWithLedger(db, queryConflicts({ event: "war" }))
    expect(all.filter((c) => c.at === "2025-01-02")).toHaveLength(at.length)
  })
})
