import { Data } from "effect"

/** An HTTP feed could not be fetched. `transient`: worth retrying (connection refused, reset, 5xx, 429, 408). */
export class FetchError extends Data.TaggedError("FetchError")<{
  readonly url: string
  readonly message: string
  readonly status: number | null
  readonly transient: boolean
}> {}

/** The ledger was locked by another process for longer than the busy timeout: retried. */
export class LedgerBusy extends Data.TaggedError("LedgerBusy")<{
  readonly message: string
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

export type JobError = FetchError | LedgerBusy | SourceError

/** Whether a failed attempt is worth retrying with backoff. */
export const isTransient = (e: JobError): boolean =>
  e._tag === "LedgerBusy" || (e._tag === "FetchError" && e.transient)

/** Whether a driver error or an ingest's error message is SQLite's lock timeout. */
export const looksBusy = (message: string): boolean => /SQLITE_BUSY|database is locked/i.test(message)
