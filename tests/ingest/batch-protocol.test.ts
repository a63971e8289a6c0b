import * as fs from "node:fs"
import * as path from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { describe, expect, it } from "vitest"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { messageQueue } from "../../src/ingest/message-queue.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import {
  type BatchSourceOptions, type Credit, INITIAL_SHARE, localBatches, type PreparedBatch, runBatchWorker, SHARE_STEP, takeBatches, type WorkerMessage,
} from "../../src/ingest/prepared-batches.js"
import { line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir } from "../support/temp-dir.js"

const parsed = parseCatalog(SMALL_CATALOG)
if (!parsed.ok) throw new Error(parsed.problems.join("; "))
const catalog = parsed.catalog
const index = buildCatalogIndex([catalog])

/** A channel between the two sides: each message copied as a thread's port copies it. */
const channel = <T>() => {
  const queue = messageQueue<T>()
  return { post: (m: T) => queue.deliver(structuredClone(m)), received: queue.received }
}

const BATCH = 200

const claimFile = (n: number): string => {
  const file = path.join(tempDir(), "claims.ndjson")
  const lines = Array.from({ length: n }, (_, i) =>
    i % 50 === 7 ? `{"id": "broken ${i}` : line({ id: `c${i}`, event: "strike", metric: "aircraft.hit", source: ["SBU", "isw"][i % 2], value: `${i % 40} aircraft`, quote: `q${i}` }))
  fs.writeFileSync(file, `${lines.join("\n")}\n`)
  return file
}

/**
 * Both sides of `workerBatches` in this thread, over `channel`: the reading side exactly as the
 * worker thread runs it, the writing side as the writing thread does. `shared[i]` is how many of
 * batch i the writing side prepared.
 */
const connect = (file: string) => {
  const messages = channel<WorkerMessage>()
  let onCredit: ((c: Credit) => void) | null = null
  const shared: number[] = []
  const options: BatchSourceOptions = { displayName: "claims.ndjson", dataset: null, batchSize: BATCH, onShared: (s) => void shared.push(s) }
  const reading = runBatchWorker({ file, catalogs: [catalog], options: { displayName: "claims.ndjson", dataset: null, batchSize: BATCH } }, messages.post, (f) => (onCredit = f))
  const next = takeBatches(messages.received, (c) => onCredit?.(structuredClone(c)), index, options)
  return { next, shared, reading }
}

describe("the batches between the reading and the writing thread", () => {
  it("give the same records, in file order, as reading and preparing on one thread", async () => {
    const file = claimFile(2_050)
    const { next, shared, reading } = connect(file)
    const local = localBatches(file, index, { displayName: "claims.ndjson", dataset: null, batchSize: BATCH })
    const both: PreparedBatch[] = []
    const one: PreparedBatch[] = []
    for (let done = false; !done;) {
      const b = await next()
      both.push(b)
      one.push(await local.next())
      done = b.done
    }
    await reading
    expect(both.map((b) => b.items)).toEqual(one.map((b) => b.items))
    expect(both.flatMap((b) => b.items).length).toBe(2_050)
    expect(both.flatMap((b) => b.items).filter((i) => !i.result.ok).length).toBe(41)
    expect(shared[0]).toBe(Math.round(BATCH * INITIAL_SHARE))
  })

  it("move the share towards the reading thread while the writer is slower, and back once the reader is", async () => {
    const file = claimFile(BATCH * 24)
    const { next, shared, reading } = connect(file)
    // the writer stores slowly: the reader waits for each batch to be taken, so it keeps more of the preparing
    for (let i = 0; i < 10; i++) {
      await next()
      await sleep(60)
    }
    const early = shared.slice(0, 10)
    expect(early[0]).toBe(BATCH * INITIAL_SHARE)
    for (let i = 1; i < early.length; i++) expect(early[i]).toBeLessThanOrEqual(early[i - 1]!)
    // five steps take the share to nothing; ten batches leave room for a step or two with no wait told apart
    expect(early.slice(-3)).toEqual([0, 0, 0])
    // then takes each batch at once: the writer now waits for the reader, so the share grows again
    // from nothing (a batch without a share still reports the writer's wait)
    for (let done = false; !done;) done = (await next()).done
    await reading
    const later = shared.slice(10, -1) // the last batch is the empty one that ends the file
    expect(later.at(-1)).toBeGreaterThan(0)
    expect(later.at(-2)).toBeGreaterThan(later[0]!)
    expect(Math.max(...later.slice(0, -1).map((s, i) => later[i + 1]! - s))).toBeLessThanOrEqual(BATCH * SHARE_STEP)
  })

  it("end the file with the reading thread's failure, told apart from a read error, when it fails between a share and its batch", async () => {
    const cases: [WorkerMessage[], string][] = [
      [[{ kind: "share", items: [{ kind: "bad", line: 1, raw: "{", reason: "not JSON" }] }, { kind: "failed", message: "out of memory" }], "the reading thread failed: out of memory"],
      [[{ kind: "share", items: [] }, { kind: "share", items: [] }], "the reading thread failed: it sent two shares of one batch"],
      [[{ kind: "failed", message: "it exited with code 1" }], "the reading thread failed: it exited with code 1"],
    ]
    for (const [messages, error] of cases) {
      const credits: Credit[] = []
      const next = takeBatches(async () => messages.shift()!, (c) => credits.push(c), index, { displayName: "f", dataset: null, batchSize: BATCH })
      const b = await next()
      expect(b).toMatchObject({ done: true, error, items: [] })
      expect(credits).toEqual([])
    }
  })

  it("report the writer's wait for a batch without a share, and none for the first batch (the reader starting)", async () => {
    const batch = (done: boolean): WorkerMessage => ({ kind: "batch", batch: { items: [], done, error: null, bytes: 0 } })
    const credits: Credit[] = []
    const slow = async (m: WorkerMessage) => {
      await sleep(20)
      return m
    }
    const queue = [batch(false), batch(false), batch(false), batch(true)]
    const next = takeBatches(() => slow(queue.shift()!), (c) => credits.push(c), index, { displayName: "f", dataset: null, batchSize: BATCH })
    for (let done = false; !done;) done = (await next()).done
    expect(credits.length).toBe(3)
    expect(credits[0]!.waitedMs).toBe(0)
    for (const c of credits.slice(1)) expect(c.waitedMs).toBeGreaterThanOrEqual(15)
  })
})
