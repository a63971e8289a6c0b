import type { Observation } from "./observation.js"
import { indexObservations, type ObservationIndex } from "./observation-index.js"
import { robustLoss } from "./robust-loss.js"
import { weightedVote } from "./weighted-vote.js"

export interface LearnWeightsOptions {
  /** Scale c (in value units, e.g. minutes) of the bounded loss d²/(d²+c²); 0 = exact match or not. */
  readonly lossScale: number
  /**
   * Prior strength, in pseudo-claims: a source's error rate is shrunk toward the mean error rate of
   * all sources as if it had this many more claims at that rate, so a source with few claims cannot
   * earn an extreme weight (CATD's concern).
   */
  readonly priorClaims: number
  /** The number of plausible false values per item (AccuVote's n): weight = ln(n·(1−e)/e). */
  readonly falseValues: number
  /** Multiplies each source's voice during the vote (copy discount, see detectCopies); default 1. */
  readonly discount?: ReadonlyMap<string, number>
  readonly maxIterations?: number
  /** Stop when no weight moves by more than this (default 1e-6). */
  readonly tolerance?: number
}

export interface SourceReliability {
  readonly source: string
  /** Items the source spoke on whose consensus is known (fractional where it gave several values). */
  readonly claims: number
  /** Shrunk mean robust loss: the estimated error rate, in (0, 1). */
  readonly error: number
  /** The learned weight of the source's voice (before any copy discount), ≥ 0. */
  readonly weight: number
}

export interface LearnedWeights {
  readonly weights: Map<string, number>
  readonly sources: readonly SourceReliability[]
  /** The consensus of the last round: item → value (items tied or without weight are absent). */
  readonly truth: Map<string, number>
  readonly iterations: number
  readonly converged: boolean
  /** The mean error rate all sources are shrunk toward. */
  readonly meanError: number
}

/** Error rates are kept inside (ε, 1−ε) so that weights stay finite. */
const EPS = 1e-4

/**
 * Learns source weights from unlabelled observations, in the spirit of CRH: alternate (1) the
 * consensus of every item, a weighted vote (what the core's interval stabbing does on point claims),
 * and (2) each source's weight from its robust loss against that consensus, until the weights stop
 * moving. The loss is bounded (see robustLoss), the error rate is shrunk toward the mean for sources
 * with few claims, and the weight is the log-odds vote weight ln(n·(1−e)/e), floored at 0.
 * Pure and deterministic: the result does not depend on the order of the observations.
 * @example learnSourceWeights(obs, { lossScale: 5, priorClaims: 20, falseValues: 10 }).weights.get("aa")
 */
export const learnSourceWeights = (
  observations: readonly Observation[] | ObservationIndex,
  options: LearnWeightsOptions,
): LearnedWeights => {
  const index = Array.isArray(observations) ? indexObservations(observations as readonly Observation[]) : (observations as ObservationIndex)
  const S = index.sources.length
  const I = index.items.length
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-6
  const discount = new Float64Array(S)
  index.sources.forEach((s, k) => { discount[k] = options.discount?.get(s) ?? 1 })

  let weight = new Float64Array(S).fill(1)
  const voteWeight = new Float64Array(S)
  const truth = new Float64Array(I)
  const known = new Uint8Array(I)
  const loss = new Float64Array(S)
  const count = new Float64Array(S)
  let iterations = 0
  let converged = false
  let meanError = 0.5
  let error = new Float64Array(S).fill(0.5)

  while (iterations < maxIterations) {
    iterations += 1
    for (let s = 0; s < S; s += 1) voteWeight[s] = weight[s]! * discount[s]!
    for (let i = 0; i < I; i += 1) {
      const t = weightedVote(index, i, voteWeight)
      known[i] = t === null ? 0 : 1
      truth[i] = t ?? NaN
    }
    loss.fill(0)
    count.fill(0)
    for (let i = 0; i < I; i += 1) {
      if (known[i] === 0) continue
      const t = truth[i]!
      for (let a = index.itemStart[i]!; a < index.itemStart[i + 1]!; a += 1) {
        const s = index.source[a]!
        const sh = index.share[a]!
        loss[s] = loss[s]! + sh * robustLoss(Math.abs(index.value[a]! - t), options.lossScale)
        count[s] = count[s]! + sh
      }
    }
    let totalLoss = 0
    let totalCount = 0
    for (let s = 0; s < S; s += 1) { totalLoss += loss[s]!; totalCount += count[s]! }
    meanError = clamp(totalCount > 0 ? totalLoss / totalCount : 0.5)
    const next = new Float64Array(S)
    error = new Float64Array(S)
    let moved = 0
    for (let s = 0; s < S; s += 1) {
      const e = clamp((loss[s]! + options.priorClaims * meanError) / (count[s]! + options.priorClaims))
      error[s] = e
      next[s] = Math.max(0, Math.log((options.falseValues * (1 - e)) / e))
      moved = Math.max(moved, Math.abs(next[s]! - weight[s]!))
    }
    weight = next
    if (moved <= tolerance) { converged = true; break }
  }

  const weights = new Map<string, number>()
  const sources: SourceReliability[] = []
  index.sources.forEach((source, s) => {
    weights.set(source, weight[s]!)
    sources.push({ source, claims: count[s]!, error: error[s]!, weight: weight[s]! })
  })
  // The consensus under the final weights, so that truth and weights belong together.
  for (let s = 0; s < S; s += 1) voteWeight[s] = weight[s]! * discount[s]!
  const truthMap = new Map<string, number>()
  for (let i = 0; i < I; i += 1) {
    const t = weightedVote(index, i, voteWeight)
    if (t !== null) truthMap.set(index.items[i]!, t)
  }
  return { weights, sources, truth: truthMap, iterations, converged, meanError }
}

const clamp = (e: number): number => Math.min(1 - EPS, Math.max(EPS, e))
