import type { LedgerHandle } from "../ledger/ledger.js"
import type { Reliability } from "./learn-reliability.js"

/** How the stored weights were reached, in the `method` column. */
export const RELIABILITY_METHOD = "weighted vote + robust loss (CRH-style), copy discount (AccuCopy-style)"

/**
 * Replaces the learned reliability in the ledger by `reliability`, in one transaction: every
 * source's effective weight (what reconcile reads through `loadSourceWeights`), error, claims,
 * discount and copy group, and the copy groups with their pairwise evidence. With `dataset`, only
 * what was learned from that dataset (and rows of the same sources or group ids) is replaced;
 * without, everything is. The caller reconciles the affected components again afterwards.
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
    const insertSource = db.prepare(`INSERT INTO source_reliability (source, weight, learned_weight, error, claims, discount,
      copy_group, dataset, learned_at, method, options_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const s of reliability.sources) {
      insertSource.run(s.source, s.effectiveWeight, s.weight, s.error, s.claims, s.discount, s.group, dataset, now, RELIABILITY_METHOD, optionsJson)
    }
    const insertGroup = db.prepare("INSERT INTO copy_groups (id, sources_json, dataset, baseline, learned_at) VALUES (?, ?, ?, ?, ?)")
    const insertEvidence = db.prepare(`INSERT OR REPLACE INTO copy_evidence (group_id, source_a, source_b, overlap, both_false, shared_false,
      expected_shared_false, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const g of reliability.groups) {
      // A NaN baseline means copy detection never ran (it was seeded only): store 0, not NULL.
      insertGroup.run(g.id, JSON.stringify(g.sources), dataset, Number.isFinite(reliability.copyBaseline) ? reliability.copyBaseline : 0, now)
      for (const e of g.evidence) {
        insertEvidence.run(g.id, e.sources[0], e.sources[1], e.overlap, e.bothFalse, e.sharedFalse, e.expectedSharedFalse, e.score)
      }
    }
  })()
}
