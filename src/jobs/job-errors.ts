import { Data } from "effect"
import type { LedgerError } from "../ledger/ledger-error.js"

/** An HTTP feed could not be fetched. `transient`: worth retrying (connection refused, reset, 5xx, 429, 408). */
export class FetchError extends Data.TaggedError("FetchError")<{
  readonly url: string
  readonly message: string
  readonly status: number | null
  readonly transient: boolean
}> {}

/** A job's folder or file is missing or unreadable, or its catalog cannot be loaded: not retried. */
export class SourceError extends Data.TaggedError("SourceError")<{
  readonly job: string
  readonly message: string
}> {}

/** The run was asked to stop: by SIGINT/SIGTERM (`interrupted`), its `timeout` (`timed-out`), or a lost lease. */
export class RunStopped extends Data.TaggedError("RunStopped")<{
  readonly reason: "interrupted" | "timed-out" | "lease-lost"
  readonly message: string
}> {}

/** `reckon jobs run NAME` when another process runs that job now, or NAME is not in the config. */
export class JobUnavailable extends Data.TaggedError("JobUnavailable")<{
  readonly message: string
}> {}

export type JobError = FetchError | LedgerError | SourceError

/** Whether a failed attempt is worth retrying with backoff (a busy ledger: as the ledger classified it). */
export const isTransient = (e: JobError): boolean =>
  (e._tag === "LedgerError" && e.retryable) || (e._tag === "FetchError" && e.transient)
