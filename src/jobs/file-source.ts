import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fs from "node:fs"
import { prepareClaim } from "../ingest/prepare-claim.js"
import { MAX_RECORD_BYTES, ndjsonItem } from "../ingest/read-records.js"
import type { BatchItem, ItemState } from "../ledger/claim-batch.js"
import { type LedgerError, messageOf } from "../ledger/ledger-error.js"
import { type CompleteLine, completeLines } from "./complete-lines.js"
import { hashHead } from "./hash-file.js"
import { RunStopped, SourceError } from "./job-errors.js"
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

/** Up to `size` complete lines from the stream (blank ones too: they move the offset). */
const nextLines = async (lines: AsyncIterator<CompleteLine>, size: number): Promise<{ lines: CompleteLine[]; done: boolean }> => {
  const out: CompleteLine[] = []
  while (out.length < size) {
    const next = await lines.next()
    if (next.done) return { lines: out, done: true }
    out.push(next.value)
  }
  return { lines: out, done: false }
}

/**
 * `from: { file }`: ingests the complete lines appended since the last run (NDJSON). Each batch
 * is one ledger write holding its claims, its quarantined records, the run's counts AND the new
 * offset (the end of the batch's last line), so a process killed at any moment resumes exactly
 * after the last committed line: nothing skipped, nothing read twice. The write also checks that
 * this process still holds the job's lease (a fence against a stalled holder whose lease was
 * taken over). Line numbers are those of the whole file.
 */
export const fileSource = (ctx: RunContext): Effect.Effect<void, SourceError | LedgerError | RunStopped> =>
  Effect.gen(function* () {
    const file = (ctx.job.source as { path: string }).path
    const { ledger, job } = ctx
    const stat = yield* Effect.try({
      try: () => fs.statSync(file),
      catch: (e) => new SourceError({ job: job.name, message: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }),
    })
    const fileId = `${stat.dev}:${stat.ino}`
    const state = yield* ledger.itemState(job.name, file)
    const start = resumePoint(file, state, fileId, stat.size)
    if (start.restart !== null) ctx.log(`${file}: ${start.restart}; reading it again from the start (stored records count as duplicates)`)
    let ingestRunId: number | null = null
    const counts = { read: 0, inserted: 0, duplicates: 0, rejected: 0 }
    let headLength = start.restart === null ? state?.head_length ?? 0 : 0
    let headHash = start.restart === null ? state?.head_hash ?? null : null
    let lineNo = start.line
    let consumedTo = start.offset
    let stopped = false

    /** One batch and the offset after its last line, in one write; a lost lease stops the run. */
    const writeBatch = (batch: BatchItem[], endOffset: number, endLine: number) =>
      Effect.gen(function* () {
        const stamp = ctx.now()
        if (batch.length > 0) ingestRunId ??= yield* ledger.startRun({ what: file, dataset: ctx.dataset, job: job.name, started: stamp })
        if (headLength < HEAD_BYTES || headHash === null) {
          headLength = Math.min(HEAD_BYTES, endOffset)
          headHash = hashHead(file, headLength)
        }
        const resume: Partial<ItemState> = { offset: endOffset, line: endLine, file_id: fileId, head_length: headLength, head_hash: headHash }
        const result = yield* ledger.writeClaims({
          runId: ingestRunId, file, items: batch, before: counts, recorded: stamp,
          job: { name: job.name, holder: ctx.holder, nowMs: ctx.nowMs(), runId: ctx.runId, before: ctx.tally, attempts: ctx.attempts, state: { item: file, state: resume } },
        })
        if (result.kind === "lease-lost") {
          return yield* Effect.fail(new RunStopped({ reason: "lease-lost", message: "the job's lease expired and was taken over" }))
        }
        for (const r of result.rejections) ctx.log(`rejected ${file}:${r.line}: ${r.reason}`)
        for (const t of [counts, ctx.tally]) {
          t.read += result.counts.read
          t.inserted += result.counts.inserted
          t.duplicates += result.counts.duplicates
          t.rejected += result.counts.rejected
        }
        consumedTo = endOffset
      })

    const read = Effect.gen(function* () {
      const lines = completeLines(file, start.offset, stat.size, MAX_RECORD_BYTES)[Symbol.asyncIterator]()
      for (;;) {
        const next = yield* Effect.tryPromise({
          try: () => nextLines(lines, BATCH),
          catch: (e) => new SourceError({ job: job.name, message: `${file}: ${e instanceof Error ? e.message : String(e)}` }),
        })
        const batch: BatchItem[] = []
        for (const l of next.lines) {
          lineNo++
          const parsed = parseLine(ctx, file, lineNo, l.bytes, l.overflow, l.length, lineNo === 1)
          if (parsed !== null) batch.push(parsed)
        }
        // Blank lines advance the offset too, even in a batch with no records.
        const end = next.lines.length > 0 ? next.lines[next.lines.length - 1]!.end : consumedTo
        if (end !== consumedTo || batch.length > 0) yield* writeBatch(batch, end, lineNo)
        if (next.done) return
        if (ctx.signal.aborted) {
          stopped = true
          yield* Effect.promise(async () => void (await lines.return?.(undefined)))
          return
        }
      }
    })
    const exit = yield* Effect.exit(read)
    if (ingestRunId !== null) {
      const failure = Exit.isFailure(exit) ? messageOf(Cause.squash(exit.cause)) : null
      const outcome = failure !== null ? "failed" : stopped ? "interrupted" : counts.rejected > 0 ? "rejected" : "ok"
      yield* ledger.finishRun(ingestRunId, counts, outcome, failure, ctx.now())
    }
    if (Exit.isFailure(exit)) return yield* exit
    const partial = stat.size - consumedTo
    ctx.details.push(counts.read === 0 && consumedTo === start.offset
      ? `nothing new${partial > 0 ? ` (a partial last line of ${partial} bytes waits)` : ""}`
      : `lines ${start.line + 1}-${lineNo}${stopped ? " (stopped early)" : ""}${partial > 0 && !stopped ? `; a partial last line of ${partial} bytes waits` : ""}`)
  }).pipe(Effect.uninterruptible)

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
