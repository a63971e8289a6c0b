import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { allComponents, recomputeComponents } from "../../src/ledger/figure-store.js"
import { loadSourceWeights } from "../../src/ledger/source-weights.js"
import { computeFigures } from "../../src/query/query-figures.js"
import { learnSourceReliability } from "../../src/reliability/learn-source-reliability.js"
import { readLedgerObservations } from "../../src/reliability/ledger-observations.js"
import { loadCopyGroups, loadStoredReliability } from "../../src/reliability/stored-reliability.js"
import { runWithLedger, withLedger } from "../support/run-with-ledger.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"
import { reliabilityDatasetFiles } from "./reliability-dataset.js"

const ingested = async () => {
  const dir = writeFiles(tempDir(), reliabilityDatasetFiles())
  const db = path.join(dir, "ledger.db")
  await runWithLedger(db, ingestPaths([path.join(dir, "synthetic")]))
  return db
}

describe("migration 0003", () => {
  it("creates the reliability tables and a readable view on a fresh ledger", async () => {
    const db = path.join(tempDir(), "fresh.db")
    const names = await withLedger(db, (h) =>
      (h.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").pluck().all() as string[]))
    expect(names).toEqual(expect.arrayContaining(["source_reliability", "copy_groups", "copy_evidence", "source_reliability_readable"]))
    const applied = await withLedger(db, (h) => h.sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").pluck().all())
    expect(applied).toContain("0003-reliability")
    // Before anything is learned, reconciliation sees no learned weights.
    expect(await withLedger(db, (h) => loadSourceWeights(h).size)).toBe(0)
  })
})

describe("learnSourceReliability", () => {
  it("reads every point claim of the ledger as an observation", async () => {
    const db = await ingested()
    const { read, index, total } = await withLedger(db, (h) => ({
      ...readLedgerObservations(h),
      total: h.sqlite.prepare("SELECT COUNT(*) FROM claims").pluck().get() as number,
    }))
    expect(read).toBe(total)
    expect(index.items).toContain("tie|minutes")
    expect(index.sources).toContain("copy-b")
  })

  it("stores learned weights that loadSourceWeights hands to reconcile, and the copy group with its evidence", async () => {
    const db = await ingested()
    const learned = await withLedger(db, (h) => learnSourceReliability(h))
    const stored = await withLedger(db, loadStoredReliability)
    const weights = await withLedger(db, loadSourceWeights)
    expect([...stored.keys()].sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    for (const [s, r] of stored) {
      expect(weights.get(s)).toBeCloseTo(r.learnedWeight * r.discount, 9)
      expect(r.weight).toBe(weights.get(s))
    }
    const w = (s: string) => weights.get(s)!
    expect(w("reliable")).toBeGreaterThan(w("decent-1"))
    expect(w("decent-1")).toBeGreaterThan(w("sloppy"))
    expect(stored.get("reliable")!.error).toBeLessThan(stored.get("sloppy")!.error)

    const groups = await withLedger(db, loadCopyGroups)
    expect(groups.map((g) => g.sources)).toEqual([["copy-a", "copy-b", "sloppy"]])
    expect(stored.get("copy-a")!.copyGroup).toBe(groups[0]!.id)
    expect(stored.get("decent-1")!.copyGroup).toBeNull()
    expect(stored.get("sloppy")!.discount).toBeCloseTo(1 / 3, 9)
    for (const e of groups[0]!.evidence) {
      expect(e.sharedFalse).toBe(e.bothFalse)
      expect(e.expectedSharedFalse).toBeLessThan(e.sharedFalse)
      expect(e.score).toBeGreaterThan(50)
    }
    expect(learned.reliability.groups).toHaveLength(1)
  })

  it("replaces the previous results instead of adding to them", async () => {
    const db = await ingested()
    await withLedger(db, (h) => learnSourceReliability(h))
    await withLedger(db, (h) => learnSourceReliability(h, { options: { lossScale: 0, priorClaims: 10, falseValues: 2, copyScore: Infinity } }))
    const counts = await withLedger(db, (h) => ({
      sources: h.sqlite.prepare("SELECT COUNT(*) FROM source_reliability").pluck().get(),
      groups: h.sqlite.prepare("SELECT COUNT(*) FROM copy_groups").pluck().get(),
      evidence: h.sqlite.prepare("SELECT COUNT(*) FROM copy_evidence").pluck().get(),
    }))
    expect(counts).toEqual({ sources: 8, groups: 0, evidence: 0 })
  })

  it("breaks a tie for the reliable source once the components are reconciled again", async () => {
    const db = await ingested()
    const tie = (h: Parameters<typeof computeFigures>[0]) => computeFigures(h, { event: "tie", metric: "minutes" })[0]!
    const before = await withLedger(db, tie)
    expect(before.status).toBe("conflict")
    expect(before.best).toBeNull()
    expect(before.range).toEqual({ lo: 10, hi: 20 })
    await withLedger(db, (h) => {
      learnSourceReliability(h)
      recomputeComponents(h, allComponents(h))
    })
    const after = await withLedger(db, tie)
    expect(after.best).toBe(10)
    expect(after.range).toEqual({ lo: 10, hi: 10 })
    const stored = await withLedger(db, (h) =>
      JSON.parse(h.sqlite.prepare("SELECT detail_json FROM figures WHERE event = 'tie'").pluck().get() as string) as { best: number | null })
    expect(stored.best).toBe(10)
  })
})
