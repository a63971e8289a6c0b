/**
 * The one kysely schema of the ledger (SPEC §5). Column names are snake_case so that
 * `sqlite3 reckon.db` reads naturally; `hi`/`lo` null means unbounded on that side.
 */
import type { Generated } from "kysely"

export interface DatasetsTable {
  name: string
  title: string | null
  path: string | null
  catalog_json: string
  catalog_hash: string
  registered_at: string
}

export interface SourcesTable {
  id: string
  name: string
  kind: string
  side: string | null
  weight: number
  dataset: string
}

export interface SourceAliasesTable {
  dataset: string
  alias: string
  source_id: string
}

export interface EventsTable {
  id: string
  title: string | null
  date: string | null
  dataset: string
  /** The event's place in its catalog (0-based); null for events stored before migration 0011. */
  position: number | null
}

export interface MetricsTable {
  dataset: string
  id: string
  unit: string | null
  kind: string
  exhaustive: number
  cumulative: number
  approx: number | null
}

export interface MetricPartsTable {
  dataset: string
  metric_id: string
  part_id: string
  position: number
}

export interface DimensionsTable {
  dataset: string
  id: string
  exhaustive: number
}

export interface DimensionValuesTable {
  dataset: string
  dimension_id: string
  value_id: string
  parent_id: string | null
  title: string | null
}

export interface IngestRunsTable {
  id: Generated<number>
  started: string
  finished: string | null
  what: string
  dataset: string | null
  job: string | null
  read: number
  inserted: number
  duplicates: number
  rejected: number
  outcome: string
  error: string | null
  /** The process that ran it (process_leases.holder), or null for runs of older versions. */
  holder: string | null
}

export interface ClaimsTable {
  seq: Generated<number>
  claim_id: string
  dataset: string
  event: string
  metric: string
  component: string
  scope_key: string
  scope_json: string
  source: string
  via_json: string
  value_text: string
  lo: number | null
  hi: number | null
  lo_strict: number
  hi_strict: number
  best: number | null
  certainty: string
  method: string | null
  at: string | null
  stated: string | null
  recorded: string
  quote: string | null
  url: string | null
  document_json: string | null
  supersedes: string | null
  retracts: string | null
  note: string | null
  raw: string
  file: string
  line: number
  run_id: number
  /** sha256 of the dataset and the record as typed, its id included: not unique by itself since 0012, (dataset, claim_id) is. */
  content_hash: string
}

export interface ClaimLinksTable {
  dataset: string
  claim_id: string
  kind: string
  target_claim_id: string
}

export interface RejectedRecordsTable {
  id: Generated<number>
  run_id: number
  file: string
  line: number
  raw: string
  reason: string
  recorded: string
  /** sha256 of file, line, raw, reason: one row per rejection however often the file is read (null before migration 0004). */
  rejection_key: string | null
}

export interface FiguresTable {
  component: string
  event: string
  metric: string
  scope_key: string
  scope_json: string
  at_key: string
  status: string
  lo: number | null
  hi: number | null
  has_range: number
  best: number | null
  voices: number
  heuristic: string | null
  /** The figure without its explanation, each claim as `{ id, role, weight }` (`storedFigureJson`; `withListedClaims` reads it back whole). */
  detail_json: string
  computed: string
}

export interface ConflictsTable {
  component: string
  event: string
  metric: string
  scope_key: string
  at_key: string
  kind: string
  claims_json: string
  against_json: string
  reason: string
}

/** Who runs a job now (SPEC §7): one row per job; a lease past `expires` may be taken over. */
export interface JobLeasesTable {
  job: string
  holder: string
  acquired: string
  expires: string
}

/**
 * A job's progress per item (a folder's file, the append-only file, the URL): committed only
 * after the claims it covers are committed.
 */
export interface JobStateTable {
  job: string
  item: string
  offset: number | null
  line: number | null
  file_id: string | null
  head_length: number | null
  head_hash: string | null
  content_hash: string | null
  etag: string | null
  last_modified: string | null
  updated: string
}

/** One scheduled (or `jobs run`) execution of a job, over all its files and retries. */
export interface JobRunsTable {
  id: Generated<number>
  job: string
  holder: string
  started: string
  finished: string | null
  attempts: number
  read: number
  inserted: number
  duplicates: number
  rejected: number
  outcome: string
  error: string | null
  detail: string | null
}

/**
 * Learned reliability of a source (SPEC §4.3), replaced as a whole by `reckon learn`. `weight` is
 * the learned weight reconcile uses in place of the catalog prior; null when the source had too
 * few contested cells to learn from (the prior stands).
 */
export interface SourceReliabilityTable {
  source: string
  weight: number | null
  prior_weight: number | null
  claims: number
  /** Cells the source shared with another independent voice; null for rows learned before migration 0006. */
  contested: number | null
  /** Share of those where it agreed with the others' consensus; null without any. */
  agreement: number | null
  copy_group: string | null
  /** The dataset whose claims it was learned from, or null for the whole ledger. */
  dataset: string | null
  learned_at: string
  method: string
  options_json: string
}

/** Sources found to copy each other (they share far more wrong values than independent sources). */
export interface CopyGroupsTable {
  id: string
  sources_json: string
  dataset: string | null
  /** The chance that two independent wrong values coincide, as estimated when the group was found. */
  baseline: number
  learned_at: string
}

/** One dependent pair of sources behind a copy group. */
/** A source's learned reliability on one metric's cells (migration 0010). */
export interface SourceMetricReliabilityTable {
  source: string
  metric: string
  /** The weight reconcile uses on the metric's cells; null: too few contested cells of it, the source's overall weight stands. */
  weight: number | null
  /** Contested cells of the metric. */
  contested: number
  /** Share of those where it agreed with the others' consensus; null without any. */
  agreement: number | null
  dataset: string | null
  learned_at: string
}

export interface CopyEvidenceTable {
  group_id: string
  source_a: string
  source_b: string
  overlap: number
  both_false: number
  shared_false: number
  expected_shared_false: number
  score: number
  /** Shared items with the same value. */
  same: number
}

/** A component whose figures are out of date until it is reconciled (SPEC §5: never stale). */
export interface StaleComponentsTable {
  component: string
  dataset: string
  /** When it was first marked since its last reconciliation. */
  marked: string
  /** How often it was marked since: a reconciliation removes the mark only at the generation it read. */
  generation: Generated<number>
}

/** A process writing to the ledger now; it renews `expires` while it runs. */
export interface ProcessLeasesTable {
  holder: string
  host: string
  pid: number
  started: string
  expires: string
}

/** How often a component was marked stale and reconciled: equal when it is not stale (never the same work twice). */
export interface ComponentPassesTable {
  component: string
  dataset: string
  marked: number
  reconciled: number
}

export interface Schema {
  datasets: DatasetsTable
  sources: SourcesTable
  source_aliases: SourceAliasesTable
  events: EventsTable
  metrics: MetricsTable
  metric_parts: MetricPartsTable
  dimensions: DimensionsTable
  dimension_values: DimensionValuesTable
  ingest_runs: IngestRunsTable
  claims: ClaimsTable
  claim_links: ClaimLinksTable
  rejected_records: RejectedRecordsTable
  figures: FiguresTable
  conflicts: ConflictsTable
  job_leases: JobLeasesTable
  job_state: JobStateTable
  job_runs: JobRunsTable
  source_reliability: SourceReliabilityTable
  source_metric_reliability: SourceMetricReliabilityTable
  copy_groups: CopyGroupsTable
  copy_evidence: CopyEvidenceTable
  stale_components: StaleComponentsTable
  process_leases: ProcessLeasesTable
  component_passes: ComponentPassesTable
}
