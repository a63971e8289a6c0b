import { learnReliability, type Reliability, type ReliabilityOptions } from "../reliability/learn-reliability.js"
import type { ObservationIndex } from "../reliability/observation-index.js"

export interface FoldChoice {
  /** The held-out day. */
  readonly day: string
  /** Index into the grid of the parameters chosen on the other days. */
  readonly chosen: number
  readonly options: ReliabilityOptions
  /** Precision of the consensus on the other days' gold cells with those parameters. */
  readonly trainPrecision: number
}

export interface DayCrossValidation {
  /** One learned reliability per grid entry (learned from the claims alone, never the gold). */
  readonly reliabilities: readonly Reliability[]
  readonly folds: readonly FoldChoice[]
  /** Grid index chosen on every day's gold together: what `reckon learn` should use. */
  readonly overall: number
  readonly days: readonly string[]
}

/** "AA-1-TPA-MIA@2011-12-01|departure.actual" → "2011-12-01". */
export const dayOfFlightCell = (cell: string): string => cell.slice(cell.indexOf("@") + 1, cell.indexOf("|"))

/**
 * Leave-one-day-out choice of reliability parameters: every grid entry learns weights from all
 * the claims (unsupervised), its consensus is scored against the gold cells of each day, and each
 * held-out day gets the entry with the best precision on the other days' gold (first on ties).
 * Pure: observations and gold in, choices out.
 */
export const crossValidateByDay = (
  index: ObservationIndex,
  gold: ReadonlyMap<string, { readonly minutes: number }>,
  grid: readonly ReliabilityOptions[],
  onEntry?: (k: number, millis: number) => void,
): DayCrossValidation => {
  const days = [...new Set([...gold.keys()].map(dayOfFlightCell))].sort()
  const reliabilities = grid.map((o, k) => {
    const t = performance.now()
    const r = learnReliability(index, o)
    onEntry?.(k, performance.now() - t)
    return r
  })
  const hits = reliabilities.map((r) => {
    const perDay = new Map<string, { hit: number; n: number }>(days.map((d) => [d, { hit: 0, n: 0 }]))
    for (const [cell, g] of gold) {
      const s = perDay.get(dayOfFlightCell(cell))!
      s.n += 1
      if (r.truth.get(cell) === g.minutes) s.hit += 1
    }
    return perDay
  })
  const choose = (useDay: (d: string) => boolean): { chosen: number; precision: number } => {
    let chosen = 0
    let best = -1
    hits.forEach((perDay, k) => {
      let hit = 0
      let n = 0
      for (const [d, s] of perDay) if (useDay(d)) { hit += s.hit; n += s.n }
      const p = n === 0 ? 0 : hit / n
      if (p > best + 1e-12) { best = p; chosen = k }
    })
    return { chosen, precision: best }
  }
  const folds = days.map((day) => {
    const { chosen, precision } = choose((d) => d !== day)
    return { day, chosen, options: grid[chosen]!, trainPrecision: precision }
  })
  return { reliabilities, folds, overall: choose(() => true).chosen, days }
}
