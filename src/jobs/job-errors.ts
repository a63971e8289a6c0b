import * as Data from "effect/Data"
import type { LedgerError } from "../ledger/ledger-error.js"

/**
 * Why a feed could not be fetched: `connect` (refused, reset, DNS), `status` (an HTTP error
 * status), `interrupted` (the body broke off), `redirect` (a loop, too many, or to an origin the
 * job does not allow), `too-large` (over `max_bytes`), `format` (cannot tell the claim format),
 * `corrupt` (a gzip body that does not decompress).
 */
export type FetchFailure = "connect" | "status" | "interrupted" | "redirect" | "too-large" | "format" | "corrupt"

/** An HTTP feed could not be fetched; whether that is worth retrying is `isTransient`'s call. */
export class FetchError extends Data.TaggedError("FetchError")<{
  readonly url: string
  readonly message: string
  readonly status: number | null
  readonly failure: FetchFailure
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

/** HTTP statuses that say "try again later": server errors, rate limits, request timeouts. */
const transientStatus = (status: number | null): boolean => status !== null && (status >= 500 || status === 429 || status === 408)

/**
 * Whether a failed attempt is worth retrying with backoff — the one place that decides. A busy
 * ledger (as the ledger classified it), a connection that failed or broke off, and a "try later"
 * status are; a redirect loop, a refused redirect, a body over `max_bytes`, a corrupt or
 * unreadable body are not: the same request would fail the same way.
 */
export const isTransient = (e: JobError): boolean => {
  if (e._tag === "LedgerError") return e.retryable
  if (e._tag !== "FetchError") return false
  return e.failure === "connect" || e.failure === "interrupted" || (e.failure === "status" && transientStatus(e.status))
}
