import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { Effect } from "effect"
import { Ledger } from "../../src/ledger/ledger.js"
import { computeFigures } from "../../src/query/query-figures.js"
import { learnSourceReliability } from "../../src/reliability/learn-source-reliability.js"
import { readLedgerObservations } from "../../src/reliability/ledger-observations.js"
import { loadCopyGroups, loadStoredReliability } from "../../src/reliability/stored-reliability.js"
import { query, runWithLedger, scalar, withLedger } from "../support/run-with-ledger.js"
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
    const weights = await withLedger(db, (l) => l.sourceWeights)
    const names = query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining(["source_reliability", "copy_groups", "copy_evidence", "source_reliability_readable"]))
    const applied = query<{ name: string }>(db, "SELECT name FROM kysely_migration ORDER BY name").map((r) => r.name)
    expect(applied).toContain("0003-reliability")
    // Before anything is learned, reconciliation sees no learned weights.
    expect(weights.size).toBe(0)
  })
})

describe("learnSourceReliability", () => {
  it("reads every point claim of the ledger as an observation", async () => {
    const db = await ingested()
    const { read, index } = await runWithLedger(db, readLedgerObservations())
    const total = scalar(db, "SELECT COUNT(*) FROM claims")
    expect(read).toBe(total)
    expect(index.items).toContain("tie|minutes")
    expect(index.sources).toContain("copy-b")
  })

  it("stores learned weights that the ledger hands to reconcile, and the copy group with its evidence", async () => {
    const db = await ingested()
    const learned = await runWithLedger(db, learnSourceReliability())
    const stored = await runWithLedger(db, loadStoredReliability)
    const weights = await withLedger(db, (l) => l.sourceWeights)
    expect([...stored.keys()].sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    for (const [s, r] of stored) {
      expect(weights.get(s)).toBeCloseTo(r.learnedWeight * r.discount, 9)
      expect(r.weight).toBe(weights.get(s))
    }
    const w = (s: string) => weights.get(s)!
    expect(w("reliable")).toBeGreaterThan(w("decent-1"))
    expect(w("decent-1")).toBeGreaterThan(w("sloppy"))
    expect(stored.get("reliable")!.error).toBeLessThan(stored.get("sloppy")!.error)

    const groups = await runWithLedger(db, loadCopyGroups)
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
    await runWithLedger(db, learnSourceReliability())
    await runWithLedger(db, learnSourceReliability({ options: { lossScale: 0, priorClaims: 10, falseValues: 2, copyScore: Infinity } }))
    const counts = {
      sources: scalar(db, "SELECT COUNT(*) FROM source_reliability"),
      groups: scalar(db, "SELECT COUNT(*) FROM copy_groups"),
      evidence: scalar(db, "SELECT COUNT(*) FROM copy_evidence"),
    }
    expect(counts).toEqual({ sources: 8, groups: 0, evidence: 0 })
  })

  it("breaks a tie for the reliable source once the components it made stale are reconciled", async () => {
    const db = await ingested()
    const tie = Effect.map(computeFigures({ event: "tie", metric: "minutes" }), (f) => f[0]!)
    const before = await runWithLedger(db, tie)
    expect(before.status).toBe("conflict")
    expect(before.best).toBeNull()
    expect(before.range).toEqual({ lo: 10, hi: 20 })
    const stale = await runWithLedger(db, Effect.gen(function* () {
      yield* learnSourceReliability()
      // Storing the weights marked every component stale, in the same transaction.
      const marked = yield* (yield* Ledger).staleCount()
      yield* (yield* Ledger).reconcileStale()
      return marked
    }))
    expect(stale).toBe(scalar(db, "SELECT COUNT(DISTINCT component) FROM claims"))
    expect(scalar(db, "SELECT COUNT(*) FROM stale_components")).toBe(0)
    const after = await runWithLedger(db, tie)
    expect(after.best).toBe(10)
    expect(after.range).toEqual({ lo: 10, hi: 10 })
    const stored = JSON.parse(query<{ detail_json: string }>(db, "SELECT detail_json FROM figures WHERE event = 'tie'")[0]!.detail_json) as { best: number | null }
    expect(stored.best).toBe(10)
  })
})
