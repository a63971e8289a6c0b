import * as Effect from "effect/Effect"
import { addCounts, type BatchItem, NO_COUNTS, type RunCounts } from "../ledger/claim-batch.js"
import { Ledger, type LedgerService } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { CatalogIndex } from "./catalog-index.js"
import type { IngestProgress } from "./ingest-progress.js"
import { localBatches, prepareItem, useWorker, workerBatches } from "./prepared-batches.js"
import { type ReadItem, readRecords } from "./read-records.js"

export interface Rejection {
  readonly file: string
  readonly line: number
  readonly reason: string
}

export interface FileSummary {
  readonly file: string
  readonly runId: number
  readonly read: number
  readonly inserted: number
  readonly duplicates: number
  readonly rejected: number
  /** `ok`, `rejected` (some records quarantined), `rolled-back` (strict), `failed`, `interrupted`. */
  readonly outcome: string
  readonly error: string | null
  /** Components whose claims changed (marked stale in the ledger until reconciled). */
  readonly components: ReadonlySet<string>
}

export interface IngestFileOptions {
  readonly index: CatalogIndex
  /** The dataset the file belongs to, when known (a dataset folder, or `--dataset`). */
  readonly dataset: string | null
  readonly strict: boolean
  /** How the file is named in messages and in the ledger (relative path as the user gave it). */
  readonly displayName: string
  readonly job?: string | null
  readonly batchSize?: number
  readonly now?: () => string
  readonly onRejection?: (r: Rejection) => void
  /** How far the file is read and stored (its size is `total` bytes: 0 when unknown). */
  readonly onProgress?: (p: IngestProgress) => void
  readonly total?: number
  /** Asked between batches: stop after the batch in hand (SIGINT/SIGTERM). */
  readonly shouldStop?: () => boolean
  /** Read and prepare on a worker thread (default: `useWorker` decides by the file's size). */
  readonly worker?: boolean
}

const isoNow = (): string => new Date().toISOString()

/** Up to `size` items from a record stream; a read error ends the stream and is returned with what came before it. */
const nextItems = async (
  records: AsyncIterator<ReadItem>, size: number,
): Promise<{ items: ReadItem[]; done: boolean; error: string | null }> => {
  const items: ReadItem[] = []
  try {
    while (items.length < size) {
      const next = await records.next()
      if (next.done) return { items, done: true, error: null }
      items.push(next.value)
    }
    return { items, done: false, error: null }
  } catch (e) {
    return { items, done: true, error: e instanceof Error ? e.message : String(e) }
  }
}

/**
 * Records per batch, each one write transaction. Fewer per batch keep less in memory (the writer
 * holds one batch and receives the next; the reading thread prepares a third) and commit more
 * often: at 1M claims 5,000 took peak RSS from 308 to 253 MB for 2.5% more time than 10,000.
 */
export const BATCH_RECORDS = 5_000

/**
 * Ingests one claim file into the ledger, streaming it in batches of `batchSize` records, each
 * batch one ledger write (claims, quarantined records, the run's counts and the components made
 * stale together, so a killed process leaves a consistent ledger and a re-run only finds
 * duplicates). Every record read ends up inserted, duplicate or rejected. Under `strict`, the file
 * is checked completely first and nothing from it is stored when any record is rejected (the
 * rejections are still recorded). Reconciling is the caller's: the stale components wait for it.
 */
export const ingestFile = (file: string, options: IngestFileOptions): Effect.Effect<FileSummary, LedgerError, Ledger> =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const now = options.now ?? isoNow
    const batchSize = options.batchSize ?? BATCH_RECORDS
    const name = options.displayName
    const runId = yield* ledger.startRun({ what: name, dataset: options.dataset, job: options.job ?? null, started: now() })
    const components = new Set<string>()
    let counts: RunCounts = NO_COUNTS

    const prepare = (item: ReadItem): BatchItem => prepareItem(item, options.index, name, options.dataset)
    let bytes = 0
    let handled = 0
    const progress = (phase: "reading" | "storing") => {
      const report = options.onProgress
      if (report === undefined) return {}
      return { onBytes: (n: number) => report({ phase, file: name, bytes: (bytes = n), total: options.total ?? 0, records: handled }) }
    }
    const advance = (phase: "reading" | "storing", records: number) => {
      handled = records
      options.onProgress?.({ phase, file: name, bytes, total: options.total ?? 0, records })
    }
    const write = (items: readonly BatchItem[], report: boolean) =>
      Effect.gen(function* () {
        const result = yield* ledger.writeClaims({ runId, file: name, items, before: counts, recorded: now() })
        if (result.kind !== "written") return
        counts = addCounts(counts, result.counts)
        for (const c of result.components) components.add(c)
        if (report) for (const r of result.rejections) options.onRejection?.({ file: name, line: r.line, reason: r.reason })
      })
    /** Records the run's end; `reported` is the error the summary shows (a strict roll-back is not one). */
    const finish = (outcome: string, error: string | null, changed: ReadonlySet<string>, reported = error) =>
      ledger.finishRun(runId, counts, outcome, error, now()).pipe(
        Effect.as({ file: name, runId, ...counts, outcome, error: reported, components: changed } satisfies FileSummary))

    if (options.strict) {
      const problems = yield* strictProblems(ledger, file, prepare, batchSize, progress("reading"), (n) => advance("reading", n))
      handled = 0
      if (problems.items.length > 0 || problems.failed !== null) {
        yield* write(problems.items, true)
        // Strict: the whole file is refused. The records that were fine are quarantined too, with
        // that reason, so that nothing read is lost and read = inserted + duplicates + rejected.
        const bad = problems.positions
        const heldBack = problems.failed !== null
          ? `not stored: --strict, and this file could not be read to its end`
          : `not stored: --strict, and this file has ${problems.items.length} rejected record(s)`
        const records = readRecords(file)[Symbol.asyncIterator]()
        let position = 0
        for (;;) {
          const next = yield* Effect.promise(() => nextItems(records, batchSize))
          const held = next.items.filter(() => !bad.has(position++))
            .map((i) => ({ line: i.line, raw: i.raw, result: { ok: false, reason: heldBack } as const }))
          if (held.length > 0) yield* write(held, false)
          if (next.done) break
        }
        return problems.failed !== null
          ? yield* finish("failed", problems.failed, new Set())
          : yield* finish("rolled-back", `${problems.items.length} record(s) rejected; --strict stored nothing from this file`, new Set(), null)
      }
    }

    let shared = 0
    let readOnThread = 0
    const sourceOptions = {
      displayName: name, dataset: options.dataset, batchSize, ...progress("storing"),
      onShared: (here: number, records: number) => {
        shared += here
        readOnThread += records
      },
    }
    return yield* Effect.acquireUseRelease(
      Effect.suspend(() => {
        const worker = options.worker ?? useWorker(options.total ?? 0)
        return Effect.logDebug(`${name}: read and prepared ${worker ? "on a worker thread" : "on the main thread"}`)
          .pipe(Effect.as((worker ? workerBatches : localBatches)(file, options.index, sourceOptions)))
      }),
      (batches) => Effect.gen(function* () {
        for (;;) {
          // While this batch is written, the worker thread (if any) reads and prepares the next ones.
          const next = yield* Effect.promise(() => batches.next())
          if (next.items.length > 0) yield* write(next.items, true)
          advance("storing", counts.read)
          // The file could not be read on (corrupt gzip, wrong encoding): what was read is accounted for.
          if (next.error !== null) return yield* finish("failed", next.error, components)
          if (next.done) break
          if (options.shouldStop?.()) return yield* finish("interrupted", null, components)
        }
        return yield* finish(counts.rejected > 0 ? "rejected" : "ok", null, components)
      }),
      // Whatever ends the loop (the end of the file, a stop, a ledger error), the reading ends with it.
      (batches) => Effect.promise(() => batches.close()).pipe(Effect.zipRight(readOnThread === 0 ? Effect.void
        : Effect.logDebug(`${name}: of ${readOnThread} record(s) read on the worker thread, this thread prepared ${shared}`))),
    )
  })

/**
 * `--strict`'s first pass: every record that would be rejected (unreadable, invalid, or an id
 * used by a different stored claim or earlier in the same file), as a quarantine item, and their
 * positions in the file (not their lines: a JSON array on one line has many records).
 */
const strictProblems = (
  ledger: LedgerService, file: string, prepare: (item: ReadItem) => BatchItem, batchSize: number,
  readOptions: { readonly onBytes?: (bytes: number) => void }, onRecords: (records: number) => void,
) =>
  Effect.gen(function* () {
    const seen = new Map<string, string>()
    const items: BatchItem[] = []
    const positions = new Set<number>()
    let position = 0
    const problem = (p: BatchItem, at: number) => {
      items.push(p)
      positions.add(at)
    }
    const records = readRecords(file, readOptions)[Symbol.asyncIterator]()
    for (;;) {
      const next = yield* Effect.promise(() => nextItems(records, batchSize))
      const prepared = next.items.map(prepare)
      const claims = prepared.flatMap((p) => (p.result.ok ? [p.result.claim] : []))
      const outcomes = yield* ledger.checkClaims(claims)
      let k = 0
      for (const p of prepared) {
        const at = position++
        if (!p.result.ok) {
          problem(p, at)
          continue
        }
        const c = p.result.claim
        const outcome = outcomes[k++]!
        const key = `${c.dataset}\u0000${c.claim_id}`
        const earlier = seen.get(key)
        if (outcome.kind === "rejected") problem({ ...p, result: { ok: false, reason: outcome.reason } }, at)
        else if (earlier !== undefined && earlier !== c.content_hash) {
          problem({ ...p, result: { ok: false, reason: `duplicate id "${c.claim_id}" within the file` } }, at)
        } else seen.set(key, c.content_hash)
      }
      onRecords(position)
      if (next.error !== null) return { items, positions, failed: next.error }
      if (next.done) return { items, positions, failed: null }
    }
  })
