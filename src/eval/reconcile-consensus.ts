import { reconcile } from "../domain/reconcile.js"
import type { ConsensusEngine } from "./consensus-engine.js"
import type { Prediction } from "./eval-metrics.js"

/**
 * The real reconciliation core as a ConsensusEngine: `reconcile({ catalog, claims, weights })`, one
 * prediction per figure (best estimate and consensus range; an unbounded side stays infinite).
 */
export const reconcileConsensus: ConsensusEngine = ({ catalog, claims, weights }) => {
  const out = new Map<string, Prediction>()
  for (const f of reconcile({ catalog, claims, weights })) {
    out.set(`${f.event}|${f.metric}`, {
      best: f.best,
      range: f.range === null ? null : { lo: f.range.lo ?? -Infinity, hi: f.range.hi ?? Infinity },
    })
  }
  return out
}
