import type { Catalog } from "../domain/catalog.js"
import type { BatchItem } from "../ledger/claim-batch.js"
import { startWorker, workerScriptExists, workersAsked, workerThreads } from "../ledger/worker-threads.js"
import { buildCatalogIndex, type CatalogIndex } from "./catalog-index.js"
import { messageQueue } from "./message-queue.js"
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
  /** Per batch read on a worker thread: how many of its `records` the calling thread prepared (`workerBatches`). */
  readonly onShared?: (shared: number, records: number) => void
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

/** Up to one batch of a claim file as read, not prepared yet. */
interface ReadBatch extends Omit<PreparedBatch, "items"> {
  readonly items: ReadItem[]
}

/** Reads a file batch by batch (`readRecords`), each batch ending early at the end of the file or a read error. */
const readBatches = (file: string, batchSize: number, onBytes?: (bytes: number) => void) => {
  let bytes = 0
  const records = readRecords(file, {
    onBytes: (n) => {
      bytes = n
      onBytes?.(n)
    },
  })[Symbol.asyncIterator]()
  return {
    next: async (): Promise<ReadBatch> => {
      const items: ReadItem[] = []
      try {
        while (items.length < batchSize) {
          const next = await records.next()
          if (next.done) return { items, done: true, error: null, bytes }
          items.push(next.value)
        }
        return { items, done: false, error: null, bytes }
      } catch (e) {
        return { items, done: true, error: e instanceof Error ? e.message : String(e), bytes }
      }
    },
    close: async () => void (await records.return?.(undefined)),
  }
}

/** Prepares read items in file order, letting go of each one as it is done (a batch is not held twice). */
const prepareAll = (items: (ReadItem | undefined)[], index: CatalogIndex, options: BatchSourceOptions): BatchItem[] =>
  items.map((item, i) => {
    items[i] = undefined
    return prepareItem(item!, index, options.displayName, options.dataset)
  })

/**
 * Reads and prepares a file batch by batch on the calling thread. The worker thread reads with
 * the very same reader and prepares with the very same function, so both ways give the same items.
 */
export const localBatches = (file: string, index: CatalogIndex, options: BatchSourceOptions): BatchSource => {
  const read = readBatches(file, options.batchSize, options.onBytes)
  return {
    next: async () => {
      const b = await read.next()
      return { ...b, items: prepareAll(b.items, index, options) }
    },
    close: read.close,
  }
}

/** What the worker thread is started with. */
export interface WorkerInput {
  readonly file: string
  readonly catalogs: readonly Catalog[]
  readonly options: Omit<BatchSourceOptions, "onBytes" | "onShared">
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

/**
 * Messages of the worker thread: the part of a batch it leaves to the writing thread to prepare
 * (`share`, read records, sent first so that both threads prepare at once), the batch's prepared
 * part (`batch`: the records before the shared ones, then the batch's end), or the thread's own failure.
 */
export type WorkerMessage =
  | { readonly kind: "share"; readonly items: readonly ReadItem[] }
  | { readonly kind: "batch"; readonly batch: WireBatch }
  | { readonly kind: "failed"; readonly message: string }

/** What the writing thread sends back for each batch it takes: how long it waited for the prepared part. */
export interface Credit {
  readonly waitedMs: number
}

/** Batches the worker may hand over unread: one, which it prepares while the writer stores the one before (enough to keep both threads busy; each more costs a batch of memory). */
export const BATCHES_AHEAD = 1

/** The share of each batch the writing thread prepares at first, before either thread has waited. */
export const INITIAL_SHARE = 0.25
/** How much the share moves after each batch, towards the thread that waited less. */
export const SHARE_STEP = 0.05
/** Most of a batch the writing thread prepares: the reading thread always prepares some, so that it never only reads. */
export const MAX_SHARE = 0.75

/**
 * The share of the next batch the writing thread prepares, from how long each thread waited for
 * the other on the last one: the writer waited for prepared records, so it takes more; the reader
 * waited for the writer to take a batch, so it keeps more. On the 2-core bench machine the reading
 * thread had been the slower one (58.6 s of CPU against the writer's 41.5 s at 1M claims, a fifth
 * of both cores idle), but which one is depends on the machine and the records: it is found as it goes.
 */
export const nextShare = (share: number, writerWaitedMs: number, readerWaitedMs: number): number => {
  const moved = writerWaitedMs > readerWaitedMs ? share + SHARE_STEP : readerWaitedMs > writerWaitedMs ? share - SHARE_STEP : share
  return Math.min(MAX_SHARE, Math.max(0, moved))
}

/** How many of a batch's `n` records the writing thread prepares at `share` (the last ones). */
export const sharedCount = (n: number, share: number): number => Math.min(n, Math.max(0, Math.round(n * share)))

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
 * The writing thread's side of `workerBatches`, over any channel to the reading side
 * (`runBatchWorker`): takes each batch's share and prepares it while the reader prepares the rest,
 * then its prepared part, and credits the reader with how long this thread waited for the two.
 * The wait is reported whether or not a batch came with a share, so that a share that fell to
 * nothing can grow again when the reader becomes the slower thread. The first batch's wait is the
 * reader starting up, neither thread's share of the work, so it is reported as none.
 */
export const takeBatches = (
  received: () => Promise<WorkerMessage>,
  credit: (c: Credit) => void,
  index: CatalogIndex,
  options: BatchSourceOptions,
): (() => Promise<PreparedBatch>) => {
  let first = true
  return async () => {
    let waitedMs = 0
    const timed = async () => {
      const t = performance.now()
      const m = await received()
      waitedMs += performance.now() - t
      return m
    }
    let m = await timed()
    let shared: BatchItem[] = []
    if (m.kind === "share") {
      shared = prepareAll(m.items.slice(), index, options)
      m = await timed()
    }
    // a share is always followed by its batch's prepared part
    if (m.kind !== "batch") {
      return { items: [], done: true, error: `the reading thread failed: ${m.kind === "failed" ? m.message : "it sent two shares of one batch"}`, bytes: 0 }
    }
    const batch = fromWire(m.batch)
    options.onBytes?.(batch.bytes)
    options.onShared?.(shared.length, batch.items.length + shared.length)
    if (!batch.done) credit({ waitedMs: first ? 0 : waitedMs })
    first = false
    return shared.length === 0 ? batch : { ...batch, items: [...batch.items, ...shared] }
  }
}

/**
 * Reads and prepares a file on a worker thread (parsing, validation, normalization and hashing
 * are most of an ingest's work), up to `BATCHES_AHEAD` batches ahead of the caller, which writes.
 * The caller prepares a share of each batch itself (`takeBatches`, `nextShare`) while the thread
 * prepares the rest, so that neither thread stands idle while the other works. A failure of the
 * thread itself ends the file with that error, as a read error would.
 */
export const workerBatches = (file: string, index: CatalogIndex, options: BatchSourceOptions): BatchSource => {
  const input: WorkerInput = {
    file, catalogs: [...index.catalogs.values()],
    options: { displayName: options.displayName, dataset: options.dataset, batchSize: options.batchSize },
  }
  const worker = startWorker(WORKER_SCRIPT, input)
  const queue = messageQueue<WorkerMessage>()
  let ended = false
  const fail = (message: string) => {
    if (ended) return
    ended = true
    queue.deliver({ kind: "failed", message })
  }
  worker.on("message", (m: WorkerMessage) => {
    if (m.kind === "failed") return fail(m.message)
    if (m.kind === "batch" && m.batch.done) ended = true
    queue.deliver(m)
  })
  worker.on("error", (e) => fail(e.message))
  worker.on("exit", (code) => fail(`it exited with code ${code}`))
  return {
    next: takeBatches(queue.received, (c) => worker.postMessage(c), index, options),
    close: async () => {
      ended = true
      await worker.terminate()
    },
  }
}

/**
 * The worker thread's side: reads batches, posts the writer's share of each (its last records,
 * read) and then the rest prepared, never more than `BATCHES_AHEAD` batches unread.
 */
export const runBatchWorker = (input: WorkerInput, post: (m: WorkerMessage) => void, onCredit: (f: (c: Credit) => void) => void): Promise<void> => {
  const index = buildCatalogIndex(input.catalogs)
  const read = readBatches(input.file, input.options.batchSize)
  let credit = BATCHES_AHEAD
  let resume: (() => void) | null = null
  let share = INITIAL_SHARE
  let waitingSince = 0
  onCredit((c) => {
    credit++
    // the batch just taken: the writer waited for it, or this thread has been waiting for the writer to take it
    share = nextShare(share, c.waitedMs, resume !== null ? performance.now() - waitingSince : 0)
    const r = resume
    resume = null
    r?.()
  })
  return (async () => {
    for (;;) {
      if (credit === 0) {
        waitingSince = performance.now()
        await new Promise<void>((r) => (resume = r))
      }
      const batch = await read.next()
      credit--
      const own = batch.items.length - sharedCount(batch.items.length, share)
      // the share leaves this thread's batch as it is posted, so that what this thread prepares is let go of as it goes
      if (own < batch.items.length) post({ kind: "share", items: batch.items.splice(own) })
      const items = prepareAll(batch.items, index, input.options)
      post({ kind: "batch", batch: toWire({ ...batch, items }) })
      if (batch.done) return
    }
  })().catch((e: unknown) => post({ kind: "failed", message: e instanceof Error ? e.message : String(e) }))
}
