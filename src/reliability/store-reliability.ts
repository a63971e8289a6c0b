import type { LedgerHandle } from "../ledger/ledger.js"
import type { Reliability } from "./learn-reliability.js"

/** How the stored weights were reached, in the `method` column. */
export const RELIABILITY_METHOD =
  "leave-one-out agreement on contested cells, shrunk toward the prior (log-odds weight); copy groups as merged voices (mirrors)"

/**
 * Replaces the learned reliability in the ledger by `reliability`, in one transaction: every
 * source's learned weight (null when it had too little evidence: reconcile then keeps its prior),
 * prior, claims, contested cells, agreement and copy group, and the copy groups with their pairwise
 * evidence. With `dataset`, only what was learned from that dataset (and rows of the same sources
 * or group ids) is replaced; without, everything is. The caller reconciles the affected components
 * again afterwards.
 */
export const storeReliability = (
  handle: LedgerHandle,
  reliability: Reliability,
  options: { readonly dataset?: string | undefined; readonly now?: string },
): void => {
  const db = handle.sqlite
  const now = options.now ?? new Date().toISOString()
  const dataset = options.dataset ?? null
  const optionsJson = JSON.stringify(reliability.options)
  db.transaction(() => {
    if (dataset === null) {
      db.prepare("DELETE FROM copy_evidence").run()
      db.prepare("DELETE FROM copy_groups").run()
      db.prepare("DELETE FROM source_reliability").run()
    } else {
      const dropGroup = (id: string) => {
        db.prepare("DELETE FROM copy_evidence WHERE group_id = ?").run(id)
        db.prepare("DELETE FROM copy_groups WHERE id = ?").run(id)
      }
      for (const id of db.prepare("SELECT id FROM copy_groups WHERE dataset = ?").pluck().all(dataset) as string[]) dropGroup(id)
      for (const g of reliability.groups) dropGroup(g.id)
      db.prepare("DELETE FROM source_reliability WHERE dataset = ?").run(dataset)
      const drop = db.prepare("DELETE FROM source_reliability WHERE source = ?")
      for (const s of reliability.sources) drop.run(s.source)
    }
    const insertSource = db.prepare(`INSERT INTO source_reliability (source, weight, prior_weight, claims, contested, agreement,
      copy_group, dataset, learned_at, method, options_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const s of reliability.sources) {
      insertSource.run(s.source, s.atPrior ? null : s.weight, s.prior, s.claims, s.contested, s.agreement, s.group, dataset, now,
        RELIABILITY_METHOD, optionsJson)
    }
    const insertGroup = db.prepare("INSERT INTO copy_groups (id, sources_json, dataset, baseline, learned_at) VALUES (?, ?, ?, ?, ?)")
    const insertEvidence = db.prepare(`INSERT OR REPLACE INTO copy_evidence (group_id, source_a, source_b, overlap, same, both_false,
      shared_false, expected_shared_false, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const g of reliability.groups) {
      insertGroup.run(g.id, JSON.stringify(g.sources), dataset, reliability.copyBaseline, now)
      for (const e of g.evidence) {
        insertEvidence.run(g.id, e.sources[0], e.sources[1], e.overlap, e.same, e.bothFalse, e.sharedFalse, e.expectedSharedFalse, e.score)
      }
    }
  })()
}
