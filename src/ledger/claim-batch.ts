import type { ClaimsTable } from "./schema.js"

/** A claim ready to store: every ledger column but the ones the ledger fills (seq, run, recorded). */
export type NewClaim = Omit<ClaimsTable, "seq" | "run_id" | "recorded">

/** How many records a run (or a job run) has read, and what became of them: read = inserted + duplicates + rejected. */
export interface RunCounts {
  readonly read: number
  readonly inserted: number
  readonly duplicates: number
  readonly rejected: number
}

export const NO_COUNTS: RunCounts = { read: 0, inserted: 0, duplicates: 0, rejected: 0 }

/** Adds a batch's counts to a run's. */
export const addCounts = (a: RunCounts, b: RunCounts): RunCounts => ({
  read: a.read + b.read, inserted: a.inserted + b.inserted, duplicates: a.duplicates + b.duplicates, rejected: a.rejected + b.rejected,
})

/** A record ready for the ledger: prepared, or refused with its reason, with where it came from. */
export interface BatchItem {
  readonly line: number
  readonly raw: string
  readonly result: { readonly ok: true; readonly claim: NewClaim } | { readonly ok: false; readonly reason: string }
}

/** What storing a claim would do (or did): a record whose content is stored already is a duplicate. */
export type WriteOutcome =
  | { readonly kind: "inserted" }
  | { readonly kind: "duplicate" }
  | { readonly kind: "rejected"; readonly reason: string }

/** A scheduled job's bookkeeping that commits with a batch (SPEC §7: kill -9 loses nothing). */
export interface BatchJob {
  readonly name: string
  /** The batch is written only while this holder holds the job's lease (a fence against a stalled holder). */
  readonly holder: string
  readonly nowMs: number
  /** The job run (job_runs.id), its counts before this batch, and its attempts so far. */
  readonly runId: number
  readonly before: RunCounts
  readonly attempts: number
  /** Where the job's source resumes once this batch is stored (an append-only file's offset). */
  readonly state?: { readonly item: string; readonly state: Partial<ItemState> }
}

/** One write of the ingest hot path: a batch of records, one transaction with all of its bookkeeping. */
export interface ClaimBatch {
  /** The ingest run (ingest_runs.id) the records belong to; null for a batch that only moves a job's offset. */
  readonly runId: number | null
  /** How the file is named in the ledger and in messages. */
  readonly file: string
  readonly items: readonly BatchItem[]
  /** The run's counts before this batch: the run row is updated to these plus the batch's. */
  readonly before: RunCounts
  /** When the claims are recorded (system time). */
  readonly recorded: string
  readonly job?: BatchJob
}

export type BatchResult =
  | {
    readonly kind: "written"
    readonly counts: RunCounts
    readonly rejections: readonly { readonly line: number; readonly reason: string }[]
    /** Components whose claims changed: marked stale in the same transaction. */
    readonly components: readonly string[]
  }
  /** Nothing was written: the job's lease was taken over by another process. */
  | { readonly kind: "lease-lost" }

/** What a job remembers about one item (a folder's file, the append-only file, the URL). */
export interface ItemState {
  readonly offset: number | null
  readonly line: number | null
  readonly file_id: string | null
  readonly head_length: number | null
  readonly head_hash: string | null
  readonly content_hash: string | null
  readonly etag: string | null
  readonly last_modified: string | null
}
