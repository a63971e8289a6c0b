import { buildFlightCatalog } from "../adapters/flight/flight-catalog.js"
import { toFlightClaim } from "../adapters/flight/flight-claims.js"
import { learnReliability, type ReliabilityOptions } from "../reliability/learn-reliability.js"
import { indexObservations } from "../reliability/observation-index.js"
import type { CellVoice } from "./baseline-methods.js"
import type { Prediction } from "./eval-metrics.js"
import { type FlightBenchmark, loadFlightBenchmark, type RejectionCount } from "./load-flight-benchmark.js"
import { reconcileConsensus } from "./reconcile-consensus.js"
import { DEFAULT_GRID } from "./reliability-grid.js"
import { dayOfFlightCell, evaluateSplits, type SplitEvaluation } from "./split-evaluation.js"

export interface FlightEvalOptions {
  readonly dataDir: string
  readonly grid?: readonly ReliabilityOptions[]
  readonly log?: (line: string) => void
}

export interface FlightEvalReport extends SplitEvaluation {
  readonly rejections: readonly RejectionCount[]
  readonly counts: { readonly rows: number; readonly claims: number; readonly goldCells: number; readonly ambiguousGold: number; readonly days: number }
  readonly millis: { readonly load: number; readonly evaluation: number; readonly total: number }
}

/**
 * The Flight benchmark in memory (the ledger-free twin of `reckon eval flight`, for tests and quick
 * runs): reads claims/ and truth/ from `dataDir` and runs `evaluateSplits` with the real `reconcile`.
 */
export const runFlightEvalReport = async (options: FlightEvalOptions): Promise<FlightEvalReport> => {
  const t0 = performance.now()
  const bench = await loadFlightBenchmark(options.dataDir)
  const t1 = performance.now()
  const catalogOf = (claims: readonly { event: string }[]) => buildFlightCatalog(claims.map((c) => c.event), bench.sources)
  const evaluation = evaluateSplits({
    days: bench.days,
    gold: bench.gold,
    grid: options.grid ?? DEFAULT_GRID,
    learn: (days, o) => learnReliability(indexObservations(bench.observations.filter((x) => days.has(dayOfFlightCell(x.item)))), o),
    predict: (cells, r) => {
      const claims = cells.flatMap((c) => bench.goldClaims.get(c) ?? []).map(toFlightClaim)
      return reconcileConsensus({ catalog: catalogOf(claims), claims, ...(r === null ? {} : { weights: r.weights, metricWeights: r.metricWeights, copyGroups: r.copyGroups }) })
    },
    voices: (cell) => voicesOf(bench, cell),
    ...(options.log === undefined ? {} : { log: options.log }),
  })
  const t2 = performance.now()
  return {
    ...evaluation,
    rejections: bench.rejections,
    counts: { rows: bench.rowsRead, claims: bench.claimsRead, goldCells: bench.gold.size, ambiguousGold: bench.ambiguousGold, days: bench.days.length },
    millis: { load: t1 - t0, evaluation: t2 - t1, total: t2 - t0 },
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

export type { Prediction }
