import type { ObservationIndex } from "./observation-index.js"

/** A pair of sources found to mirror each other, with what was counted. */
export interface MirrorPair {
  readonly sources: readonly [string, string]
  /** Items both gave one value on. */
  readonly overlap: number
  /** …of which with the same value. */
  readonly same: number
  /** overlap / the smaller source's items: how much of the smaller one the other covers. */
  readonly containment: number
}

export interface NearDuplicateOptions {
  /** Items two sources must share at least (default 1000). */
  readonly minOverlap?: number
  /** They differ on at most this share of them (default 0.02). */
  readonly maxDisagreement?: number
  /** …and the shared items are at least this share of the smaller source's items (default 0.9). */
  readonly minContainment?: number
}

/** What `findNearDuplicates` uses unless told otherwise. */
export const MIRROR_DEFAULTS = { minOverlap: 1000, maxDisagreement: 0.02, minContainment: 0.9 } as const

/**
 * Pairs of sources where one mirrors the other: the smaller speaks (nearly) only on items the other
 * speaks on, and gives the same value on (nearly) all of them, over many items. A site that
 * republishes another's data repeats its mistakes along with everything else, so whatever the truth
 * is, such a pair shares every wrong value either has. Found without any consensus: a consensus
 * that a clique of copies has bent toward itself cannot hide them, and two independent sources that
 * are both right are not mistaken for copies just because a wrong majority outvotes them both.
 * Coverage is what tells a mirror from an independent accurate source: an airline's site agrees
 * with an aggregator on nearly every flight of that airline, but the aggregator covers all airlines.
 * @example findNearDuplicates(index)[0] → { sources: ["flightview", "gofox"], overlap: 26733, same: 26553, containment: 1 }
 */
export const findNearDuplicates = (index: ObservationIndex, options: NearDuplicateOptions = {}): MirrorPair[] => {
  const minOverlap = options.minOverlap ?? MIRROR_DEFAULTS.minOverlap
  const maxDisagreement = options.maxDisagreement ?? MIRROR_DEFAULTS.maxDisagreement
  const minContainment = options.minContainment ?? MIRROR_DEFAULTS.minContainment
  const S = index.sources.length
  const items = new Float64Array(S)
  const overlap = new Float64Array(S * S)
  const same = new Float64Array(S * S)
  for (let i = 0; i < index.items.length; i += 1) {
    const start = index.itemStart[i]!
    const end = index.itemStart[i + 1]!
    for (let a = start; a < end; a += 1) {
      // A source with several values on an item (a flight listed twice) is left out there.
      if (index.share[a] !== 1) continue
      items[index.source[a]!] = items[index.source[a]!]! + 1
      for (let b = a + 1; b < end; b += 1) {
        if (index.share[b] !== 1) continue
        const sa = index.source[a]!
        const sb = index.source[b]!
        const k = sa < sb ? sa * S + sb : sb * S + sa
        overlap[k] = overlap[k]! + 1
        if (index.value[a] === index.value[b]) same[k] = same[k]! + 1
      }
    }
  }
  const pairs: MirrorPair[] = []
  for (let a = 0; a < S; a += 1) {
    for (let b = a + 1; b < S; b += 1) {
      const n = overlap[a * S + b]!
      if (n < minOverlap) continue
      const containment = n / Math.min(items[a]!, items[b]!)
      if (containment < minContainment || 1 - same[a * S + b]! / n > maxDisagreement) continue
      pairs.push({ sources: [index.sources[a]!, index.sources[b]!], overlap: n, same: same[a * S + b]!, containment })
    }
  }
  return pairs
}
