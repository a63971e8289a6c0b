import type { CatalogIndex } from "../ingest/catalog-index.js"
import type { LedgerService } from "../ledger/ledger.js"
import type { JobConfig } from "./job-config.js"

/** A job run's counts so far, over all its files and attempts. */
export interface Tally {
  read: number
  inserted: number
  duplicates: number
  rejected: number
}

/** Everything a source needs during one job run; its counts accumulate here. */
export interface RunContext {
  readonly ledger: LedgerService
  readonly job: JobConfig
  readonly holder: string
  /** The job run's id (job_runs.id). */
  readonly runId: number
  index: CatalogIndex
  /** The dataset whose catalog applies (its name), or null: the catalogs in the ledger. */
  dataset: string | null
  /** Aborted on SIGINT/SIGTERM, timeout or a lost lease: stop after the batch in hand. */
  readonly signal: AbortSignal
  readonly tally: Tally
  /** What the run did, for `jobs status` ("2 new file(s)", "304 not modified", …). */
  readonly details: string[]
  attempts: number
  readonly leaseMs: number
  /** The Effect Clock's time (epoch ms), readable from plain callbacks; `now` is the same as ISO text. */
  readonly nowMs: () => number
  readonly now: () => string
  readonly log: (message: string) => void
}
