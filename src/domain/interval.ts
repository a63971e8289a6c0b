/**
 * A closed interval [lo, hi] of a claim's value. `hi` may be `Infinity` (unbounded above) and,
 * for `real` metrics only, `lo` may be `-Infinity`. Intervals are plain data: JSON output turns an
 * infinite side into `null` (see `toJsonInterval`).
 */
export interface Interval {
  readonly lo: number
  readonly hi: number
}

/** The JSON form of an interval: `null` on an unbounded side, as SPEC §6 prints it. */
export interface JsonInterval {
  readonly lo: number | null
  readonly hi: number | null
}

/**
 * A bound as JSON and the ledger's columns give it: null for an infinite side. Comparisons, not
 * `Number.isFinite`: with bounds a mix of small integers and doubles, V8 (Node 20) deoptimized
 * `prepareClaim` at `Number.isFinite(v.hi) ? v.hi : null` again and again (492 times in a
 * 1M-claim ingest, each a fresh compile of the whole function on a core the ingest needs).
 */
export const finiteOrNull = (x: number): number | null => (x > -Infinity && x < Infinity ? x : null)

/** `{lo: 3, hi: Infinity}` → `{lo: 3, hi: null}`. */
export const toJsonInterval = (i: Interval): JsonInterval => ({ lo: finiteOrNull(i.lo), hi: finiteOrNull(i.hi) })

/** The inverse of `toJsonInterval`: a null `lo` is -∞, a null `hi` is +∞. */
export const fromJsonInterval = (j: JsonInterval): Interval => ({
  lo: j.lo ?? -Infinity,
  hi: j.hi ?? Infinity,
})

export const isEmpty = (i: Interval): boolean => i.lo > i.hi

export const intersect = (a: Interval, b: Interval): Interval => ({
  lo: Math.max(a.lo, b.lo),
  hi: Math.min(a.hi, b.hi),
})

export const hull = (a: Interval, b: Interval): Interval => ({
  lo: Math.min(a.lo, b.lo),
  hi: Math.max(a.hi, b.hi),
})

export const contains = (outer: Interval, inner: Interval): boolean =>
  outer.lo <= inner.lo && inner.hi <= outer.hi

export const UNBOUNDED: Interval = { lo: -Infinity, hi: Infinity }
