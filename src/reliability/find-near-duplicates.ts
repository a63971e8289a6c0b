import type { ObservationIndex } from "./observation-index.js"

/** A pair of sources found to mirror each other, with what was counted. */
export interface MirrorPair {
  readonly sources: readonly [string, string]
  /** Items both gave one value on. */
  readonly overlap: number
  /** …of which with the same value. */
  readonly same: number
  /** overlap / the larger source's items (with `subsets`, the smaller's). */
  readonly coverage: number
}

export interface NearDuplicateOptions {
  /** Items two sources must share at least (default 1000). */
  readonly minOverlap?: number
  /** They differ on at most this share of them (default 0.02). */
  readonly maxDisagreement?: number
  /** …and the shared items are at least this share of either source's items (default 0.9). */
  readonly minCoverage?: number
  /**
   * Measure coverage against the smaller source: a site that republishes part of another's items
   * (one airline's flights of an aggregator) is its mirror too. Default false: an accurate source
   * that covers part of another's items and agrees with it there is not taken for its copy.
   */
  readonly subsets?: boolean
}

/** What `findNearDuplicates` uses unless told otherwise. */
export const MIRROR_DEFAULTS = { minOverlap: 1000, maxDisagreement: 0.02, minCoverage: 0.9 } as const

/**
 * Pairs of sources that mirror each other: they speak on (nearly) the same items and give the same
 * value on (nearly) all of them, over many items. A site that
 * republishes another's data repeats its mistakes along with everything else, so whatever the truth
 * is, such a pair shares every wrong value either has. Found without any consensus: a consensus
 * that a clique of copies has bent toward itself cannot hide them, and two independent sources that
 * are both right are not mistaken for copies just because a wrong majority outvotes them both.
 * Coverage is what tells a mirror from an accurate source that merely agrees: an airline's site
 * agrees with an aggregator on nearly every flight of that airline, but the aggregator covers all
 * airlines; only with `subsets` is a site that copies part of another found too.
 * @example findNearDuplicates(index)[0] → { sources: ["flightview", "gofox"], overlap: 26733, same: 26553, coverage: 1 }
 */
export const findNearDuplicates = (index: ObservationIndex, options: NearDuplicateOptions = {}): MirrorPair[] => {
  const minOverlap = options.minOverlap ?? MIRROR_DEFAULTS.minOverlap
  const maxDisagreement = options.maxDisagreement ?? MIRROR_DEFAULTS.maxDisagreement
  const minCoverage = options.minCoverage ?? MIRROR_DEFAULTS.minCoverage
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
      const coverage = n / (options.subsets === true ? Math.min(items[a]!, items[b]!) : Math.max(items[a]!, items[b]!))
      if (coverage < minCoverage || 1 - same[a * S + b]! / n > maxDisagreement) continue
      pairs.push({ sources: [index.sources[a]!, index.sources[b]!], overlap: n, same: same[a * S + b]!, coverage })
    }
  }
  return pairs
}
