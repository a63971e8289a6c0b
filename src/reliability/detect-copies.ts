import type { ObservationIndex } from "./observation-index.js"

/** What two sources' values say about their dependence, against a consensus. */
export interface CopyEvidence {
  readonly sources: readonly [string, string]
  /** Items both gave one value on whose consensus is known. */
  readonly overlap: number
  /** Items where both gave the same value. */
  readonly same: number
  /** Items where both gave the consensus value. */
  readonly sharedTrue: number
  /** Items where both were wrong. */
  readonly bothFalse: number
  /** Items where both gave the same wrong value. */
  readonly sharedFalse: number
  /** How many of the bothFalse items independent sources would share: bothFalse × baseline. */
  readonly expectedSharedFalse: number
  /** sharedFalse / expectedSharedFalse. */
  readonly ratio: number
  /** Log-likelihood ratio (binomial) of the observed share of same wrong values against the baseline. */
  readonly score: number
}

/** Sources found dependent on each other (connected by dependent pairs), with the evidence. */
export interface CopyGroup {
  readonly id: string
  readonly sources: readonly string[]
  /** The dependent pairs that tie the group together (their counts against the final consensus). */
  readonly evidence: readonly CopyEvidence[]
}

export interface DetectCopiesOptions {
  /** A pair is dependent when its score reaches this (a log-likelihood ratio, in nats). */
  readonly minScore: number
  /** …and it shares wrong values at least this many times as often as the baseline (default 2). */
  readonly minRatio?: number
  /**
   * …and of the items both got wrong, at least this share carry the same wrong value (default 0.9).
   * Sources fed by a common upstream share many mistakes; a copy repeats (nearly) all of them.
   */
  readonly minShare?: number
  /** …and at least this many same wrong values (default 5). */
  readonly minSharedFalse?: number
  /**
   * The chance that two independent wrong values on an item coincide. Default: estimated from the
   * data as the median, over the source pairs with at least 20 items both got wrong, of the share
   * of those items where the wrong values are the same (most pairs are independent).
   */
  readonly baseline?: number
}

export interface CopyDetection {
  /** The pairs that pass every test, strongest first. */
  readonly dependent: CopyEvidence[]
  /** Every pair that shares an item whose consensus is known, dependent or not, strongest first. */
  readonly pairs: CopyEvidence[]
  readonly baseline: number
}

/**
 * Finds sources that share the same wrong values far more often than independent sources would, in
 * the spirit of AccuCopy: two independent sources that are both wrong on an item rarely give the same
 * wrong value, while a copier repeats its original's mistakes. Given the consensus (`truth`), each
 * pair's items where both are wrong are counted, and the share of those with the same wrong value is
 * tested against the independent baseline. It trusts the consensus: where a wrong majority outvotes
 * two accurate sources, their shared right value looks like a shared mistake (see findNearDuplicates
 * for copies found without a consensus).
 * @example detectCopies(index, truth, { minScore: 50 }).dependent[0].sources → ["flightview", "gofox"]
 */
export const detectCopies = (
  index: ObservationIndex,
  truth: ReadonlyMap<string, number>,
  options: DetectCopiesOptions,
): CopyDetection => {
  const S = index.sources.length
  const overlap = new Float64Array(S * S)
  const same = new Float64Array(S * S)
  const sharedTrue = new Float64Array(S * S)
  const bothFalse = new Float64Array(S * S)
  const sharedFalse = new Float64Array(S * S)
  // One value per source and item: a source with several values on an item is skipped there.
  const src: number[] = []
  const val: number[] = []
  index.items.forEach((item, i) => {
    const t = truth.get(item)
    if (t === undefined) return
    src.length = 0
    val.length = 0
    for (let a = index.itemStart[i]!; a < index.itemStart[i + 1]!; a += 1) {
      if (index.share[a] !== 1) continue
      src.push(index.source[a]!)
      val.push(index.value[a]!)
    }
    for (let a = 0; a < src.length; a += 1) {
      for (let b = a + 1; b < src.length; b += 1) {
        const sa = src[a]!
        const sb = src[b]!
        const k = sa < sb ? sa * S + sb : sb * S + sa
        overlap[k] = overlap[k]! + 1
        if (val[a] === val[b]) same[k] = same[k]! + 1
        const fa = val[a] !== t
        const fb = val[b] !== t
        if (!fa && !fb) sharedTrue[k] = sharedTrue[k]! + 1
        else if (fa && fb) {
          bothFalse[k] = bothFalse[k]! + 1
          if (val[a] === val[b]) sharedFalse[k] = sharedFalse[k]! + 1
        }
      }
    }
  })

  const baseline = options.baseline ?? estimateBaseline(bothFalse, sharedFalse, S)
  const minRatio = options.minRatio ?? 2
  const minSharedFalse = options.minSharedFalse ?? 5
  const minShare = options.minShare ?? 0.9
  const pairs: CopyEvidence[] = []
  for (let a = 0; a < S; a += 1) {
    for (let b = a + 1; b < S; b += 1) {
      const k = a * S + b
      if (overlap[k] === 0) continue
      const d = bothFalse[k]!
      const f = sharedFalse[k]!
      const expected = d * baseline
      pairs.push({
        sources: [index.sources[a]!, index.sources[b]!],
        overlap: overlap[k]!,
        same: same[k]!,
        sharedTrue: sharedTrue[k]!,
        bothFalse: d,
        sharedFalse: f,
        expectedSharedFalse: expected,
        ratio: expected > 0 ? f / expected : f > 0 ? Infinity : 0,
        score: binomialScore(f, d, baseline),
      })
    }
  }
  pairs.sort((x, y) => y.score - x.score || (x.sources.join() < y.sources.join() ? -1 : 1))
  const dependent = pairs.filter(
    (p) =>
      p.score >= options.minScore &&
      p.ratio >= minRatio &&
      p.sharedFalse >= minSharedFalse &&
      p.sharedFalse >= minShare * p.bothFalse,
  )
  return { dependent, pairs, baseline }
}

/** Binomial log-likelihood ratio of f successes in n at the observed rate against rate p (0 when f/n ≤ p). */
const binomialScore = (f: number, n: number, p: number): number => {
  if (n === 0) return 0
  const r = f / n
  if (r <= p) return 0
  const term = (x: number, q: number): number => (x === 0 ? 0 : x * Math.log(x / q))
  return n * (term(r, p) + term(1 - r, 1 - p))
}

const estimateBaseline = (bothFalse: Float64Array, sharedFalse: Float64Array, S: number): number => {
  const rates: number[] = []
  for (let a = 0; a < S; a += 1) {
    for (let b = a + 1; b < S; b += 1) {
      const d = bothFalse[a * S + b]!
      if (d >= 20) rates.push(sharedFalse[a * S + b]! / d)
    }
  }
  if (rates.length === 0) return 0.1
  rates.sort((x, y) => x - y)
  const mid = Math.floor(rates.length / 2)
  const median = rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2
  // Never 0: a baseline of 0 would make a single shared mistake infinitely suspicious.
  return Math.min(0.99, Math.max(0.01, median))
}

/**
 * Joins dependent pairs into groups (connected components: a copy of a copy is a copy), each named
 * after its first member and carrying the pairs that tie it together, largest group first.
 */
export const groupPairs = <P extends { readonly sources: readonly [string, string] }>(pairs: readonly P[]): { id: string; sources: string[]; pairs: P[] }[] => {
  const parent = new Map<string, string>()
  const find = (s: string): string => {
    let r = s
    while (parent.get(r) !== r) r = parent.get(r)!
    parent.set(s, r)
    return r
  }
  for (const p of pairs) {
    const [a, b] = p.sources
    if (!parent.has(a)) parent.set(a, a)
    if (!parent.has(b)) parent.set(b, b)
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  const members = new Map<string, string[]>()
  for (const s of [...parent.keys()].sort()) {
    const r = find(s)
    const list = members.get(r) ?? []
    list.push(s)
    members.set(r, list)
  }
  return [...members.values()]
    .map((list) => ({ id: `copy:${list[0]}`, sources: list, pairs: pairs.filter((p) => list.includes(p.sources[0])) }))
    .sort((x, y) => y.sources.length - x.sources.length || (x.id < y.id ? -1 : 1))
}
