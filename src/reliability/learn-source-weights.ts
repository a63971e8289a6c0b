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

/** A source's record on the cells of one metric (SPEC §4.3: its quality may differ per metric). */
export interface MetricReliability {
  readonly metric: string
  /** Contested cells of this metric. */
  readonly contested: number
  /** Share of those on which the source's value is the consensus of the others; null without any. */
  readonly agreement: number | null
  /** The weight its voice gets on this metric's cells. */
  readonly weight: number
  /** True when too few of its contested cells are of this metric (< minContested): it keeps its overall weight here. */
  readonly atOverall: boolean
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
  /** The weight its voice gets over all metrics: learned from the evidence, or the prior with too little of it. ≥ 0. */
  readonly weight: number
  /** True when the source had too few contested cells (< minContested) and kept its prior. */
  readonly atPrior: boolean
  /** Per metric it has contested cells on (sorted by metric); empty for observations without metrics. */
  readonly metrics: readonly MetricReliability[]
}

export interface LearnedWeights {
  /** source → weight over all metrics. */
  readonly weights: Map<string, number>
  /**
   * metric → source → weight on that metric's cells, for the sources with enough contested cells
   * of the metric (≥ minContested); the others' overall weight holds there.
   */
  readonly metricWeights: Map<string, Map<string, number>>
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
 * Agreement with hierarchical shrinkage: a source's record on one metric (agree of contested),
 * shrunk toward the rate of its record on the other metrics, itself shrunk toward the rate its
 * prior stands for, each with the same strength (priorCells). A source that speaks to one metric
 * only gets exactly the rate of its whole record.
 * @example metricAgreement(45, 50, 45, 50, 0.8, 20) === (45 + 20 * 0.8) / (50 + 20)
 */
export const metricAgreement = (
  agree: number, contested: number, totalAgree: number, totalContested: number, priorRate: number, priorCells: number,
): number => {
  const others = (totalAgree - agree + priorCells * priorRate) / (totalContested - contested + priorCells)
  return (agree + priorCells * others) / (contested + priorCells)
}

/**
 * Learns source weights from unlabelled observations (SPEC §4.3). Alternates (1) every source's
 * agreement with the consensus of the *other* independent voices on the items it shares with them
 * (leave-one-out weighted vote; copy-group mates stating its value are left out with it, so copies
 * never vouch for each other) and (2) its weights from those agreement rates, shrunk toward its
 * prior. Items no one else speaks on are no evidence at all, so a prolific source on its own items
 * earns nothing there. A source with fewer than `minContested` contested items keeps its prior
 * exactly, so sources learning cannot tell apart keep equal weights and their ties stay ties.
 * Where observations name their metric, a source's quality may differ per metric (an airline's
 * scheduled times are its own, its actual times a measurement): on a metric with at least
 * `minContested` contested cells its weight there comes from its record on that metric, shrunk
 * toward its record elsewhere (`metricAgreement`); with fewer, its overall weight holds there.
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
  const M = index.metrics.length
  const n = options.falseValues
  const P = options.priorCells
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

  // Weights and evidence per metric and source, at m·S + s; `overall` per source.
  let weight = new Float64Array(M * S)
  for (let m = 0; m < M; m += 1) weight.set(prior, m * S)
  let overall = Float64Array.from(prior)
  const contested = new Float64Array(M * S)
  const agree = new Float64Array(M * S)
  const totalContested = new Float64Array(S)
  const totalAgree = new Float64Array(S)
  const t = itemTally(maxItemSize(index))
  const rest = new Float64Array(t.totals.length)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations += 1
    contested.fill(0)
    agree.fill(0)
    const views = metricViews(weight, M, S)
    for (let i = 0; i < I; i += 1) {
      const start = index.itemStart[i]!
      const size = index.itemStart[i + 1]! - start
      if (size < 2) continue
      const m = index.itemMetric[i]!
      tallyItem(index, i, views[m]!, group, t)
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
            contested[m * S + s] = contested[m * S + s]! + 1
            agree[m * S + s] = agree[m * S + s]! + hit / tied
          }
        }
        a = end
      }
    }
    totalContested.fill(0)
    totalAgree.fill(0)
    for (let m = 0; m < M; m += 1) {
      for (let s = 0; s < S; s += 1) {
        totalContested[s] = totalContested[s]! + contested[m * S + s]!
        totalAgree[s] = totalAgree[s]! + agree[m * S + s]!
      }
    }
    const nextOverall = new Float64Array(S)
    for (let s = 0; s < S; s += 1) {
      const c = totalContested[s]!
      nextOverall[s] = c < options.minContested ? prior[s]! : agreementWeight((totalAgree[s]! + P * priorRate[s]!) / (c + P), n)
    }
    const next = new Float64Array(M * S)
    let moved = 0
    for (let m = 0; m < M; m += 1) {
      for (let s = 0; s < S; s += 1) {
        const k = m * S + s
        const c = contested[k]!
        next[k] = c < options.minContested
          ? nextOverall[s]!
          : agreementWeight(metricAgreement(agree[k]!, c, totalAgree[s]!, totalContested[s]!, priorRate[s]!, P), n)
        moved = Math.max(moved, Math.abs(next[k]! - weight[k]!))
      }
    }
    weight = next
    overall = nextOverall
    if (moved <= tolerance) { converged = true; break }
  }

  const weights = new Map<string, number>()
  const metricWeights = new Map<string, Map<string, number>>()
  const sources: SourceReliability[] = []
  const named = index.metrics.some((m) => m !== "")
  index.sources.forEach((source, s) => {
    weights.set(source, overall[s]!)
    const c = totalContested[s]!
    const metrics: MetricReliability[] = []
    if (named) {
      index.metrics.forEach((metric, m) => {
        const cm = contested[m * S + s]!
        if (cm === 0) return
        const atOverall = cm < options.minContested
        metrics.push({ metric, contested: cm, agreement: agree[m * S + s]! / cm, weight: weight[m * S + s]!, atOverall })
        if (atOverall) return
        let byMetric = metricWeights.get(metric)
        if (byMetric === undefined) metricWeights.set(metric, (byMetric = new Map()))
        byMetric.set(source, weight[m * S + s]!)
      })
    }
    sources.push({
      source, claims: claims[s]!, contested: c, agreement: c > 0 ? totalAgree[s]! / c : null, prior: prior[s]!,
      weight: overall[s]!, atPrior: c < options.minContested, metrics,
    })
  })
  return { weights, metricWeights, sources, truth: consensusOf(index, metricViews(weight, M, S), group, t), iterations, converged }
}

/** One weight array per metric (views into the m·S + s layout), as `tallyItem` reads them. */
const metricViews = (weight: Float64Array, M: number, S: number): Float64Array[] =>
  Array.from({ length: M }, (_, m) => weight.subarray(m * S, (m + 1) * S))

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
const consensusOf = (index: ObservationIndex, weights: readonly Float64Array[], group: Int32Array, t: ReturnType<typeof itemTally>): Map<string, number> => {
  const truth = new Map<string, number>()
  for (let i = 0; i < index.items.length; i += 1) {
    tallyItem(index, i, weights[index.itemMetric[i]!]!, group, t)
    const v = tallyWinner(t)
    if (v !== null) truth.set(index.items[i]!, v)
  }
  return truth
}
