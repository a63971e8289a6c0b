import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import { reconcile } from "../domain/reconcile.js"
import type { Prediction } from "./eval-metrics.js"

/**
 * The real reconciliation core as the evaluation sees it: `reconcile({ catalog, claims, weights,
 * copyGroups })`, one prediction per figure keyed "event|metric" (best estimate and consensus range;
 * an unbounded side stays infinite).
 */
export const reconcileConsensus = (input: {
  readonly catalog: Catalog
  readonly claims: readonly Claim[]
  readonly weights?: ReadonlyMap<string, number>
  readonly metricWeights?: ReadonlyMap<string, ReadonlyMap<string, number>>
  readonly copyGroups?: ReadonlyMap<string, string>
}): Map<string, Prediction> => {
  const out = new Map<string, Prediction>()
  for (const f of reconcile(input)) {
    out.set(`${f.event}|${f.metric}`, {
      best: f.best,
      range: f.range === null ? null : { lo: f.range.lo ?? -Infinity, hi: f.range.hi ?? Infinity },
    })
  }
  return out
}
