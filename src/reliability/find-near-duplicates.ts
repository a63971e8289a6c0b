import type { CopyEvidence } from "./detect-copies.js"
import type { ObservationIndex } from "./observation-index.js"

export interface NearDuplicateOptions {
  /** Items two sources must share at least (default 1000). */
  readonly minOverlap?: number
  /** They differ on at most this share of them (default 0.005). */
  readonly maxDisagreement?: number
}

/**
 * Pairs of sources that give the same value on (nearly) every item they share, over many items:
 * whatever the truth is, such a pair shares every wrong value either has. Found without any consensus,
 * so it can seed copy detection before a consensus exists that a large clique of copies has not
 * already bent toward itself. The evidence counts agreements as `sharedTrue` + `sharedFalse` unknown:
 * `sharedFalse` and `bothFalse` are 0, `overlap` and the disagreement (`1 − ratio`) tell the story.
 */
export const findNearDuplicates = (index: ObservationIndex, options: NearDuplicateOptions = {}): CopyEvidence[] => {
  const minOverlap = options.minOverlap ?? 1000
  const maxDisagreement = options.maxDisagreement ?? 0.005
  const S = index.sources.length
  const overlap = new Float64Array(S * S)
  const same = new Float64Array(S * S)
  for (let i = 0; i < index.items.length; i += 1) {
    const start = index.itemStart[i]!
    const end = index.itemStart[i + 1]!
    for (let a = start; a < end; a += 1) {
      if (index.share[a] !== 1) continue
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
  const pairs: CopyEvidence[] = []
  for (let a = 0; a < S; a += 1) {
    for (let b = a + 1; b < S; b += 1) {
      const n = overlap[a * S + b]!
      if (n < minOverlap) continue
      const agree = same[a * S + b]! / n
      if (1 - agree > maxDisagreement) continue
      pairs.push({
        sources: [index.sources[a]!, index.sources[b]!],
        overlap: n,
        sharedTrue: same[a * S + b]!,
        bothFalse: 0,
        sharedFalse: 0,
        expectedSharedFalse: 0,
        ratio: agree,
        score: 0,
      })
    }
  }
  return pairs
}
