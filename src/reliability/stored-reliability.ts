import * as Effect from "effect/Effect"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"

/** A source's stored record on one metric (source_metric_reliability). */
export interface StoredMetricReliability {
  readonly metric: string
  /** The weight reconcile uses on the metric's cells; null: too few contested cells of it, the source's weight stands. */
  readonly weight: number | null
  readonly contested: number
  readonly agreement: number | null
}

/** A source's stored reliability, as `reckon sources` shows it. */
export interface StoredSourceReliability {
  readonly source: string
  /** The learned weight reconcile uses; null when the source had too little evidence and keeps its prior. */
  readonly weight: number | null
  readonly prior: number | null
  readonly claims: number
  /** Cells shared with another independent voice (null for rows learned before migration 0006). */
  readonly contested: number | null
  /** Share of those where it agreed with the others' consensus. */
  readonly agreement: number | null
  readonly copyGroup: string | null
  readonly dataset: string | null
  readonly learnedAt: string
  /** Its record per metric, sorted by metric (empty when learned before migration 0010 or without metrics). */
  readonly metrics: readonly StoredMetricReliability[]
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
export const loadStoredReliability: Effect.Effect<Map<string, StoredSourceReliability>, LedgerError, Ledger> =
  Effect.map(Effect.flatMap(Ledger, (l) => l.reliability), (rows) => new Map(rows.sources.map((r) => [r.source, {
    source: r.source, weight: r.weight, prior: r.prior_weight, claims: r.claims, contested: r.contested, agreement: r.agreement,
    copyGroup: r.copy_group, dataset: r.dataset, learnedAt: r.learned_at,
    metrics: rows.metrics.filter((m) => m.source === r.source)
      .map((m) => ({ metric: m.metric, weight: m.weight, contested: m.contested, agreement: m.agreement })),
  }])))

/** The stored copy groups, largest first, each with its evidence (strongest pair first). */
export const loadCopyGroups: Effect.Effect<StoredCopyGroup[], LedgerError, Ledger> =
  Effect.map(Effect.flatMap(Ledger, (l) => l.reliability), (rows) => rows.groups.map((g) => ({
    id: g.id,
    sources: JSON.parse(g.sources_json) as string[],
    dataset: g.dataset,
    baseline: g.baseline,
    evidence: rows.evidence.filter((e) => e.group_id === g.id).map((e) => ({
      group: e.group_id, sources: [e.source_a, e.source_b] as const, overlap: e.overlap, same: e.same, bothFalse: e.both_false,
      sharedFalse: e.shared_false, expectedSharedFalse: e.expected_shared_false, score: e.score,
    })),
  })).sort((a, b) => b.sources.length - a.sources.length || (a.id < b.id ? -1 : 1)))
