import * as Effect from "effect/Effect"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { ReliabilityRows } from "../ledger/ledger-rows.js"
import type { Reliability } from "./learn-reliability.js"

/** How the stored weights were reached, in the `method` column. */
export const RELIABILITY_METHOD =
  "leave-one-out agreement on contested cells, per metric shrunk toward the source's other metrics, shrunk toward the prior (log-odds weight); copy groups as merged voices (mirrors)"

/**
 * The ledger rows of learned reliability: each source's learned weight (null when it had too
 * little evidence: reconcile then keeps its prior), prior, claims, contested cells, agreement and
 * copy group; its record and weight per metric (null with too little evidence on the metric); the
 * copy groups and their pairwise evidence.
 */
export const reliabilityRows = (reliability: Reliability, dataset: string | null, now: string): ReliabilityRows => {
  const optionsJson = JSON.stringify(reliability.options)
  return {
    sources: reliability.sources.map((s) => ({
      source: s.source, weight: s.atPrior ? null : s.weight, prior_weight: s.prior, claims: s.claims, contested: s.contested,
      agreement: s.agreement, copy_group: s.group, dataset, learned_at: now, method: RELIABILITY_METHOD, options_json: optionsJson,
    })),
    // A metric row's weight is null where the source had too few contested cells of the metric: its overall weight stands there.
    metrics: reliability.sources.flatMap((s) => s.metrics.map((m) => ({
      source: s.source, metric: m.metric, weight: m.atOverall ? null : m.weight, contested: m.contested, agreement: m.agreement,
      dataset, learned_at: now,
    }))),
    groups: reliability.groups.map((g) => ({
      // A NaN baseline means copy detection never ran (it was seeded only): store 0, not NULL.
      id: g.id, sources_json: JSON.stringify(g.sources), dataset,
      baseline: Number.isFinite(reliability.copyBaseline) ? reliability.copyBaseline : 0, learned_at: now,
    })),
    evidence: reliability.groups.flatMap((g) => g.evidence.map((e) => ({
      group_id: g.id, source_a: e.sources[0], source_b: e.sources[1], overlap: e.overlap, same: e.same, both_false: e.bothFalse,
      shared_false: e.sharedFalse, expected_shared_false: e.expectedSharedFalse, score: e.score,
    }))),
  }
}

/**
 * Replaces the learned reliability in the ledger by `reliability`, in one transaction (see
 * `reliabilityRows`). With `dataset`, only what was learned from that dataset (and rows of the
 * same sources or group ids) is replaced; without, everything is. The components whose figures
 * the new weights and copy groups change are marked stale in the same transaction; returns how
 * many are stale.
 */
export const storeReliability = (
  reliability: Reliability,
  options: { readonly dataset?: string | undefined; readonly now?: string },
): Effect.Effect<number, LedgerError, Ledger> =>
  Effect.flatMap(Ledger, (ledger) => {
    const dataset = options.dataset ?? null
    return ledger.replaceReliability(reliabilityRows(reliability, dataset, options.now ?? new Date().toISOString()), dataset)
  })
