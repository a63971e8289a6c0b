import type { Interval } from "./interval.js"

/** A kept voice's value for the best estimate, with its weight. */
export interface WeightedValue {
  readonly value: number
  readonly weight: number
}

/**
 * The weighted median: the smallest value whose cumulative weight reaches half the total; when the
 * cumulative weight lands exactly on half, the midpoint of that value and the next.
 * @example weightedMedian([{value:1,weight:1},{value:5,weight:1},{value:9,weight:3}]) === 9
 */
export const weightedMedian = (values: readonly WeightedValue[]): number | null => {
  const vs = values.filter((v) => Number.isFinite(v.value) && v.weight > 0).sort((a, b) => a.value - b.value)
  if (vs.length === 0) {
    // zero-weight voices only: their plain median, so a kept voice still informs the estimate
    const plain = values.filter((v) => Number.isFinite(v.value)).sort((a, b) => a.value - b.value)
    if (plain.length === 0) return null
    const mid = (plain.length - 1) / 2
    return (plain[Math.floor(mid)]!.value + plain[Math.ceil(mid)]!.value) / 2
  }
  const total = vs.reduce((s, v) => s + v.weight, 0)
  const half = total / 2
  const eps = 1e-9 * Math.max(1, total)
  let acc = 0
  for (let i = 0; i < vs.length; i++) {
    acc += vs[i]!.weight
    if (Math.abs(acc - half) <= eps && i + 1 < vs.length) return (vs[i]!.value + vs[i + 1]!.value) / 2
    if (acc >= half - eps) return vs[i]!.value
  }
  return vs[vs.length - 1]!.value
}

/**
 * The best estimate of a cell (SPEC §4.6): the point when the range is one; else the weighted median
 * of the kept own voices' representative values, clamped into the range (counts rounded to a whole
 * number); without kept own voices, the range's finite bound nearest to zero. Null without a range.
 * @example bestEstimate({lo:12,hi:13}, [{value:13,weight:1}], true) === 13
 */
export const bestEstimate = (range: Interval | null, values: readonly WeightedValue[], integer: boolean): number | null => {
  if (range === null) return null
  if (range.lo === range.hi) return range.lo
  const median = weightedMedian(values)
  if (median !== null) {
    let x = Math.min(range.hi, Math.max(range.lo, median))
    if (integer) {
      x = Math.round(x)
      if (x > range.hi) x = Math.floor(range.hi)
      if (x < range.lo) x = Math.ceil(range.lo)
    }
    return x
  }
  const finite = [range.lo, range.hi].filter((x) => Number.isFinite(x))
  if (finite.length === 0) return null
  return finite.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a))
}
