import type { Catalog } from "../domain/catalog.js"
import type { BatchItem } from "../ledger/claim-batch.js"
import { startWorker, workerScriptExists, workersAsked, workerThreads } from "../ledger/worker-threads.js"
import { buildCatalogIndex, type CatalogIndex } from "./catalog-index.js"
import { prepareClaim } from "./prepare-claim.js"
import { type ReadItem, readRecords } from "./read-records.js"

/** Up to one batch of a claim file, read and prepared; a read error ends the file and comes with what was read before it. */
export interface PreparedBatch {
  readonly items: readonly BatchItem[]
  readonly done: boolean
  readonly error: string | null
  /** File bytes read so far (compressed, if gzipped). */
  readonly bytes: number
}

/** The prepared batches of one file, in file order. `close` stops reading early (an interrupted ingest). */
export interface BatchSource {
  next(): Promise<PreparedBatch>
  close(): Promise<void>
}

export interface BatchSourceOptions {
  /** The file as named in messages and in the ledger. */
  readonly displayName: string
  readonly dataset: string | null
  readonly batchSize: number
  readonly onBytes?: (bytes: number) => void
}

/** A record as the ledger takes it: prepared (`prepareClaim`), or refused with the reader's reason. */
export const prepareItem = (item: ReadItem, index: CatalogIndex, displayName: string, dataset: string | null): BatchItem => ({
  line: item.line,
  // A batch keeps each record's line and raw text, not the parsed object: less to hold in memory.
  raw: item.raw,
  result: item.kind === "bad"
    ? { ok: false, reason: item.reason }
    : prepareClaim(item.value, { file: displayName, line: item.line, raw: item.raw }, index, dataset),
})

/**
 * Reads and prepares a file batch by batch on the calling thread. The producer of the worker
 * thread runs this very function, so both ways give the same items.
 */
export const localBatches = (file: string, index: CatalogIndex, options: BatchSourceOptions): BatchSource => {
  let bytes = 0
  const records = readRecords(file, {
    onBytes: (n) => {
      bytes = n
      options.onBytes?.(n)
    },
  })[Symbol.asyncIterator]()
  return {
    next: async () => {
      const items: BatchItem[] = []
      try {
        while (items.length < options.batchSize) {
          const next = await records.next()
          if (next.done) return { items, done: true, error: null, bytes }
          items.push(prepareItem(next.value, index, options.displayName, options.dataset))
        }
        return { items, done: false, error: null, bytes }
      } catch (e) {
        return { items, done: true, error: e instanceof Error ? e.message : String(e), bytes }
      }
    },
    close: async () => void (await records.return?.(undefined)),
  }
}

/** What the worker thread is started with. */
export interface WorkerInput {
  readonly file: string
  readonly catalogs: readonly Catalog[]
  readonly options: Omit<BatchSourceOptions, "onBytes">
}

/**
 * A batch as posted between threads. A prepared record's raw text is its claim's (`claim.raw`):
 * structured cloning copies every string it meets, so it is sent once, not twice (a quarter of
 * what each record costs to clone, and to hold on the writing thread).
 */
interface WireBatch extends Omit<PreparedBatch, "items"> {
  readonly items: readonly (Omit<BatchItem, "raw"> & { readonly raw?: string })[]
}

const toWire = (b: PreparedBatch): WireBatch => ({ ...b, items: b.items.map((i) => (i.result.ok ? { line: i.line, result: i.result } : i)) })

const fromWire = (b: WireBatch): PreparedBatch => ({
  ...b, items: b.items.map((i) => ({ line: i.line, raw: i.raw ?? (i.result.ok ? i.result.claim.raw : ""), result: i.result })),
})

/** Messages of the worker thread: a batch, or the thread's own failure. */
export type WorkerMessage = { readonly kind: "batch"; readonly batch: WireBatch } | { readonly kind: "failed"; readonly message: string }

/** Batches the worker may hand over unread: one, which it prepares while the writer stores the one before (enough to keep both threads busy; each more costs a batch of memory). */
export const BATCHES_AHEAD = 1

/**
 * Files smaller than this are prepared on the calling thread by default: on the 2-core bench
 * machine the reading thread made a 3.5 MB file (10k claims) 15% slower, a 35 MB one (100k) no
 * faster, and a 350 MB one (1M) 26% faster.
 */
export const WORKER_MIN_BYTES = 32 << 20

/** The same when `RECKON_WORKERS` asks for threads: a thread for any file of 1 MiB or more. */
export const ASKED_WORKER_MIN_BYTES = 1 << 20

const WORKER_SCRIPT = new URL("./prepare-worker.js", import.meta.url)

/**
 * Whether a file of `bytes` is read and prepared on a worker thread while the calling thread
 * writes: when `workerThreads` allows threads, for a file of `WORKER_MIN_BYTES` or more (1 MiB when
 * threads are asked for). Where the compiled worker script is missing (the sources run by a test
 * runner), preparing stays on the calling thread.
 */
export const useWorker = (bytes: number): boolean =>
  workerThreads() > 0 && bytes >= (workersAsked() ? ASKED_WORKER_MIN_BYTES : WORKER_MIN_BYTES) && workerScriptExists(WORKER_SCRIPT)

/**
 * Reads and prepares a file on a worker thread (parsing, validation, normalization and hashing
 * are most of an ingest's work), up to `BATCHES_AHEAD` batches ahead of the caller, which writes.
 * A failure of the thread itself ends the file with that error, as a read error would.
 */
export const workerBatches = (file: string, index: CatalogIndex, options: BatchSourceOptions): BatchSource => {
  const input: WorkerInput = {
    file, catalogs: [...index.catalogs.values()],
    options: { displayName: options.displayName, dataset: options.dataset, batchSize: options.batchSize },
  }
  const worker = startWorker(WORKER_SCRIPT, input)
  const ready: PreparedBatch[] = []
  let waiting: ((b: PreparedBatch) => void) | null = null
  let ended = false
  const deliver = (b: PreparedBatch) => {
    if (waiting) {
      const w = waiting
      waiting = null
      w(b)
    } else ready.push(b)
  }
  const fail = (message: string) => {
    if (ended) return
    ended = true
    deliver({ items: [], done: true, error: `the reading thread failed: ${message}`, bytes: 0 })
  }
  worker.on("message", (m: WorkerMessage) => {
    if (m.kind === "failed") return fail(m.message)
    options.onBytes?.(m.batch.bytes)
    if (m.batch.done) ended = true
    deliver(fromWire(m.batch))
  })
  worker.on("error", (e) => fail(e.message))
  worker.on("exit", (code) => fail(`it exited with code ${code}`))
  return {
    next: () => {
      const b = ready.shift()
      const got = b !== undefined ? Promise.resolve(b) : new Promise<PreparedBatch>((resolve) => (waiting = resolve))
      return got.then((batch) => {
        if (!batch.done) worker.postMessage("next")
        return batch
      })
    },
    close: async () => {
      ended = true
      await worker.terminate()
    },
  }
}

/** The worker thread's side: prepares batches and posts them, never more than `BATCHES_AHEAD` unread. */
export const runBatchWorker = (input: WorkerInput, post: (m: WorkerMessage) => void, onCredit: (f: () => void) => void): Promise<void> => {
  const source = localBatches(input.file, buildCatalogIndex(input.catalogs), input.options)
  let credit = BATCHES_AHEAD
  let resume: (() => void) | null = null
  onCredit(() => {
    credit++
    const r = resume
    resume = null
    r?.()
  })
  return (async () => {
    for (;;) {
      if (credit === 0) await new Promise<void>((r) => (resume = r))
      const batch = await source.next()
      credit--
      post({ kind: "batch", batch: toWire(batch) })
      if (batch.done) return
    }
  })().catch((e: unknown) => post({ kind: "failed", message: e instanceof Error ? e.message : String(e) }))
}
