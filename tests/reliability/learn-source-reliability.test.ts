import { Migrator } from "kysely"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { allComponents, recomputeComponents } from "../../src/ledger/figure-store.js"
import { migrationProvider } from "../../src/ledger/migrations.js"
import { loadSourceCopyGroups, loadSourceWeights } from "../../src/ledger/source-weights.js"
import { kyselyFor, openSqlite } from "../../src/ledger/sqlite-dialect.js"
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

describe("migration 0005", () => {
  it("creates the reliability tables and a readable view on a fresh ledger", async () => {
    const db = path.join(tempDir(), "fresh.db")
    const names = await withLedger(db, (h) =>
      (h.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").pluck().all() as string[]))
    expect(names).toEqual(expect.arrayContaining(["source_reliability", "copy_groups", "copy_evidence", "source_reliability_readable"]))
    const columns = await withLedger(db, (h) => h.sqlite.prepare("SELECT name FROM pragma_table_info('source_reliability')").pluck().all())
    expect(columns).toEqual(["source", "weight", "prior_weight", "claims", "contested", "agreement", "copy_group", "dataset", "learned_at", "method", "options_json"])
    // Before anything is learned, reconciliation sees no learned weights and no copy groups.
    expect(await withLedger(db, (h) => [loadSourceWeights(h).size, loadSourceCopyGroups(h).size])).toEqual([0, 0])
  })

  it("keeps the weights a 0003 ledger learned (its figures were reconciled with them), and goes back down", async () => {
    const file = path.join(tempDir(), "old.db")
    const sqlite = openSqlite(file)
    const migrator = new Migrator({ db: kyselyFor(sqlite), provider: migrationProvider })
    expect((await migrator.migrateTo("0003-reliability")).error).toBeUndefined()
    sqlite.prepare(`INSERT INTO source_reliability (source, weight, learned_weight, error, claims, discount, copy_group, dataset, learned_at, method, options_json)
      VALUES ('aa', 1.5, 3, 0.1, 200, 0.5, 'copy:aa', NULL, '2025-01-01', 'old', '{}')`).run()
    sqlite.close()
    const stored = await withLedger(file, loadStoredReliability)
    expect(stored.get("aa")).toMatchObject({ weight: 1.5, claims: 200, contested: null, agreement: null, copyGroup: "copy:aa" })
    expect(await withLedger(file, (h) => h.sqlite.prepare("SELECT weight_used FROM source_reliability_readable").pluck().get())).toBe(1.5)

    const again = openSqlite(file)
    const down = new Migrator({ db: kyselyFor(again), provider: migrationProvider })
    expect((await down.migrateDown()).error).toBeUndefined()
    expect(again.prepare("SELECT source, weight, discount FROM source_reliability").all()).toEqual([{ source: "aa", weight: 1.5, discount: 1 }])
    again.close()
  })
})

describe("learnSourceReliability", () => {
  it("reads every point claim of the ledger as an observation, with the catalog's priors", async () => {
    const db = await ingested()
    const { read, index, priors, total } = await withLedger(db, (h) => ({
      ...readLedgerObservations(h),
      total: h.sqlite.prepare("SELECT COUNT(*) FROM claims").pluck().get() as number,
    }))
    expect(read).toBe(total)
    expect(index.items).toContain("tie|minutes")
    expect(index.sources).toContain("copy-b")
    expect(priors.get("reliable")).toBe(1)
    const onlyTie = await withLedger(db, (h) => readLedgerObservations(h, { events: (e) => e === "tie" }))
    expect(onlyTie.index.items).toEqual(["tie|minutes"])
  })

  it("stores learned weights, contested cells and agreement, and the mirrors as one copy group with evidence", async () => {
    const db = await ingested()
    const learned = await withLedger(db, (h) => learnSourceReliability(h))
    const stored = await withLedger(db, loadStoredReliability)
    const weights = await withLedger(db, loadSourceWeights)
    expect([...stored.keys()].sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    for (const [s, r] of stored) {
      expect(r.weight).toBe(weights.get(s))
      expect(r.contested).toBeGreaterThan(1000)
      expect(r.prior).toBe(1)
    }
    const w = (s: string) => weights.get(s)!
    expect(w("reliable")).toBeGreaterThan(w("decent-1"))
    expect(w("decent-1")).toBeGreaterThan(w("sloppy"))
    expect(stored.get("reliable")!.agreement!).toBeGreaterThan(stored.get("sloppy")!.agreement!)
    // Copies are voices, not penalties: the mirrors weigh what their original weighs.
    expect(w("copy-a")).toBe(w("sloppy"))

    const groups = await withLedger(db, loadCopyGroups)
    expect(groups.map((g) => g.sources)).toEqual([["copy-a", "copy-b", "sloppy"]])
    expect(stored.get("copy-a")!.copyGroup).toBe(groups[0]!.id)
    expect(stored.get("decent-1")!.copyGroup).toBeNull()
    expect(await withLedger(db, loadSourceCopyGroups)).toEqual(new Map(["copy-a", "copy-b", "sloppy"].map((s) => [s, "copy:copy-a"])))
    for (const e of groups[0]!.evidence) {
      expect(e.same).toBe(e.overlap)
      expect(e.sharedFalse).toBe(e.bothFalse)
      expect(e.expectedSharedFalse).toBeLessThan(e.sharedFalse)
      expect(e.score).toBeGreaterThan(50)
    }
    expect(learned.reliability.groups).toHaveLength(1)
  })

  it("stores no weight for a source with too little evidence, so its catalog prior stands", async () => {
    const db = await ingested()
    await withLedger(db, (h) => learnSourceReliability(h, { options: { falseValues: 2, priorCells: 20, minContested: 100_000 } }))
    const stored = await withLedger(db, loadStoredReliability)
    expect([...stored.values()].every((r) => r.weight === null && r.contested! > 0)).toBe(true)
    expect((await withLedger(db, loadSourceWeights)).size).toBe(0)
  })

  it("replaces the previous results instead of adding to them", async () => {
    const db = await ingested()
    await withLedger(db, (h) => learnSourceReliability(h))
    await withLedger(db, (h) => learnSourceReliability(h, { options: { falseValues: 2, priorCells: 20, minContested: 30, mirrorDisagreement: null } }))
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

  it("merges the stored copy groups' voices in the figures", async () => {
    const db = await ingested()
    await withLedger(db, (h) => {
      learnSourceReliability(h)
      recomputeComponents(h, allComponents(h))
    })
    const f = await withLedger(db, (h) => computeFigures(h, { event: "item-0", metric: "minutes" })[0]!)
    const copies = f.claims.filter((c) => ["copy-a", "copy-b", "sloppy"].includes(c.source))
    expect(copies.filter((c) => c.role === "repeat")).toHaveLength(2)
    expect(f.explanation.some((l) => / here: one voice \(copy group copy:copy-a\)/.test(l))).toBe(true)
  })
})
