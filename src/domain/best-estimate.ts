import type { Interval } from "./interval.js"

/** A kept voice's value for the best estimate, with its weight. */
export interface WeightedValue {
  readonly value: number
  readonly weight: number
}

/** The weighted median of some values: one of them, or the two the weights split exactly between. */
export interface Median {
  /** The median value, null when there is none (no values, or an exact split). */
  readonly value: number | null
  /** When the cumulative weight lands exactly on half the total: the values either side of it. */
  readonly split: readonly [number, number] | null
  /** The total weight the median was taken over (each value counted once when all weigh 0). */
  readonly total: number
}

/** Cumulative weights within this fraction of the total are taken as equal (float noise, not a majority). */
const SPLIT_TOLERANCE = 1e-9

/**
 * The weighted median, never interpolated (SPEC §4.6): the smallest value whose cumulative weight
 * passes half the total; when the cumulative weight lands exactly on half, the weights split between
 * that value and the next, and there is no median — both are named instead. When every weight is
 * 0 the values count once each, so a kept voice still informs the estimate.
 * @example weightedMedian([{value:1,weight:1},{value:5,weight:1},{value:9,weight:3}]).value === 9
 * @example weightedMedian([{value:64,weight:1},{value:2975,weight:1}]).split // [64, 2975]
 */
export const weightedMedian = (values: readonly WeightedValue[]): Median => {
  const finite = values.filter((v) => Number.isFinite(v.value))
  const weighing = finite.filter((v) => v.weight > 0)
  const vs = (weighing.length > 0 ? weighing : finite.map((v) => ({ value: v.value, weight: 1 })))
    .sort((a, b) => a.value - b.value)
  // Equal values are one value: a split between 64 and 64 is no split.
  const merged: { value: number; weight: number }[] = []
  for (const v of vs) {
    const last = merged[merged.length - 1]
    if (last !== undefined && last.value === v.value) last.weight += v.weight
    else merged.push({ value: v.value, weight: v.weight })
  }
  const total = merged.reduce((s, v) => s + v.weight, 0)
  if (merged.length === 0) return { value: null, split: null, total: 0 }
  const half = total / 2
  const eps = SPLIT_TOLERANCE * Math.max(1, total)
  let acc = 0
  for (let i = 0; i < merged.length; i++) {
    acc += merged[i]!.weight
    if (Math.abs(acc - half) <= eps && i + 1 < merged.length) {
      return { value: null, split: [merged[i]!.value, merged[i + 1]!.value], total }
    }
    if (acc >= half - eps) return { value: merged[i]!.value, split: null, total }
  }
  return { value: merged[merged.length - 1]!.value, split: null, total }
}

/** How a best estimate was reached, for the explanation. */
export type BestHow = "point" | "median" | "split" | "nearest-zero" | "none"

export interface BestEstimate {
  readonly best: number | null
  /** The two values an exact split of the weights leaves (best is null then), else empty. */
  readonly candidates: readonly number[]
  readonly how: BestHow
  /** The median taken over the values, when one was. */
  readonly median: Median | null
}

/** A value as a best estimate of the range: clamped into it, a count rounded to a whole number inside it. */
const fitInto = (range: Interval, x: number, integer: boolean): number => {
  let y = Math.min(range.hi, Math.max(range.lo, x))
  if (integer) {
    y = Math.round(y)
    if (y > range.hi) y = Math.floor(range.hi)
    if (y < range.lo) y = Math.ceil(range.lo)
  }
  return y
}

/**
 * The best estimate of a cell (SPEC §4.6): the point when the range is one; else the weighted median
 * of the kept own voices' representative values, clamped into the range (counts rounded to a whole
 * number). When the weights split exactly between two values that stay different in the range,
 * there is no best: both are the candidates. Without values, the range's finite bound nearest to
 * zero. Null without a range.
 * @example bestEstimate({lo:12,hi:13}, [{value:13,weight:1}], true).best === 13
 * @example bestEstimate({lo:64,hi:2975}, [{value:64,weight:1},{value:2975,weight:1}], true) // best null, candidates [64, 2975]
 */
export const bestEstimate = (range: Interval | null, values: readonly WeightedValue[], integer: boolean): BestEstimate => {
  if (range === null) return { best: null, candidates: [], how: "none", median: null }
  if (range.lo === range.hi) return { best: range.lo, candidates: [], how: "point", median: null }
  const median = values.length > 0 ? weightedMedian(values) : null
  if (median !== null && median.value !== null) {
    return { best: fitInto(range, median.value, integer), candidates: [], how: "median", median }
  }
  if (median !== null && median.split !== null) {
    const [a, b] = median.split.map((x) => fitInto(range, x, integer)) as [number, number]
    // Two values that the range makes one (both below it, or rounding to one count) are no split.
    return a === b
      ? { best: a, candidates: [], how: "median", median }
      : { best: null, candidates: [a, b], how: "split", median }
  }
  const finite = [range.lo, range.hi].filter((x) => Number.isFinite(x))
  if (finite.length === 0) return { best: null, candidates: [], how: "none", median: null }
  return { best: finite.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a)), candidates: [], how: "nearest-zero", median: null }
}
