import type { Figure } from "../domain/figure.js"
import type { CopyEvidenceTable, CopyGroupsTable, IngestRunsTable, JobRunsTable, Schema, SourceMetricReliabilityTable, SourceReliabilityTable } from "./schema.js"

/** Which cells a figures or conflicts query selects; an absent field selects every value. */
export interface CellSelection {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  /** `scopeKey` of the exact scope. */
  readonly scopeKey?: string | undefined
}

/** A materialized figure, without its explanation (`reckon explain` reconciles its component again). */
export interface StoredFigure {
  readonly event: string
  readonly metric: string
  readonly scopeKey: string
  /** The valid time, or null for a one-off event. */
  readonly at: string | null
  readonly figure: Omit<Figure, "explanation">
}

/** A materialized conflict row. */
export interface StoredConflict {
  readonly event: string
  readonly metric: string
  readonly scopeKey: string
  readonly at: string | null
  readonly kind: string
  readonly claims: readonly string[]
  readonly against: readonly string[]
  readonly reason: string
}

/** Which stored claims a claims query selects; an absent field selects every value. */
export interface ClaimSelection {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  readonly source?: string | undefined
  readonly dataset?: string | undefined
  readonly scopeKey?: string | undefined
  readonly limit?: number | undefined
  /** Skip this many first (after sorting). */
  readonly offset?: number | undefined
  /** Order by this field, then by the order stored (default: the order stored). */
  readonly sort?: { readonly field: ClaimSortField; readonly descending: boolean } | undefined
}

/** The fields claims can be sorted by: the names `reckon claims --format json` prints. */
export const CLAIM_SORT_FIELDS = [
  "id", "dataset", "event", "metric", "scope", "source", "value", "lo", "hi", "certainty", "method", "at", "stated", "recorded", "file", "line",
] as const
export type ClaimSortField = (typeof CLAIM_SORT_FIELDS)[number]

/** The claims table's column of each sort field (the JSON names differ where the table's are older). */
export const CLAIM_SORT_COLUMNS: Readonly<Record<ClaimSortField, keyof Schema["claims"]>> = {
  id: "claim_id", dataset: "dataset", event: "event", metric: "metric", scope: "scope_key", source: "source", value: "value_text",
  lo: "lo", hi: "hi", certainty: "certainty", method: "method", at: "at", stated: "stated", recorded: "recorded", file: "file", line: "line",
}

/** A catalog source (one per dataset declaring it) with its aliases and how many claims it stands behind there. */
export interface SourceSummary {
  readonly id: string
  /** The dataset whose catalog declares it: the same id in two datasets is two sources. */
  readonly dataset: string
  readonly name: string
  readonly kind: string
  readonly side: string | null
  readonly weight: number
  readonly aliases: readonly string[]
  /** Claims whose origin is this source. */
  readonly claims: number
  /** Claims this source passed on as an outlet. */
  readonly relayed: number
}

export type JobRunRow = Omit<JobRunsTable, "id"> & { readonly id: number }

export type IngestRunRow = Omit<IngestRunsTable, "id"> & { readonly id: number }

/** Learned reliability as stored: rows of source_reliability, source_metric_reliability, copy_groups and copy_evidence. */
export interface ReliabilityRows {
  readonly sources: readonly SourceReliabilityTable[]
  readonly metrics: readonly SourceMetricReliabilityTable[]
  readonly groups: readonly CopyGroupsTable[]
  readonly evidence: readonly CopyEvidenceTable[]
}

/** metric → source → weight, from rows of source_metric_reliability that have a weight. */
export const metricWeightMap = (rows: readonly { readonly metric: string; readonly source: string; readonly weight: number }[]): Map<string, Map<string, number>> => {
  const out = new Map<string, Map<string, number>>()
  for (const r of rows) {
    let m = out.get(r.metric)
    if (m === undefined) out.set(r.metric, (m = new Map()))
    m.set(r.source, r.weight)
  }
  return out
}

/** An active point claim ([v, v], not possible, not superseded or retracted by a link): what learning reads. */
export interface PointClaim {
  readonly event: string
  readonly metric: string
  readonly scopeKey: string
  readonly at: string | null
  readonly source: string
  readonly value: number
}

/** What a command found when it opened the ledger after other processes. */
export interface Recovery {
  /** Ingest and job runs left `running` by processes that are gone, now marked `crashed`. */
  readonly crashedRuns: number
  /** Other processes writing to the ledger now. */
  readonly liveWriters: number
  /** Components still stale after recovery (a live writer will reconcile them). */
  readonly stale: number
  /** Components reconciled now, left stale by a killed command. */
  readonly reconciled: number
}
