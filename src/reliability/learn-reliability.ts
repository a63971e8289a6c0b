import { type CopyEvidence, type CopyGroup, copyDiscount, detectCopies, groupPairs } from "./detect-copies.js"
import { findNearDuplicates } from "./find-near-duplicates.js"
import { type LearnWeightsOptions, learnSourceWeights, type SourceReliability } from "./learn-source-weights.js"
import type { Observation } from "./observation.js"
import { indexObservations, type ObservationIndex } from "./observation-index.js"

export interface ReliabilityOptions extends Omit<LearnWeightsOptions, "discount"> {
  /** Score a pair of sources needs to be found dependent (see detectCopies); Infinity turns copy detection off. */
  readonly copyScore: number
  readonly copyMinRatio?: number
  /** See DetectCopiesOptions.minShare. */
  readonly copyMinShare?: number
  readonly copyMinSharedFalse?: number
  /** Rounds of (learn weights → detect copies) at most (default 4); stops earlier when the groups are stable. */
  readonly maxRounds?: number
  /**
   * Seed the first consensus by discounting near-duplicate sources (same value on all but this share
   * of ≥ 1000 shared items, see findNearDuplicates); null turns seeding off. Default 0.005.
   */
  readonly seedDisagreement?: number | null
  /** Fixes the independent coincidence rate of wrong values instead of estimating it from the data. */
  readonly baselineOverride?: number
}

/** One source as `reckon sources` shows it. */
export interface SourceReliabilityRow extends SourceReliability {
  /** The copy group the source belongs to, or null. */
  readonly group: string | null
  /** 1/k in a group of k dependent sources, else 1. */
  readonly discount: number
  /** weight × discount: what the source's voice weighs in `figures`. */
  readonly effectiveWeight: number
}

export interface Reliability {
  readonly sources: readonly SourceReliabilityRow[]
  /** source → effective weight (learned weight × copy discount): pass to `reconcile({ weights })`. */
  readonly weights: Map<string, number>
  readonly groups: readonly CopyGroup[]
  /** The chance two independent wrong values coincide, as estimated (or given). */
  readonly copyBaseline: number
  /** The consensus under the final weights: item → value. */
  readonly truth: Map<string, number>
  readonly rounds: number
  /** Iterations of the weight loop, summed over rounds. */
  readonly iterations: number
  readonly converged: boolean
  readonly options: ReliabilityOptions
}

/**
 * Source reliability with copy detection: learn weights (learnSourceWeights), find dependent sources
 * against that consensus (detectCopies), discount their voices and learn again, until the groups no
 * longer change. Pure plain data, ready to be stored in the ledger.
 */
export const learnReliability = (
  observations: readonly Observation[] | ObservationIndex,
  options: ReliabilityOptions,
): Reliability => {
  const index = Array.isArray(observations) ? indexObservations(observations as readonly Observation[]) : (observations as ObservationIndex)
  const maxRounds = options.maxRounds ?? 4
  const seedDisagreement = options.seedDisagreement === undefined ? 0.005 : options.seedDisagreement
  const seeds =
    seedDisagreement === null || !Number.isFinite(options.copyScore)
      ? []
      : findNearDuplicates(index, { maxDisagreement: seedDisagreement })
  let groups: CopyGroup[] = groupPairs(seeds)
  let discount = copyDiscount(groups)
  let baseline = options.baselineOverride ?? NaN
  let learned = learnSourceWeights(index, { ...options, discount })
  let iterations = learned.iterations
  let converged = learned.converged
  let rounds = 1
  if (Number.isFinite(options.copyScore)) {
    while (rounds < maxRounds) {
      const detection = detectCopies(index, learned.truth, {
        minScore: options.copyScore,
        ...(options.copyMinRatio === undefined ? {} : { minRatio: options.copyMinRatio }),
        ...(options.copyMinShare === undefined ? {} : { minShare: options.copyMinShare }),
        ...(options.copyMinSharedFalse === undefined ? {} : { minSharedFalse: options.copyMinSharedFalse }),
        ...(options.baselineOverride === undefined ? {} : { baseline: options.baselineOverride }),
      })
      baseline = detection.baseline
      const same = groupsKey(detection.groups) === groupsKey(groups)
      groups = detection.groups
      if (same && rounds > 1) break
      discount = copyDiscount(groups)
      learned = learnSourceWeights(index, { ...options, discount })
      iterations += learned.iterations
      converged = learned.converged
      rounds += 1
    }
  }
  const groupOf = new Map<string, string>()
  for (const g of groups) for (const s of g.sources) groupOf.set(s, g.id)
  const sources = learned.sources.map((r) => {
    const d = discount.get(r.source) ?? 1
    return { ...r, group: groupOf.get(r.source) ?? null, discount: d, effectiveWeight: r.weight * d }
  })
  return {
    sources,
    weights: new Map(sources.map((r) => [r.source, r.effectiveWeight])),
    groups,
    copyBaseline: baseline,
    truth: learned.truth,
    rounds,
    iterations,
    converged,
    options,
  }
}

const groupsKey = (groups: readonly CopyGroup[]): string => groups.map((g) => g.sources.join(",")).join("|")

export type { CopyEvidence, CopyGroup }
