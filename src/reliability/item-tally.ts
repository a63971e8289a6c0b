import type { ObservationIndex } from "./observation-index.js"

/**
 * The voices on one item of the packed index, merged as the core merges them (SPEC §4.3): members
 * of one copy group stating the same value are one voice, weighing what its strongest member
 * weighs; every other source is a voice of its own. Reused across items (no allocation per item).
 */
export interface ItemTally {
  /** Distinct values on the item. */
  readonly values: Float64Array
  /** Total weight of the voices behind each distinct value. */
  readonly totals: Float64Array
  /** Per observation (offset from the item's start): index of its value in `values`. */
  readonly valueOf: Int32Array
  /** Per observation: the weight of the voice it belongs to. */
  readonly voiceWeight: Float64Array
  /** Per observation: the observation that leads its voice (the first of its strongest members). */
  readonly lead: Int32Array
  /** Number of distinct values and of voices. */
  distinct: number
  voices: number
}

/** Scratch space for items of up to `maxObservations` observations. */
export const itemTally = (maxObservations: number): ItemTally => ({
  values: new Float64Array(maxObservations),
  totals: new Float64Array(maxObservations),
  valueOf: new Int32Array(maxObservations),
  voiceWeight: new Float64Array(maxObservations),
  lead: new Int32Array(maxObservations),
  distinct: 0,
  voices: 0,
})

/** The largest number of observations on one item. */
export const maxItemSize = (index: ObservationIndex): number => {
  let max = 0
  for (let i = 0; i < index.items.length; i += 1) max = Math.max(max, index.itemStart[i + 1]! - index.itemStart[i]!)
  return max
}

/**
 * Fills `t` with the merged voices of item i: `weight[s]` is source s's weight, `group[s]` the
 * number of its copy group (sources not in a group have a number of their own). A source with k
 * values on the item speaks for each with 1/k of its weight.
 */
export const tallyItem = (index: ObservationIndex, i: number, weight: Float64Array, group: Int32Array, t: ItemTally): void => {
  const start = index.itemStart[i]!
  const n = index.itemStart[i + 1]! - start
  t.distinct = 0
  t.voices = 0
  for (let a = 0; a < n; a += 1) {
    const v = index.value[start + a]!
    let k = 0
    while (k < t.distinct && t.values[k] !== v) k += 1
    if (k === t.distinct) {
      t.values[k] = v
      t.totals[k] = 0
      t.distinct += 1
    }
    t.valueOf[a] = k
  }
  for (let a = 0; a < n; a += 1) {
    const s = index.source[start + a]!
    const w = weight[s]! * index.share[start + a]!
    let lead = a
    let best = w
    for (let b = 0; b < n; b += 1) {
      if (b === a || t.valueOf[b] !== t.valueOf[a] || group[index.source[start + b]!] !== group[s]) continue
      const wb = weight[index.source[start + b]!]! * index.share[start + b]!
      if (wb > best || (wb === best && b < lead)) { best = wb; lead = b }
    }
    t.lead[a] = lead
    t.voiceWeight[a] = best
    if (lead === a) {
      t.totals[t.valueOf[a]!] = t.totals[t.valueOf[a]!]! + best
      t.voices += 1
    }
  }
}

/**
 * The value with the greatest total weight in a tally (SPEC §4.5 on point claims: interval
 * stabbing), or null when several values tie or no voice has weight.
 */
export const tallyWinner = (t: ItemTally): number | null => {
  let best = -1
  let top = 0
  let tied = false
  for (let k = 0; k < t.distinct; k += 1) {
    const w = t.totals[k]!
    const eps = 1e-9 * Math.max(1, top)
    if (w > top + eps) { top = w; best = k; tied = false } else if (w > 0 && Math.abs(w - top) <= eps) tied = true
  }
  return best < 0 || tied ? null : t.values[best]!
}
