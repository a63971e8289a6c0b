import { itemTally, maxItemSize, tallyItem, tallyWinner } from "./item-tally.js"
import type { Observation } from "./observation.js"
import { indexObservations, type ObservationIndex } from "./observation-index.js"

export interface LearnWeightsOptions {
  /** The number of plausible false values per item (AccuVote's n): weight = ln(n·a/(1−a)) for agreement rate a. */
  readonly falseValues: number
  /**
   * Prior strength, in contested cells: a source's agreement rate is shrunk toward the rate its
   * prior weight stands for as if it had this many more contested cells at that rate, so a source
   * with little evidence keeps a weight near its prior.
   */
  readonly priorCells: number
  /** A source with fewer contested cells than this keeps its prior weight exactly: too little evidence to tell it apart. */
  readonly minContested: number
  /** Prior weight per source (the catalog's `weight`); default 1. */
  readonly priors?: ReadonlyMap<string, number>
  /** Copy groups: source → group id. Members stating the same value on an item are one voice. */
  readonly groups?: ReadonlyMap<string, string>
  readonly maxIterations?: number
  /** Stop when no weight moves by more than this (default 1e-6). */
  readonly tolerance?: number
}

export interface SourceReliability {
  readonly source: string
  /** Items the source spoke on (fractional where it gave several values on one). */
  readonly claims: number
  /** Items on which at least one other independent voice (with weight) speaks: the source's only evidence. */
  readonly contested: number
  /** Share of those on which the source's value is the consensus of the others (left out itself); null without any. */
  readonly agreement: number | null
  /** The catalog's prior weight. */
  readonly prior: number
  /** The weight its voice gets: learned from the evidence, or the prior with too little of it. ≥ 0. */
  readonly weight: number
  /** True when the source had too few contested cells (< minContested) and kept its prior. */
  readonly atPrior: boolean
}

export interface LearnedWeights {
  readonly weights: Map<string, number>
  readonly sources: readonly SourceReliability[]
  /** The consensus under the final weights: item → value (items tied or without weight are absent). */
  readonly truth: Map<string, number>
  readonly iterations: number
  readonly converged: boolean
}

/** Agreement rates are kept inside (ε, 1−ε) so that weights stay finite. */
const EPS = 1e-4

/** The agreement rate a prior weight w stands for: ln(n·a/(1−a)) = w. */
export const priorAgreement = (weight: number, falseValues: number): number => {
  const odds = Math.exp(weight) / falseValues
  return odds / (1 + odds)
}

/** The vote weight of an agreement rate: ln(n·a/(1−a)), floored at 0 (a source worse than chance has no say). */
export const agreementWeight = (agreement: number, falseValues: number): number => {
  const a = Math.min(1 - EPS, Math.max(EPS, agreement))
  return Math.max(0, Math.log((falseValues * a) / (1 - a)))
}

/**
 * Learns source weights from unlabelled observations (SPEC §4.3). Alternates (1) every source's
 * agreement with the consensus of the *other* independent voices on the items it shares with them
 * (leave-one-out weighted vote; copy-group mates stating its value are left out with it, so copies
 * never vouch for each other) and (2) its weight from that agreement rate, shrunk toward its prior.
 * Items no one else speaks on are no evidence at all, so a prolific source on its own items earns
 * nothing there. A source with fewer than `minContested` contested items keeps its prior exactly,
 * so sources learning cannot tell apart keep equal weights and their ties stay ties.
 * Pure and deterministic: the result does not depend on the order of the observations.
 * @example learnSourceWeights(obs, { falseValues: 2, priorCells: 20, minContested: 10 }).weights.get("aa")
 */
export const learnSourceWeights = (
  observations: readonly Observation[] | ObservationIndex,
  options: LearnWeightsOptions,
): LearnedWeights => {
  const index = Array.isArray(observations) ? indexObservations(observations as readonly Observation[]) : (observations as ObservationIndex)
  const S = index.sources.length
  const I = index.items.length
  const n = options.falseValues
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-6
  const prior = new Float64Array(S)
  const priorRate = new Float64Array(S)
  const group = groupNumbers(index, options.groups)
  index.sources.forEach((s, k) => {
    const p = options.priors?.get(s)
    prior[k] = p !== undefined && Number.isFinite(p) && p >= 0 ? p : 1
    priorRate[k] = priorAgreement(prior[k]!, n)
  })
  const claims = new Float64Array(S)
  for (let a = 0; a < index.source.length; a += 1) claims[index.source[a]!] = claims[index.source[a]!]! + index.share[a]!

  let weight = Float64Array.from(prior)
  const contested = new Float64Array(S)
  const agree = new Float64Array(S)
  const t = itemTally(maxItemSize(index))
  const rest = new Float64Array(t.totals.length)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations += 1
    contested.fill(0)
    agree.fill(0)
    for (let i = 0; i < I; i += 1) {
      const start = index.itemStart[i]!
      const size = index.itemStart[i + 1]! - start
      if (size < 2) continue
      tallyItem(index, i, weight, group, t)
      // Each source once per item: its observations are contiguous in the index.
      for (let a = 0; a < size; ) {
        const s = index.source[start + a]!
        let end = a + 1
        while (end < size && index.source[start + end] === s) end += 1
        if (t.voices > end - a) {
          for (let k = 0; k < t.distinct; k += 1) rest[k] = t.totals[k]!
          for (let b = a; b < end; b += 1) rest[t.valueOf[b]!] = rest[t.valueOf[b]!]! - t.voiceWeight[b]!
          let top = 0
          for (let k = 0; k < t.distinct; k += 1) if (rest[k]! > top) top = rest[k]!
          if (top > 1e-12) {
            const eps = 1e-9 * Math.max(1, top)
            let tied = 0
            for (let k = 0; k < t.distinct; k += 1) if (rest[k]! >= top - eps) tied += 1
            let hit = 0
            for (let b = a; b < end; b += 1) if (rest[t.valueOf[b]!]! >= top - eps) hit += index.share[start + b]!
            contested[s] = contested[s]! + 1
            agree[s] = agree[s]! + hit / tied
          }
        }
        a = end
      }
    }
    const next = new Float64Array(S)
    let moved = 0
    for (let s = 0; s < S; s += 1) {
      const c = contested[s]!
      next[s] = c < options.minContested
        ? prior[s]!
        : agreementWeight((agree[s]! + options.priorCells * priorRate[s]!) / (c + options.priorCells), n)
      moved = Math.max(moved, Math.abs(next[s]! - weight[s]!))
    }
    weight = next
    if (moved <= tolerance) { converged = true; break }
  }

  const weights = new Map<string, number>()
  const sources: SourceReliability[] = []
  index.sources.forEach((source, s) => {
    weights.set(source, weight[s]!)
    const c = contested[s]!
    sources.push({
      source, claims: claims[s]!, contested: c, agreement: c > 0 ? agree[s]! / c : null, prior: prior[s]!,
      weight: weight[s]!, atPrior: c < options.minContested,
    })
  })
  return { weights, sources, truth: consensusOf(index, weight, group, t), iterations, converged }
}

/** Group numbers per source index: members of one copy group share one, every other source has its own. */
export const groupNumbers = (index: ObservationIndex, groups: ReadonlyMap<string, string> | undefined): Int32Array => {
  const S = index.sources.length
  const out = new Int32Array(S)
  const ids = new Map<string, number>()
  index.sources.forEach((s, k) => {
    const g = groups?.get(s)
    if (g === undefined) { out[k] = k; return }
    let id = ids.get(g)
    if (id === undefined) ids.set(g, (id = S + ids.size))
    out[k] = id
  })
  return out
}

/** The merged-voice weighted vote on every item: item → value (ties and weightless items left out). */
const consensusOf = (index: ObservationIndex, weight: Float64Array, group: Int32Array, t: ReturnType<typeof itemTally>): Map<string, number> => {
  const truth = new Map<string, number>()
  for (let i = 0; i < index.items.length; i += 1) {
    tallyItem(index, i, weight, group, t)
    const v = tallyWinner(t)
    if (v !== null) truth.set(index.items[i]!, v)
  }
  return truth
}
