import type { CatalogIndex } from "../ingest/catalog-index.js"
import type { LedgerHandle } from "../ledger/ledger.js"
import type { JobConfig } from "./job-config.js"
import type { Tally } from "./job-runs.js"

/** Everything a source needs during one job run; counts and touched components accumulate here. */
export interface RunContext {
  readonly handle: LedgerHandle
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
  readonly components: Set<string>
  /** What the run did, for `jobs status` ("2 new file(s)", "304 not modified", …). */
  readonly details: string[]
  attempts: number
  readonly leaseMs: number
  /** The Effect Clock's time (epoch ms), readable from plain callbacks; `now` is the same as ISO text. */
  readonly nowMs: () => number
  readonly now: () => string
  readonly log: (message: string) => void
}
