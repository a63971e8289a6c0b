import { FLIGHT_ATTRIBUTES } from "../adapters/flight/flight-attributes.js"
import { buildFlightCatalog } from "../adapters/flight/flight-catalog.js"
import { toFlightClaim } from "../adapters/flight/flight-claims.js"
import type { Claim } from "../domain/claim.js"
import type { Reliability, ReliabilityOptions } from "../reliability/learn-reliability.js"
import { indexObservations } from "../reliability/observation-index.js"
import { type CellVoice, medianPrediction, votePrediction } from "./baseline-methods.js"
import type { ConsensusEngine } from "./consensus-engine.js"
import { crossValidateByDay, dayOfFlightCell as dayOf, type FoldChoice } from "./cross-validate-by-day.js"
import { type EvalRow, type Prediction, scoreMethod } from "./eval-metrics.js"
import { type FlightBenchmark, loadFlightBenchmark, type RejectionCount } from "./load-flight-benchmark.js"
import { reconcileConsensus } from "./reconcile-consensus.js"

/** The parameters leave-one-day-out cross-validation chooses among. */
export const DEFAULT_GRID: readonly ReliabilityOptions[] = (() => {
  const grid: ReliabilityOptions[] = []
  for (const falseValues of [1, 2, 3, 10])
    for (const lossScale of [0, 5])
      for (const priorClaims of [10, 200])
        for (const copyMinShare of [0.98, 0.995])
          grid.push({ lossScale, priorClaims, falseValues, copyScore: 50, copyMinShare, copyMinSharedFalse: 20, maxRounds: 4 })
  return grid
})()

export type { FoldChoice }

export interface FlightEvalOptions {
  readonly dataDir: string
  /** The engine `reckon` and `reckon-equal` go through: the real `reconcile` unless given (tests may pass `stabbingConsensus`). */
  readonly engine?: ConsensusEngine
  readonly grid?: readonly ReliabilityOptions[]
}

export interface FlightEvalReport {
  readonly rows: EvalRow[]
  readonly folds: readonly FoldChoice[]
  /** Parameters chosen on all days together: the ones `reckon sources` should show. */
  readonly overall: { readonly options: ReliabilityOptions; readonly reliability: Reliability }
  readonly rejections: readonly RejectionCount[]
  readonly counts: { readonly rows: number; readonly claims: number; readonly goldCells: number; readonly ambiguousGold: number; readonly days: number }
  readonly millis: { readonly load: number; readonly crossValidation: number; readonly evaluation: number; readonly total: number }
}

export const METHODS = ["reckon", "reckon-equal", "vote", "median"] as const

/**
 * Runs the Flight benchmark: reads claims/ and truth/ from `dataDir`, learns source reliability from
 * the claims alone (no gold), chooses its parameters by leave-one-day-out cross-validation (each
 * day is scored with parameters chosen on the other days' gold), and scores four methods per
 * attribute: `reckon` (the engine with learned weights after copy discount), `reckon-equal` (the
 * engine, all weights 1), `vote` (most frequent value) and `median`.
 */
export const runFlightEval = async (options: FlightEvalOptions): Promise<EvalRow[]> =>
  (await runFlightEvalReport(options)).rows

/** runFlightEval with everything around the table: folds, chosen parameters, rejections, timings. */
export const runFlightEvalReport = async (options: FlightEvalOptions): Promise<FlightEvalReport> => {
  const t0 = performance.now()
  const engine = options.engine ?? reconcileConsensus
  const grid = options.grid ?? DEFAULT_GRID
  const bench = await loadFlightBenchmark(options.dataDir)
  const t1 = performance.now()

  const index = indexObservations(bench.observations)
  const cv = crossValidateByDay(index, bench.gold, grid)
  const { reliabilities, folds } = cv
  const overallChoice = cv.overall
  const t2 = performance.now()

  const scored = new Map<string, { gold: number; prediction: Prediction }[]>()
  const add = (method: string, attribute: string, gold: number, prediction: Prediction): void => {
    const key = `${method}\t${attribute}`
    const list = scored.get(key) ?? []
    list.push({ gold, prediction })
    scored.set(key, list)
  }
  const attributeOf = new Map(FLIGHT_ATTRIBUTES.map((a) => [a.metric, a.attribute]))
  const none: Prediction = { best: null, range: null }
  for (const fold of folds) {
    const cells = [...bench.gold.keys()].filter((c) => dayOf(c) === fold.day)
    const records = cells.flatMap((c) => bench.goldClaims.get(c) ?? [])
    const claims: Claim[] = records.map(toFlightClaim)
    const catalog = buildFlightCatalog(
      claims.map((c) => c.event),
      bench.sources,
    )
    const learned = reliabilities[fold.chosen]!.weights
    const equal = new Map(bench.sources.map((s) => [s, 1]))
    const reckon = engine({ catalog, claims, weights: learned })
    const reckonEqual = engine({ catalog, claims, weights: equal })
    for (const cell of cells) {
      const g = bench.gold.get(cell)!
      const attribute = attributeOf.get(g.metric)!
      const voices = voicesOf(bench, cell)
      add("reckon", attribute, g.minutes, reckon.get(cell) ?? none)
      add("reckon-equal", attribute, g.minutes, reckonEqual.get(cell) ?? none)
      add("vote", attribute, g.minutes, votePrediction(voices))
      add("median", attribute, g.minutes, medianPrediction(voices))
    }
  }
  const rows: EvalRow[] = []
  for (const method of METHODS) {
    for (const a of FLIGHT_ATTRIBUTES) rows.push(scoreMethod(method, a.attribute, scored.get(`${method}\t${a.attribute}`) ?? []))
  }
  const t3 = performance.now()
  return {
    rows,
    folds,
    overall: { options: grid[overallChoice]!, reliability: reliabilities[overallChoice]! },
    rejections: bench.rejections,
    counts: {
      rows: bench.rowsRead,
      claims: bench.claimsRead,
      goldCells: bench.gold.size,
      ambiguousGold: bench.ambiguousGold,
      days: bench.days.length,
    },
    millis: { load: t1 - t0, crossValidation: t2 - t1, evaluation: t3 - t2, total: t3 - t0 },
  }
}

const voicesOf = (bench: FlightBenchmark, cell: string): CellVoice[] => {
  const bySource = new Map<string, number[]>()
  for (const r of bench.goldClaims.get(cell) ?? []) {
    const list = bySource.get(r.source) ?? []
    list.push(r.value)
    bySource.set(r.source, list)
  }
  return [...bySource].map(([source, values]) => ({ source, values }))
}
