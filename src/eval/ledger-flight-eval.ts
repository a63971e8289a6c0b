import * as Effect from "effect/Effect"
import * as path from "node:path"
import type { RejectionCount } from "../adapters/flight/flight-rejections.js"
import { readFlightGold } from "../adapters/flight/read-flight-gold.js"
import { writeFlightDataset } from "../adapters/flight/write-flight-dataset.js"
import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { Rejection } from "../ingest/ingest-file.js"
import { ingestPaths } from "../ingest/ingest-paths.js"
import { Ledger } from "../ledger/ledger.js"
import { LedgerError } from "../ledger/ledger-error.js"
import { learnReliability, type Reliability, type ReliabilityOptions } from "../reliability/learn-reliability.js"
import { type LedgerObservations, readLedgerObservations } from "../reliability/ledger-observations.js"
import { storeReliability } from "../reliability/store-reliability.js"
import type { CellVoice } from "./baseline-methods.js"
import type { Prediction } from "./eval-metrics.js"
import { reconcileConsensus } from "./reconcile-consensus.js"
import { DEFAULT_GRID } from "./reliability-grid.js"
import { evaluateSplits, halfSplits, type SplitEvaluation } from "./split-evaluation.js"

export interface LedgerFlightEvalOptions {
  /** The benchmark folder: claims/YYYYMMDD.txt.gz and truth/YYYYMMDD.txt. */
  readonly dataDir: string
  /** Where the adapter writes the dataset folder it ingests (a temp dir). */
  readonly workDir: string
  readonly grid?: readonly ReliabilityOptions[]
  /**
   * Reconcile every component again with the stored weights at the end, so that the ledger's
   * `figures` use them (worth it for a ledger that is kept, `--db`; a scratch ledger is thrown away).
   */
  readonly recomputeAll?: boolean
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void
}

export interface LedgerFlightEvalReport extends SplitEvaluation {
  /** Learned from every day's claims with the default setting, and stored in the ledger as `reckon learn` stores it. */
  readonly stored: Reliability
  /** Cells the adapter could not read as a time, by source and format. */
  readonly rejections: readonly RejectionCount[]
  /** Records the ledger refused (should be none: the adapter writes valid records). */
  readonly ledgerRejections: readonly Rejection[]
  readonly counts: {
    readonly rows: number
    readonly claims: number
    readonly inserted: number
    readonly duplicates: number
    readonly renamed: number
    readonly observations: number
    readonly goldCells: number
    readonly ambiguousGold: number
    readonly days: number
  }
  readonly millis: Readonly<Record<string, number>>
}

const daysKey = (days: Iterable<string>): string => [...days].sort().join()

/**
 * `reckon eval flight`, through the ledger: the adapter writes the benchmark's claims as a dataset
 * folder (NDJSON + dataset.yaml), `ingestPaths` stores and reconciles them like any `reckon ingest`,
 * reliability is learned from the point claims read back from the ledger, one half of the days at
 * a time (no gold), and `evaluateSplits` chooses each half's setting on the other half's gold and
 * scores the methods, reconciling each gold cell from the ledger's claims with the core `reckon
 * figures` uses. Finally the default setting learns from every day and is stored as `reckon learn`
 * stores it. What the (pure) split evaluation reads is read from the ledger first: the point claims
 * of each half and of every day, and the claims and catalog of every gold cell.
 */
export const runLedgerFlightEval = (options: LedgerFlightEvalOptions) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const log = options.log ?? (() => {})
    const grid = options.grid ?? DEFAULT_GRID
    const millis: Record<string, number> = {}
    const t0 = performance.now()
    const fail = (what: string) => (e: unknown) =>
      new LedgerError({ path: ledger.location, message: `${what}: ${e instanceof Error ? e.message : String(e)}`, retryable: false })

    log(`reading the gold standard and writing the claims as a dataset folder…`)
    let t = performance.now()
    const { gold, ambiguous } = yield* Effect.tryPromise({ try: () => readFlightGold(options.dataDir), catch: fail("cannot read truth/") })
    const folder = path.join(options.workDir, "flight")
    const written = yield* Effect.tryPromise({ try: () => writeFlightDataset(options.dataDir, folder), catch: fail("cannot read claims/") })
    millis["adapt"] = Math.round(performance.now() - t)
    log(`adapted ${written.rows} rows into ${written.claims} claims on ${written.events} flight-days from ${written.sources.length} sources ` +
      `(${written.rejections.reduce((s, r) => s + r.count, 0)} cells rejected) in ${millis["adapt"]} ms`)

    log(`ingesting ${written.files.length} claim files into ${ledger.location}…`)
    t = performance.now()
    const ledgerRejections: Rejection[] = []
    const ingested = yield* ingestPaths([folder], { onRejection: (r) => void ledgerRejections.push(r) })
    millis["ingest"] = Math.round(performance.now() - t)
    const inserted = ingested.files.reduce((s, f) => s + f.inserted, 0)
    const duplicates = ingested.files.reduce((s, f) => s + f.duplicates, 0)
    log(`ingested: ${inserted} inserted, ${duplicates} duplicates, ${ledgerRejections.length} rejected; ` +
      `reconciled ${ingested.components} components in ${millis["ingest"]} ms`)

    // The point claims of each set of days learning reads (each half, then every day), read from the ledger once per set.
    t = performance.now()
    const observed = new Map<string, LedgerObservations>()
    for (const days of [...halfSplits(written.days).map((s) => s.report), written.days]) {
      const key = daysKey(days)
      if (observed.has(key)) continue
      const t1 = performance.now()
      const keep = new Set(days)
      const o = yield* readLedgerObservations({ dataset: "flight", events: (e) => keep.has(e.slice(e.lastIndexOf("@") + 1)) })
      log(`read ${o.read} point claims of ${keep.size} day(s) back from the ledger (${o.index.items.length} items) in ${Math.round(performance.now() - t1)} ms`)
      observed.set(key, o)
    }
    const observationsOf = (days: Iterable<string>): LedgerObservations => {
      const o = observed.get(daysKey(days))
      if (o === undefined) throw new Error(`no point claims read for the days ${daysKey(days)}`)
      return o
    }
    // Every gold cell is a component of its own (event|metric): its claims and catalog.
    const cellClaims = new Map<string, readonly Claim[]>()
    const cellCatalog = new Map<string, Catalog>()
    for (const cell of gold.keys()) {
      const catalog = yield* ledger.catalogOfEvent(cell.slice(0, cell.indexOf("|")))
      if (catalog !== null) cellCatalog.set(cell, catalog)
      cellClaims.set(cell, yield* ledger.claimsOfComponent(cell))
    }
    millis["read"] = Math.round(performance.now() - t)
    const claimsOf = (cell: string) => cellClaims.get(cell) ?? []
    const predict = (cells: readonly string[], r: Reliability | null): Map<string, Prediction> => {
      const out = new Map<string, Prediction>()
      for (const cell of cells) {
        const catalog = cellCatalog.get(cell)
        if (catalog === undefined) continue
        const p = reconcileConsensus({ catalog, claims: claimsOf(cell), ...(r === null ? {} : { weights: r.weights, metricWeights: r.metricWeights, copyGroups: r.copyGroups }) }).get(cell)
        if (p !== undefined) out.set(cell, p)
      }
      return out
    }

    log(`learning ${grid.length} settings on each half of the days; each half's setting is chosen on the other half's gold…`)
    t = performance.now()
    const evaluation = yield* Effect.try({
      try: () => evaluateSplits({
        days: written.days,
        gold,
        grid,
        learn: (days, o) => { const { index, priors } = observationsOf(days); return learnReliability(index, o, priors) },
        predict,
        voices: (cell) => voicesOf(claimsOf(cell)),
        log,
      }),
      catch: fail("evaluation failed"),
    })
    millis["evaluation"] = Math.round(performance.now() - t)

    t = performance.now()
    const all = observationsOf(written.days)
    const stored = learnReliability(all.index, evaluation.defaults.options, all.priors)
    // Storing the weights marks the dataset's components stale; a kept ledger reconciles them now,
    // a scratch one is thrown away (a later command on it would reconcile them).
    yield* storeReliability(stored, { dataset: "flight" })
    millis["learnAll"] = Math.round(performance.now() - t)
    if (options.recomputeAll) {
      t = performance.now()
      const reconciled = yield* ledger.reconcileStale({ dataset: "flight" })
      millis["recompute"] = Math.round(performance.now() - t)
      log(`stored the weights learned from every day and reconciled ${reconciled.components} components again in ${millis["recompute"]} ms`)
    } else log(`stored the weights learned from every day in the ledger`)

    millis["total"] = Math.round(performance.now() - t0)
    return {
      ...evaluation,
      stored,
      rejections: written.rejections,
      ledgerRejections,
      counts: {
        rows: written.rows,
        claims: written.claims,
        inserted,
        duplicates,
        renamed: written.renamed,
        observations: all.read,
        goldCells: gold.size,
        ambiguousGold: ambiguous.size,
        days: written.days.length,
      },
      millis,
    } satisfies LedgerFlightEvalReport
  })

/** One voice per source: its distinct point values on the cell (what the baselines read). */
const voicesOf = (claims: readonly { source: string; lo: number; hi: number; certainty: string }[]): CellVoice[] => {
  const bySource = new Map<string, number[]>()
  for (const c of claims) {
    if (c.certainty === "possible" || c.lo !== c.hi) continue
    const list = bySource.get(c.source) ?? []
    list.push(c.lo)
    bySource.set(c.source, list)
  }
  return [...bySource].map(([source, values]) => ({ source, values }))
}
