import { Effect } from "effect"
import { Migrator } from "kysely"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { SQLITE_COLUMN_TYPES } from "../../src/ledger/column-types.js"
import { Ledger } from "../../src/ledger/ledger.js"
import { migrationProvider } from "../../src/ledger/migrations.js"
import { kyselyFor, openSqlite } from "../../src/ledger/sqlite/open-sqlite.js"
import { computeFigures, queryFigures } from "../../src/query/query-figures.js"
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

describe("migration 0006", () => {
  it("creates the reliability tables and a readable view on a fresh ledger", async () => {
    const db = path.join(tempDir(), "fresh.db")
    const learned = await withLedger(db, (l) => Effect.all([l.sourceWeights, l.sourceCopyGroups]))
    const names = query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining(["source_reliability", "copy_groups", "copy_evidence", "source_reliability_readable"]))
    const columns = query<{ name: string }>(db, "SELECT name FROM pragma_table_info('source_reliability')").map((r) => r.name)
    expect(columns).toEqual(["source", "weight", "prior_weight", "claims", "contested", "agreement", "copy_group", "dataset", "learned_at", "method", "options_json"])
    // Before anything is learned, reconciliation sees no learned weights and no copy groups.
    expect(learned.map((m) => m.size)).toEqual([0, 0])
    const applied = query<{ name: string }>(db, "SELECT name FROM kysely_migration ORDER BY name").map((r) => r.name)
    expect(applied.filter((n) => n >= "0005")).toEqual(expect.arrayContaining(["0005-stale-components", "0006-contested-reliability"]))
  })

  it("keeps the weights a 0003 ledger learned (its figures were reconciled with them), and goes back down", async () => {
    const file = path.join(tempDir(), "old.db")
    const sqlite = openSqlite(file)
    const migrator = new Migrator({ db: kyselyFor(sqlite), provider: migrationProvider(SQLITE_COLUMN_TYPES) })
    expect((await migrator.migrateTo("0003-reliability")).error).toBeUndefined()
    sqlite.prepare(`INSERT INTO source_reliability (source, weight, learned_weight, error, claims, discount, copy_group, dataset, learned_at, method, options_json)
      VALUES ('aa', 1.5, 3, 0.1, 200, 0.5, 'copy:aa', NULL, '2025-01-01', 'old', '{}')`).run()
    sqlite.close()
    const stored = await runWithLedger(file, loadStoredReliability)
    expect(stored.get("aa")).toMatchObject({ weight: 1.5, claims: 200, contested: null, agreement: null, copyGroup: "copy:aa" })
    expect(scalar(file, "SELECT weight_used FROM source_reliability_readable")).toBe(1.5)

    const again = openSqlite(file)
    const down = new Migrator({ db: kyselyFor(again), provider: migrationProvider(SQLITE_COLUMN_TYPES) })
    // Down to 0005, through whatever later migrations came after 0006.
    const result = await down.migrateTo("0005-stale-components")
    expect(result.error).toBeUndefined()
    expect(result.results?.map((r) => r.migrationName).at(-1)).toBe("0006-contested-reliability")
    expect(again.prepare("SELECT source, weight, discount FROM source_reliability").all()).toEqual([{ source: "aa", weight: 1.5, discount: 1 }])
    expect(again.prepare("SELECT effective_weight FROM source_reliability_readable").all()).toEqual([{ effective_weight: 1.5 }])
    again.close()
  })
})

describe("learnSourceReliability", () => {
  it("reads every point claim of the ledger as an observation, with the catalog's priors", async () => {
    const db = await ingested()
    const { read, index, priors } = await runWithLedger(db, readLedgerObservations())
    const total = scalar(db, "SELECT COUNT(*) FROM claims")
    expect(read).toBe(total)
    expect(index.items).toContain("tie|minutes")
    expect(index.sources).toContain("copy-b")
    expect(priors.get("reliable")).toBe(1)
    const onlyTie = await runWithLedger(db, readLedgerObservations({ events: (e) => e === "tie" }))
    expect(onlyTie.index.items).toEqual(["tie|minutes"])
  })

  it("stores learned weights, contested cells and agreement, and the mirrors as one copy group with evidence", async () => {
    const db = await ingested()
    const learned = await runWithLedger(db, learnSourceReliability())
    const stored = await runWithLedger(db, loadStoredReliability)
    const weights = await withLedger(db, (l) => l.sourceWeights)
    expect([...stored.keys()].sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    const metricWeights = await withLedger(db, (l) => l.sourceMetricWeights)
    for (const [s, r] of stored) {
      expect(r.weight).toBe(weights.get(s))
      expect(r.contested).toBeGreaterThan(1000)
      expect(r.prior).toBe(1)
      // One metric: its record is the source's whole record, and so is its weight there.
      expect(r.metrics.map((m) => [m.metric, m.contested])).toEqual([["minutes", r.contested]])
      expect(metricWeights.get("minutes")!.get(s)!).toBeCloseTo(r.weight!, 9)
    }
    const w = (s: string) => weights.get(s)!
    expect(w("reliable")).toBeGreaterThan(w("decent-1"))
    expect(w("decent-1")).toBeGreaterThan(w("sloppy"))
    expect(stored.get("reliable")!.agreement!).toBeGreaterThan(stored.get("sloppy")!.agreement!)
    // Copies are voices, not penalties: the mirrors weigh what their original weighs.
    expect(w("copy-a")).toBe(w("sloppy"))

    const groups = await runWithLedger(db, loadCopyGroups)
    expect(groups.map((g) => g.sources)).toEqual([["copy-a", "copy-b", "sloppy"]])
    expect(stored.get("copy-a")!.copyGroup).toBe(groups[0]!.id)
    expect(stored.get("decent-1")!.copyGroup).toBeNull()
    expect(await withLedger(db, (l) => l.sourceCopyGroups)).toEqual(new Map(["copy-a", "copy-b", "sloppy"].map((s) => [s, "copy:copy-a"])))
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
    await runWithLedger(db, learnSourceReliability({ options: { falseValues: 2, priorCells: 20, minContested: 100_000 } }))
    const stored = await runWithLedger(db, loadStoredReliability)
    expect([...stored.values()].every((r) => r.weight === null && r.contested! > 0)).toBe(true)
    expect((await withLedger(db, (l) => l.sourceWeights)).size).toBe(0)
  })

  it("replaces the previous results instead of adding to them", async () => {
    const db = await ingested()
    await runWithLedger(db, learnSourceReliability())
    await runWithLedger(db, learnSourceReliability({ options: { falseValues: 2, priorCells: 20, minContested: 30, mirrorDisagreement: null } }))
    const counts = {
      sources: scalar(db, "SELECT COUNT(*) FROM source_reliability"),
      groups: scalar(db, "SELECT COUNT(*) FROM copy_groups"),
      evidence: scalar(db, "SELECT COUNT(*) FROM copy_evidence"),
      metrics: scalar(db, "SELECT COUNT(*) FROM source_metric_reliability"),
    }
    expect(counts).toEqual({ sources: 8, groups: 0, evidence: 0, metrics: 8 })
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

  it("lets a what-if weight for a source hold on every metric, over its learned weight per metric", async () => {
    const db = await ingested()
    await runWithLedger(db, learnSourceReliability())
    expect((await withLedger(db, (l) => l.sourceMetricWeights)).get("minutes")!.get("reliable")).toBeGreaterThan(1)
    const [figure] = await runWithLedger(db, computeFigures({ event: "tie", metric: "minutes" }, { reliable: 0.01, sloppy: 1 }))
    expect(figure!.best).toBe(20)
  })

  it("merges the stored copy groups' voices in the materialized figures, in explain, and after a later ingest", async () => {
    const dir = writeFiles(tempDir(), reliabilityDatasetFiles())
    const db = path.join(dir, "ledger.db")
    await runWithLedger(db, ingestPaths([path.join(dir, "synthetic")]))
    const copyRepeats = (f: { claims: readonly { source: string; role: string }[] }) =>
      f.claims.filter((c) => ["copy-a", "copy-b", "sloppy"].includes(c.source) && c.role === "repeat").length
    const materialized = Effect.map(queryFigures({ event: "item-0", metric: "minutes" }), (f) => f[0]!)
    expect(copyRepeats(await runWithLedger(db, materialized))).toBe(0)
    // The full reconcile: learning marks every component stale and the drain merges the copies.
    await runWithLedger(db, Effect.gen(function* () {
      yield* learnSourceReliability()
      yield* (yield* Ledger).reconcileStale()
    }))
    expect(copyRepeats(await runWithLedger(db, materialized))).toBe(2)
    const f = await runWithLedger(db, Effect.map(computeFigures({ event: "item-0", metric: "minutes" }), (x) => x[0]!))
    expect(copyRepeats(f)).toBe(2)
    expect(f.explanation.some((l) => / here: one voice \(copy group copy:copy-a\)/.test(l))).toBe(true)
    // The incremental reconcile: a new claim on the cell reconciles its component alone, with the copy groups.
    const claim = { id: "late-decent", event: "item-0", metric: "minutes", source: "decent-1", value: 12345, quote: "12345" }
    fs.writeFileSync(path.join(dir, "synthetic", "late.ndjson"), JSON.stringify(claim) + "\n")
    const late = await runWithLedger(db, ingestPaths([path.join(dir, "synthetic", "late.ndjson")]))
    expect(late.components).toBe(1)
    const after = await runWithLedger(db, materialized)
    expect(after.claims.some((c) => c.id === "late-decent")).toBe(true)
    expect(copyRepeats(after)).toBe(2)
  })

  it("marks stale, with the weights it stores for one dataset, the components of another dataset where the same sources speak", async () => {
    const dir = writeFiles(tempDir(), reliabilityDatasetFiles())
    const other = {
      name: "other", title: "The same sources elsewhere", events: [{ id: "elsewhere" }],
      sources: [{ id: "reliable", kind: "website" }, { id: "sloppy", kind: "website" }], metrics: [{ id: "minutes", kind: "real" }],
    }
    writeFiles(dir, {
      "other/dataset.yaml": JSON.stringify(other),
      "other/claims.ndjson": [
        { id: "r", event: "elsewhere", metric: "minutes", source: "reliable", value: 10, quote: "10" },
        { id: "s", event: "elsewhere", metric: "minutes", source: "sloppy", value: 20, quote: "20" },
      ].map((c) => JSON.stringify(c)).join("\n") + "\n",
    })
    const db = path.join(dir, "ledger.db")
    await runWithLedger(db, ingestPaths([path.join(dir, "synthetic"), path.join(dir, "other")]))
    const elsewhere = Effect.map(queryFigures({ event: "elsewhere", metric: "minutes" }), (f) => f[0]!)
    expect((await runWithLedger(db, elsewhere)).best).toBeNull()
    const stale = await runWithLedger(db, Effect.gen(function* () {
      yield* learnSourceReliability({ dataset: "synthetic" })
      return yield* (yield* Ledger).staleCount("other")
    }))
    expect(stale).toBe(1)
    await runWithLedger(db, Effect.flatMap(Ledger, (l) => l.reconcileStale()))
    // The weights learned on synthetic apply wherever reliable and sloppy speak: the tie there breaks too.
    expect((await runWithLedger(db, elsewhere)).best).toBe(10)
  })
})
