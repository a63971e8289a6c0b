import { type CopyEvidence, type CopyGroup, detectCopies, groupPairs } from "./detect-copies.js"
import { findNearDuplicates, MIRROR_DEFAULTS } from "./find-near-duplicates.js"
import { type LearnWeightsOptions, learnSourceWeights, type SourceReliability } from "./learn-source-weights.js"
import type { Observation } from "./observation.js"
import { indexObservations, type ObservationIndex } from "./observation-index.js"

export interface ReliabilityOptions extends Omit<LearnWeightsOptions, "groups" | "priors"> {
  /**
   * Mirrors (found without a consensus, see findNearDuplicates): a pair differs on at most this
   * share of its shared items; null turns mirror detection off. Default 0.02.
   */
  readonly mirrorDisagreement?: number | null
  /** …and each covers at least this share of the other's items (default 0.9). */
  readonly mirrorCoverage?: number
  /** Coverage against the smaller source's items: a copy of part of another is a mirror too (default false). */
  readonly mirrorSubsets?: boolean
  /** …and at least this many items (default 1000). */
  readonly mirrorMinOverlap?: number
  /**
   * Also find copies by their shared wrong values against the learned consensus (detectCopies) at
   * this score; Infinity (the default) turns it off.
   */
  readonly copyScore?: number
  readonly copyMinRatio?: number
  /** See DetectCopiesOptions.minShare. */
  readonly copyMinShare?: number
  readonly copyMinSharedFalse?: number
  /** Fixes the independent coincidence rate of wrong values instead of estimating it from the data. */
  readonly baselineOverride?: number
  /** Rounds of (learn weights → detect copies) at most (default 4); stops earlier when the groups are stable. */
  readonly maxRounds?: number
}

/** One source as `reckon learn` and `reckon sources` show it. */
export interface SourceReliabilityRow extends SourceReliability {
  /** The copy group the source belongs to, or null. */
  readonly group: string | null
}

export interface Reliability {
  readonly sources: readonly SourceReliabilityRow[]
  /**
   * source → learned weight, for the sources with enough evidence: pass to `reconcile({ weights })`.
   * The others are absent, so their catalog prior stands.
   */
  readonly weights: Map<string, number>
  /**
   * metric → source → learned weight on that metric's cells, where the source has enough contested
   * cells of it: pass to `reconcile({ metricWeights })`. Elsewhere `weights` (or the prior) holds.
   */
  readonly metricWeights: Map<string, Map<string, number>>
  /** source → copy group id: pass to `reconcile({ copyGroups })`. */
  readonly copyGroups: Map<string, string>
  readonly groups: readonly CopyGroup[]
  /** The chance two independent wrong values coincide, estimated against the final consensus (or given). */
  readonly copyBaseline: number
  /** The consensus under the final weights and groups: item → value. */
  readonly truth: Map<string, number>
  /**
   * No source had enough contested cells (at least `minContested` items shared with another
   * independent voice) to learn from: every weight stays at its prior.
   */
  readonly nothingToLearn: boolean
  readonly rounds: number
  /** Iterations of the weight loop, summed over rounds. */
  readonly iterations: number
  readonly converged: boolean
  readonly options: ReliabilityOptions
}

type Linked = { readonly sources: readonly [string, string] }

/**
 * Source reliability with copies (SPEC §4.3): find mirrors (findNearDuplicates), learn weights
 * (learnSourceWeights) with each copy group's members stating one value as one voice, optionally
 * find more copies by their shared wrong values against that consensus (detectCopies) and learn
 * again until the groups no longer change. Every group carries its pairs' evidence against the
 * final consensus. `priors` are the catalog's prior weights (default 1): what a source keeps
 * without evidence. Pure plain data, ready to be stored.
 */
export const learnReliability = (
  observations: readonly Observation[] | ObservationIndex,
  options: ReliabilityOptions,
  priors?: ReadonlyMap<string, number>,
): Reliability => {
  const index = Array.isArray(observations) ? indexObservations(observations as readonly Observation[]) : (observations as ObservationIndex)
  const maxRounds = options.maxRounds ?? 4
  const copyScore = options.copyScore ?? Infinity
  const mirrorDisagreement = options.mirrorDisagreement === undefined ? MIRROR_DEFAULTS.maxDisagreement : options.mirrorDisagreement
  const mirrors: Linked[] = mirrorDisagreement === null ? [] : findNearDuplicates(index, {
    maxDisagreement: mirrorDisagreement,
    minCoverage: options.mirrorCoverage ?? MIRROR_DEFAULTS.minCoverage,
    subsets: options.mirrorSubsets ?? false,
    minOverlap: options.mirrorMinOverlap ?? MIRROR_DEFAULTS.minOverlap,
  })
  let links: Linked[] = mirrors
  let groups = groupPairs(links)
  const learn = (gs: readonly { id: string; sources: readonly string[] }[]) =>
    learnSourceWeights(index, { ...options, groups: groupMap(gs), ...(priors === undefined ? {} : { priors }) })
  let learned = learn(groups)
  let iterations = learned.iterations
  let converged = learned.converged
  let rounds = 1
  const detect = (minScore: number) => detectCopies(index, learned.truth, {
    minScore,
    ...(options.copyMinRatio === undefined ? {} : { minRatio: options.copyMinRatio }),
    ...(options.copyMinShare === undefined ? {} : { minShare: options.copyMinShare }),
    ...(options.copyMinSharedFalse === undefined ? {} : { minSharedFalse: options.copyMinSharedFalse }),
    ...(options.baselineOverride === undefined ? {} : { baseline: options.baselineOverride }),
  })
  while (Number.isFinite(copyScore) && rounds < maxRounds) {
    const found = [...mirrors, ...detect(copyScore).dependent]
    const next = groupPairs(found)
    if (groupsKey(next) === groupsKey(groups)) break
    links = found
    groups = next
    learned = learn(groups)
    iterations += learned.iterations
    converged = learned.converged
    rounds += 1
  }
  // The evidence every group is shown with: its pairs counted against the final consensus.
  const final = detect(Infinity)
  const stats = new Map(final.pairs.map((p) => [p.sources.join("\u0000"), p]))
  const evidenceOf = (pair: Linked): CopyEvidence => stats.get(pair.sources.join("\u0000")) ?? {
    sources: pair.sources, overlap: 0, same: 0, sharedTrue: 0, bothFalse: 0, sharedFalse: 0, expectedSharedFalse: 0, ratio: 0, score: 0,
  }
  const seen = new Set<string>()
  const copyGroupsList: CopyGroup[] = groups.map((g) => ({
    id: g.id,
    sources: g.sources,
    evidence: g.pairs.map(evidenceOf).filter((e) => {
      const k = e.sources.join("\u0000")
      if (seen.has(k)) return false
      seen.add(k)
      return true
    }),
  }))
  const copyGroups = groupMap(groups)
  const sources = learned.sources.map((r) => ({ ...r, group: copyGroups.get(r.source) ?? null }))
  return {
    sources,
    weights: new Map(sources.filter((s) => !s.atPrior).map((s) => [s.source, s.weight])),
    metricWeights: learned.metricWeights,
    copyGroups,
    groups: copyGroupsList,
    copyBaseline: final.baseline,
    truth: learned.truth,
    nothingToLearn: sources.every((s) => s.atPrior),
    rounds,
    iterations,
    converged,
    options,
  }
}

/** source → group id. */
const groupMap = (groups: readonly { readonly id: string; readonly sources: readonly string[] }[]): Map<string, string> => {
  const m = new Map<string, string>()
  for (const g of groups) for (const s of g.sources) m.set(s, g.id)
  return m
}

const groupsKey = (groups: readonly { readonly sources: readonly string[] }[]): string => groups.map((g) => g.sources.join(",")).join("|")

export type { CopyEvidence, CopyGroup }
