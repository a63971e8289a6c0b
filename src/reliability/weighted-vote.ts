import type { ObservationIndex } from "./observation-index.js"

/**
 * The weighted vote on item i: the value with the greatest total weight of sources behind it, or
 * null when several values tie (the reconciliation core then gives the hull and no best value) or
 * no source has weight. For point claims this is the core's interval stabbing.
 */
export const weightedVote = (index: ObservationIndex, i: number, weight: Float64Array): number | null => {
  const start = index.itemStart[i]!
  const end = index.itemStart[i + 1]!
  let best: number | null = null
  let bestWeight = 0
  let tied = false
  for (let a = start; a < end; a += 1) {
    const v = index.value[a]!
    // Each distinct value is totalled once, at its first occurrence.
    let seen = false
    for (let b = start; b < a; b += 1) if (index.value[b] === v) { seen = true; break }
    if (seen) continue
    let total = 0
    for (let b = a; b < end; b += 1) {
      if (index.value[b] === v) total += weight[index.source[b]!]! * index.share[b]!
    }
    const eps = 1e-9 * Math.max(1, bestWeight)
    if (total > bestWeight + eps) {
      best = v
      bestWeight = total
      tied = false
    } else if (total > 0 && Math.abs(total - bestWeight) <= eps) {
      tied = true
    }
  }
  return tied ? null : best
}
