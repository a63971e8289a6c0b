import { Effect } from "effect"
import * as fs from "node:fs"
import { prepareClaim } from "../ingest/prepare-claim.js"
import { MAX_RECORD_BYTES, ndjsonItem } from "../ingest/read-records.js"
import { type BatchCounts, type BatchItem, writeClaimBatch } from "../ingest/write-claim-batch.js"
import { ClaimWriter } from "../ledger/claim-writer.js"
import { finishRun, startRun } from "../ledger/ingest-runs.js"
import { isBusyError } from "../ledger/sqlite-dialect.js"
import { completeLines } from "./complete-lines.js"
import { hashHead } from "./hash-file.js"
import { holdsLease } from "./job-lease.js"
import { LedgerBusy, looksBusy, RunStopped, SourceError } from "./job-errors.js"
import { updateJobRun } from "./job-runs.js"
import { type ItemState, readItemState, writeItemState } from "./job-state.js"
import type { RunContext } from "./run-context.js"

/** How many leading bytes fingerprint the file: a replaced file almost always differs in them. */
export const HEAD_BYTES = 4096
const BATCH = 2000

/** Where to resume reading, and why from the start when the file is not the one we read before. */
export interface ResumePoint {
  readonly offset: number
  readonly line: number
  readonly restart: string | null
}

/**
 * Decides where an append-only file resumes: at the stored offset, unless the file was replaced
 * (another inode), shrank below the offset, or its first bytes changed — then from the start,
 * which is safe because a record already stored counts as a duplicate, never twice.
 */
export const resumePoint = (file: string, state: ItemState | null, fileId: string, size: number): ResumePoint => {
  if (state === null || state.offset === null) return { offset: 0, line: 0, restart: null }
  const offset = state.offset
  const restart = state.file_id !== fileId ? "the file was replaced (another inode)"
    : size < offset ? `the file shrank (${size} bytes, ${offset} read before)`
    : state.head_length !== null && state.head_hash !== null && hashHead(file, state.head_length) !== state.head_hash
      ? "the file's first bytes changed"
    : null
  return restart === null ? { offset, line: state.line ?? 0, restart: null } : { offset: 0, line: 0, restart }
}

/**
 * `from: { file }`: ingests the complete lines appended since the last run (NDJSON). Each batch
 * is one transaction holding its claims, its quarantined records, the run's counts AND the new
 * offset (the end of the batch's last line), so a process killed at any moment resumes exactly
 * after the last committed line: nothing skipped, nothing read twice. The transaction also checks
 * that this process still holds the job's lease (a fence against a stalled holder whose lease
 * was taken over). Line numbers are those of the whole file.
 */
export const fileSource = (ctx: RunContext): Effect.Effect<void, SourceError | LedgerBusy | RunStopped> =>
  Effect.tryPromise({
    try: () => ingestAppended(ctx),
    catch: (e) => {
      if (e instanceof RunStopped || e instanceof SourceError) return e
      const message = e instanceof Error ? e.message : String(e)
      return isBusyError(e) || looksBusy(message) ? new LedgerBusy({ message }) : new SourceError({ job: ctx.job.name, message })
    },
  }).pipe(Effect.uninterruptible)

const ingestAppended = async (ctx: RunContext): Promise<void> => {
  const file = (ctx.job.source as { path: string }).path
  const { handle, job } = ctx
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (e) {
    throw new SourceError({ job: job.name, message: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` })
  }
  const fileId = `${stat.dev}:${stat.ino}`
  const state = readItemState(handle, job.name, file)
  const start = resumePoint(file, state, fileId, stat.size)
  if (start.restart !== null) ctx.log(`${file}: ${start.restart}; reading it again from the start (stored records count as duplicates)`)
  const writer = new ClaimWriter(handle)
  let ingestRunId: number | null = null
  let read = 0
  const tally: BatchCounts = { inserted: 0, duplicates: 0, rejected: 0 }
  let headLength = start.restart === null ? state?.head_length ?? 0 : 0
  let headHash = start.restart === null ? state?.head_hash ?? null : null
  const updateIngestRun = handle.sqlite.prepare("UPDATE ingest_runs SET read = ?, inserted = ?, duplicates = ?, rejected = ? WHERE id = ?")

  const writeBatch = handle.sqlite.transaction((batch: BatchItem[], endOffset: number, endLine: number) => {
    if (!holdsLease(handle, job.name, ctx.holder, ctx.nowMs())) {
      throw new RunStopped({ reason: "lease-lost", message: "the job's lease expired and was taken over" })
    }
    const stamp = ctx.now()
    if (batch.length > 0) ingestRunId ??= startRun(handle, file, ctx.dataset, job.name, stamp)
    const runId = ingestRunId ?? 0
    const before = { ...tally }
    read += batch.length
    writeClaimBatch(handle, writer, runId, file, batch, stamp, tally, {
      onRejection: (line, reason) => ctx.log(`rejected ${file}:${line}: ${reason}`),
      onInserted: (component) => void ctx.components.add(component),
    })
    if (ingestRunId !== null) updateIngestRun.run(read, tally.inserted, tally.duplicates, tally.rejected, ingestRunId)
    ctx.tally.read += batch.length
    ctx.tally.inserted += tally.inserted - before.inserted
    ctx.tally.duplicates += tally.duplicates - before.duplicates
    ctx.tally.rejected += tally.rejected - before.rejected
    updateJobRun(handle, ctx.runId, ctx.tally, ctx.attempts)
    if (headLength < HEAD_BYTES || headHash === null) {
      headLength = Math.min(HEAD_BYTES, endOffset)
      headHash = hashHead(file, headLength)
    }
    writeItemState(handle, job.name, file, {
      offset: endOffset, line: endLine, file_id: fileId, head_length: headLength, head_hash: headHash,
    }, stamp)
  })

  let lineNo = start.line
  let batch: BatchItem[] = []
  let consumedTo = start.offset
  let pendingEnd = start.offset
  let stopped = false
  let failure: string | null = null
  const flush = () => {
    // Blank lines advance the offset too, even in a batch with no records.
    if (pendingEnd === consumedTo && batch.length === 0) return
    writeBatch(batch, pendingEnd, lineNo)
    consumedTo = pendingEnd
    batch = []
  }
  try {
    for await (const l of completeLines(file, start.offset, stat.size, MAX_RECORD_BYTES)) {
      lineNo++
      pendingEnd = l.end
      const parsed = parseLine(ctx, file, lineNo, l.bytes, l.overflow, l.length, lineNo === 1)
      if (parsed !== null) batch.push(parsed)
      if (batch.length >= BATCH) {
        flush()
        if (ctx.signal.aborted) {
          stopped = true
          break
        }
      }
    }
    flush()
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e)
    throw e
  } finally {
    if (ingestRunId !== null) {
      const outcome = failure !== null ? "failed" : stopped ? "interrupted" : tally.rejected > 0 ? "rejected" : "ok"
      finishRun(handle, ingestRunId, { read, ...tally }, outcome, failure, ctx.now())
    }
  }
  const partial = stat.size - consumedTo
  ctx.details.push(read === 0 && consumedTo === start.offset
    ? `nothing new${partial > 0 ? ` (a partial last line of ${partial} bytes waits)` : ""}`
    : `lines ${start.line + 1}-${lineNo}${stopped ? " (stopped early)" : ""}${partial > 0 && !stopped ? `; a partial last line of ${partial} bytes waits` : ""}`)
}

/** One NDJSON line → a prepared claim or a rejection; null for a blank line. */
const parseLine = (ctx: RunContext, file: string, line: number, bytes: Buffer, overflow: boolean, length: number, first: boolean): BatchItem | null => {
  const withoutBom = first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const item = ndjsonItem({ line, bytes: withoutBom, overflow, length })
  if (item === null) return null
  return {
    line, raw: item.raw,
    result: item.kind === "bad" ? { ok: false, reason: item.reason } : prepareClaim(item.value, { file, line, raw: item.raw }, ctx.index, ctx.dataset),
  }
}
