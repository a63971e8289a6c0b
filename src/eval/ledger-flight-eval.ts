import { Effect } from "effect"
import * as path from "node:path"
import { FLIGHT_ATTRIBUTES } from "../adapters/flight/flight-attributes.js"
import type { RejectionCount } from "../adapters/flight/flight-rejections.js"
import { readFlightGold } from "../adapters/flight/read-flight-gold.js"
import { writeFlightDataset } from "../adapters/flight/write-flight-dataset.js"
import type { Figure } from "../domain/figure.js"
import type { Rejection } from "../ingest/ingest-file.js"
import { ingestPaths } from "../ingest/ingest-paths.js"
import { Ledger } from "../ledger/ledger.js"
import { LedgerError } from "../ledger/ledger-error.js"
import { computeFigures } from "../query/query-figures.js"
import type { Reliability, ReliabilityOptions } from "../reliability/learn-reliability.js"
import { readLedgerObservations } from "../reliability/ledger-observations.js"
import { storeReliability } from "../reliability/store-reliability.js"
import { type CellVoice, medianPrediction, votePrediction } from "./baseline-methods.js"
import { crossValidateByDay, dayOfFlightCell, type FoldChoice } from "./cross-validate-by-day.js"
import { type EvalRow, type Prediction, scoreMethod } from "./eval-metrics.js"
import { DEFAULT_GRID, METHODS } from "./flight-eval.js"

export interface LedgerFlightEvalOptions {
  /** The benchmark folder: claims/YYYYMMDD.txt.gz and truth/YYYYMMDD.txt. */
  readonly dataDir: string
  /** Where the adapter writes the dataset folder it ingests (a temp dir). */
  readonly workDir: string
  readonly grid?: readonly ReliabilityOptions[]
  /**
   * Reconcile every component again with the learned weights at the end, so that the ledger's
   * `figures` use them (worth it for a ledger that is kept, `--db`; a scratch ledger is thrown away).
   */
  readonly recomputeAll?: boolean
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void
}

export interface LedgerFlightEvalReport {
  readonly rows: readonly EvalRow[]
  readonly folds: readonly FoldChoice[]
  /** The reliability chosen on every day's gold, as stored in the ledger. */
  readonly overall: { readonly options: ReliabilityOptions; readonly reliability: Reliability }
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

/** The Prediction of a reconciled figure (an unbounded side stays infinite). */
const predictionOf = (f: Figure | undefined): Prediction =>
  f === undefined
    ? { best: null, range: null }
    : { best: f.best, range: f.range === null ? null : { lo: f.range.lo ?? -Infinity, hi: f.range.hi ?? Infinity } }

/**
 * `reckon eval flight`, through the ledger: the adapter writes the benchmark's claims as a dataset
 * folder (NDJSON + dataset.yaml), `ingestPaths` stores and reconciles them like any `reckon ingest`,
 * reliability is learned from the point claims read back from the ledger (parameters chosen by
 * leave-one-day-out cross-validation against the gold), and each gold cell is reconciled from the
 * ledger's claims by `computeFigures` — the engine `reckon figures` uses — with each fold's learned
 * weights (`reckon`) and with every weight 1 (`reckon-equal`); `vote` and `median` read the same
 * claims. The overall choice is stored in the ledger as `reckon learn` stores it.
 */
export const runLedgerFlightEval = (options: LedgerFlightEvalOptions) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const log = options.log ?? (() => {})
    const grid = options.grid ?? DEFAULT_GRID
    const millis: Record<string, number> = {}
    const timed = <A>(name: string, f: () => A): A => {
      const t = performance.now()
      const a = f()
      millis[name] = Math.round(performance.now() - t)
      return a
    }
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

    t = performance.now()
    const observations = yield* readLedgerObservations({ dataset: "flight" })
    millis["readObservations"] = Math.round(performance.now() - t)
    log(`read ${observations.read} point claims back from the ledger (${observations.index.items.length} items) in ${millis["readObservations"]} ms`)

    log(`cross-validating ${grid.length} parameter settings, leave one day out…`)
    const cv = timed("crossValidation", () =>
      crossValidateByDay(observations.index, gold, grid, (k, ms) => log(`  setting ${k + 1}/${grid.length} learned in ${Math.round(ms)} ms`)))
    for (const f of cv.folds) log(`  fold ${f.day}: setting #${f.chosen} (train precision ${f.trainPrecision.toFixed(4)})`)

    t = performance.now()
    const scored = new Map<string, { gold: number; prediction: Prediction }[]>()
    const add = (method: string, attribute: string, g: number, prediction: Prediction): void => {
      const key = `${method}\t${attribute}`
      const list = scored.get(key) ?? []
      list.push({ gold: g, prediction })
      scored.set(key, list)
    }
    const attributeOf = new Map(FLIGHT_ATTRIBUTES.map((a) => [a.metric, a.attribute]))
    const equal = Object.fromEntries(written.sources.map((s) => [s, 1]))
    const figureOf = (event: string, metric: string, weights: Record<string, number>) =>
      Effect.map(computeFigures({ event, metric, scope: {} }, weights), (figures): Figure | undefined => figures.find((f) => f.at === null))
    for (const fold of cv.folds) {
      const learned = Object.fromEntries(cv.reliabilities[fold.chosen]!.weights)
      for (const [cell, g] of gold) {
        if (dayOfFlightCell(cell) !== fold.day) continue
        const attribute = attributeOf.get(g.metric)!
        add("reckon", attribute, g.minutes, predictionOf(yield* figureOf(g.event, g.metric, learned)))
        add("reckon-equal", attribute, g.minutes, predictionOf(yield* figureOf(g.event, g.metric, equal)))
        const voices = voicesOf(yield* ledger.claimsOfComponent(cell))
        add("vote", attribute, g.minutes, votePrediction(voices))
        add("median", attribute, g.minutes, medianPrediction(voices))
      }
    }
    millis["evaluation"] = Math.round(performance.now() - t)
    log(`reconciled ${gold.size} gold cells from the ledger per fold in ${millis["evaluation"]} ms`)

    const overall = cv.reliabilities[cv.overall]!
    // Storing the weights marks the dataset's components stale; a kept ledger reconciles them now,
    // a scratch one is thrown away (a later command on it would reconcile them).
    yield* storeReliability(overall, { dataset: "flight" })
    if (options.recomputeAll) {
      t = performance.now()
      const reconciled = yield* ledger.reconcileStale({ dataset: "flight" })
      millis["recompute"] = Math.round(performance.now() - t)
      log(`stored the learned weights and reconciled ${reconciled.components} components again in ${millis["recompute"]} ms`)
    } else log(`stored the learned weights in the ledger`)

    const rows: EvalRow[] = []
    for (const method of METHODS) {
      for (const a of FLIGHT_ATTRIBUTES) rows.push(scoreMethod(method, a.attribute, scored.get(`${method}\t${a.attribute}`) ?? []))
    }
    millis["total"] = Math.round(performance.now() - t0)
    return {
      rows,
      folds: cv.folds,
      overall: { options: grid[cv.overall]!, reliability: overall },
      rejections: written.rejections,
      ledgerRejections,
      counts: {
        rows: written.rows,
        claims: written.claims,
        inserted,
        duplicates,
        renamed: written.renamed,
        observations: observations.read,
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
