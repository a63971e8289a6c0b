import type { Prediction } from "./eval-metrics.js"

/** A source's values on one cell (several when a flight number occurs twice in a day). */
export interface CellVoice {
  readonly source: string
  readonly values: readonly number[]
}

/**
 * Majority vote: the value given by the most sources (a source with k values on the cell gives each
 * 1/k of a vote). Ties go to the smallest value, so the baseline always answers; its range is that
 * point. No voices: no prediction.
 * @example votePrediction([{ source: "a", values: [5] }, { source: "b", values: [5] }, { source: "c", values: [7] }]).best === 5
 */
export const votePrediction = (voices: readonly CellVoice[]): Prediction => {
  const tally = new Map<number, number>()
  for (const v of voices) {
    const distinct = [...new Set(v.values)]
    for (const x of distinct) tally.set(x, (tally.get(x) ?? 0) + 1 / distinct.length)
  }
  let best: number | null = null
  let top = -1
  for (const [x, w] of [...tally].sort((a, b) => a[0] - b[0])) {
    if (w > top + 1e-9) {
      best = x
      top = w
    }
  }
  return { best, range: best === null ? null : { lo: best, hi: best } }
}

/**
 * Median: the lower median of all the values the sources give (each source's distinct values once);
 * its range spans the two middle values (one point for an odd count).
 * @example medianPrediction([{ source: "a", values: [1] }, { source: "b", values: [4] }, { source: "c", values: [9] }]).best === 4
 */
export const medianPrediction = (voices: readonly CellVoice[]): Prediction => {
  const values = voices.flatMap((v) => [...new Set(v.values)]).sort((a, b) => a - b)
  if (values.length === 0) return { best: null, range: null }
  const lo = values[Math.floor((values.length - 1) / 2)]!
  const hi = values[Math.floor(values.length / 2)]!
  return { best: lo, range: { lo, hi } }
}
