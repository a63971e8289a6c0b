/** What a method says about one cell: a best estimate and a consensus range (either may be missing). */
export interface Prediction {
  readonly best: number | null
  readonly range: { readonly lo: number; readonly hi: number } | null
}

/** One row of the evaluation table. */
export interface EvalRow {
  readonly method: string
  readonly attribute: string
  /** Gold cells scored. */
  readonly items: number
  /** Share of items whose best estimate equals the gold value to the minute. */
  readonly precision: number
  /** Share of items whose best estimate is within 10 minutes of the gold value. */
  readonly precision10: number
  /** Share of items whose consensus range contains the gold value. */
  readonly coverage: number
  /** Mean width (hi − lo) of the consensus range, over the items that have a bounded one. */
  readonly width: number
}

/**
 * Scores a method's predictions against gold values. An item without a best estimate counts as
 * wrong for precision, one without a range as not covered.
 * @example scoreMethod("vote", "actual_departure", [{ gold: 600, prediction: { best: 600, range: { lo: 600, hi: 600 } } }])
 *   → { items: 1, precision: 1, precision10: 1, coverage: 1, width: 0, … }
 */
export const scoreMethod = (
  method: string,
  attribute: string,
  scored: readonly { readonly gold: number; readonly prediction: Prediction }[],
): EvalRow => {
  let exact = 0
  let near = 0
  let covered = 0
  let widthSum = 0
  let widthCount = 0
  for (const { gold, prediction } of scored) {
    const { best, range } = prediction
    if (best !== null) {
      if (Math.round(best) === gold) exact += 1
      if (Math.abs(best - gold) <= 10) near += 1
    }
    if (range !== null) {
      if (range.lo <= gold && gold <= range.hi) covered += 1
      if (Number.isFinite(range.lo) && Number.isFinite(range.hi)) {
        widthSum += range.hi - range.lo
        widthCount += 1
      }
    }
  }
  const n = scored.length
  const share = (k: number): number => (n === 0 ? 0 : k / n)
  return {
    method,
    attribute,
    items: n,
    precision: share(exact),
    precision10: share(near),
    coverage: share(covered),
    width: widthCount === 0 ? 0 : widthSum / widthCount,
  }
}
