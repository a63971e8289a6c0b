import type { LedgerHandle } from "../ledger/ledger.js"

/** A source's stored reliability, as `reckon sources` shows it. */
export interface StoredSourceReliability {
  readonly source: string
  /** The learned weight reconcile uses; null when the source had too little evidence and keeps its prior. */
  readonly weight: number | null
  readonly prior: number | null
  readonly claims: number
  /** Cells shared with another independent voice (null for rows learned before migration 0005). */
  readonly contested: number | null
  /** Share of those where it agreed with the others' consensus. */
  readonly agreement: number | null
  readonly copyGroup: string | null
  readonly dataset: string | null
  readonly learnedAt: string
}

/** One dependent pair behind a copy group. */
export interface StoredCopyEvidence {
  readonly group: string
  readonly sources: readonly [string, string]
  readonly overlap: number
  readonly same: number
  readonly bothFalse: number
  readonly sharedFalse: number
  readonly expectedSharedFalse: number
  readonly score: number
}

export interface StoredCopyGroup {
  readonly id: string
  readonly sources: readonly string[]
  readonly dataset: string | null
  readonly baseline: number
  readonly evidence: readonly StoredCopyEvidence[]
}

/** The learned reliability of every source that has one, by source id (empty before `reckon learn`). */
export const loadStoredReliability = (handle: LedgerHandle): Map<string, StoredSourceReliability> => {
  const rows = handle.sqlite.prepare(`SELECT source, weight, prior_weight, claims, contested, agreement, copy_group, dataset, learned_at
    FROM source_reliability ORDER BY source`).all() as {
    source: string; weight: number | null; prior_weight: number | null; claims: number; contested: number | null; agreement: number | null
    copy_group: string | null; dataset: string | null; learned_at: string
  }[]
  return new Map(rows.map((r) => [r.source, {
    source: r.source, weight: r.weight, prior: r.prior_weight, claims: r.claims, contested: r.contested, agreement: r.agreement,
    copyGroup: r.copy_group, dataset: r.dataset, learnedAt: r.learned_at,
  }]))
}

/** The stored copy groups, largest first, each with its evidence (strongest pair first). */
export const loadCopyGroups = (handle: LedgerHandle): StoredCopyGroup[] => {
  const db = handle.sqlite
  const evidence = db.prepare(`SELECT group_id, source_a, source_b, overlap, same, both_false, shared_false, expected_shared_false, score
    FROM copy_evidence WHERE group_id = ? ORDER BY score DESC, source_a, source_b`)
  const groups = db.prepare("SELECT id, sources_json, dataset, baseline FROM copy_groups ORDER BY id").all() as
    { id: string; sources_json: string; dataset: string | null; baseline: number }[]
  return groups.map((g) => ({
    id: g.id,
    sources: JSON.parse(g.sources_json) as string[],
    dataset: g.dataset,
    baseline: g.baseline,
    evidence: (evidence.all(g.id) as {
      group_id: string; source_a: string; source_b: string; overlap: number; same: number; both_false: number
      shared_false: number; expected_shared_false: number; score: number
    }[]).map((e) => ({
      group: e.group_id, sources: [e.source_a, e.source_b] as const, overlap: e.overlap, same: e.same, bothFalse: e.both_false,
      sharedFalse: e.shared_false, expectedSharedFalse: e.expected_shared_false, score: e.score,
    })),
  })).sort((a, b) => b.sources.length - a.sources.length || (a.id < b.id ? -1 : 1))
}
