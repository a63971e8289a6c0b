import { Effect } from "effect"
import { type FileSummary, ingestFile } from "../ingest/ingest-file.js"
import { updateJobRun } from "./job-runs.js"
import { isBusyError } from "../ledger/sqlite-dialect.js"
import { LedgerBusy, looksBusy, SourceError } from "./job-errors.js"
import type { RunContext } from "./run-context.js"

/**
 * Ingests one whole claim file for a job with `ingestFile` (one transaction per batch), adding its
 * counts and touched components to the run. Uninterruptible: a stop request is honoured by
 * `ingestFile` itself between batches, so the batch in hand is always finished and recorded.
 * SQLite's lock timeout fails with `LedgerBusy` (retried).
 */
export const ingestOneFile = (ctx: RunContext, file: string, displayName: string): Effect.Effect<FileSummary, LedgerBusy | SourceError> =>
  Effect.tryPromise({
    try: () => ingestFile(ctx.handle, file, {
      index: ctx.index,
      dataset: ctx.dataset,
      strict: ctx.job.strict,
      displayName,
      job: ctx.job.name,
      shouldStop: () => ctx.signal.aborted,
      onRejection: (r) => ctx.log(`rejected ${r.file}:${r.line}: ${r.reason}`),
    }),
    catch: (e): LedgerBusy | SourceError => {
      const message = e instanceof Error ? e.message : String(e)
      return isBusyError(e) || looksBusy(message)
        ? new LedgerBusy({ message })
        : new SourceError({ job: ctx.job.name, message: `${displayName}: ${message}` })
    },
  }).pipe(
    Effect.flatMap((summary) => {
      ctx.tally.read += summary.read
      ctx.tally.inserted += summary.inserted
      ctx.tally.duplicates += summary.duplicates
      ctx.tally.rejected += summary.rejected
      for (const c of summary.components) ctx.components.add(c)
      updateJobRun(ctx.handle, ctx.runId, ctx.tally, ctx.attempts)
      ctx.log(`${displayName}: read ${summary.read} = inserted ${summary.inserted} + duplicates ${summary.duplicates} + rejected ${summary.rejected} (${summary.outcome}${summary.error ? `: ${summary.error}` : ""})`)
      return summary.outcome === "failed" && summary.error !== null && looksBusy(summary.error)
        ? Effect.fail(new LedgerBusy({ message: summary.error }))
        : Effect.succeed(summary)
    }),
    Effect.uninterruptible,
  )
