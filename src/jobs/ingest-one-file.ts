import * as Effect from "effect/Effect"
import { type FileSummary, ingestFile } from "../ingest/ingest-file.js"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { RunContext } from "./run-context.js"

/**
 * Ingests one whole claim file for a job with `ingestFile` (one transaction per batch), adding its
 * counts to the run. Uninterruptible: a stop request is honoured by `ingestFile` itself between
 * batches, so the batch in hand is always finished and recorded. A busy ledger fails with a
 * retryable `LedgerError` (the job retries).
 */
export const ingestOneFile = (ctx: RunContext, file: string, displayName: string): Effect.Effect<FileSummary, LedgerError> =>
  ingestFile(file, {
    index: ctx.index,
    dataset: ctx.dataset,
    strict: ctx.job.strict,
    displayName,
    job: ctx.job.name,
    shouldStop: () => ctx.signal.aborted,
    onRejection: (r) => ctx.log(`rejected ${r.file}:${r.line}: ${r.reason}`),
  }).pipe(
    Effect.tap((summary) => {
      ctx.tally.read += summary.read
      ctx.tally.inserted += summary.inserted
      ctx.tally.duplicates += summary.duplicates
      ctx.tally.rejected += summary.rejected
      ctx.log(`${displayName}: read ${summary.read} = inserted ${summary.inserted} + duplicates ${summary.duplicates} + rejected ${summary.rejected} (${summary.outcome}${summary.error ? `: ${summary.error}` : ""})`)
      return ctx.ledger.updateJobRun(ctx.runId, ctx.tally, ctx.attempts)
    }),
    Effect.provideService(Ledger, ctx.ledger),
    Effect.uninterruptible,
  )
