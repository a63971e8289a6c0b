import type { Worker } from "node:worker_threads"
import { startWorker, WORKER_YOUNG_MB, workerScriptExists, workersAsked, workerThreads } from "../worker-threads.js"
import type { ComputedComponent } from "./figure-store.js"

/** What a reconcile worker thread is started with. */
export interface ReconcileWorkerInput {
  readonly location: string
}

export interface ComputeRequest {
  readonly id: number
  readonly components: readonly string[]
  readonly now: string
}

export type ComputeReply =
  | { readonly id: number; readonly ok: true; readonly computed: ComputedComponent[] }
  | { readonly id: number; readonly ok: false; readonly message: string }

const WORKER_SCRIPT = new URL("./reconcile-worker.js", import.meta.url)

/**
 * A reconciling thread's young generation, in MB. With 8 MB such a thread spent ~17% of a 1M full
 * reconcile collecting garbage; 16 MB made it 5–10% faster, and 48 MB (with 256 components a
 * request) another 5–8%; 96 MB was no faster. It costs peak RSS (~30 MB a thread over 16), which
 * comparing with the stored rows on the thread gave back: only changes cross to the writer.
 */
const RECONCILE_YOUNG_MB = 6 * WORKER_YOUNG_MB

/**
 * Fewer stale components than this are reconciled on the calling thread by default: on the 2-core
 * bench machine two threads took 20% longer at 3.5k components (100k claims), as long at 10.5k
 * (300k claims), and 19% less at 35k (1M claims): starting them and handing rows between threads
 * costs that much.
 */
export const RECONCILE_WORKERS_MIN_STALE = 10_000

/** The same when `RECKON_WORKERS` asks for threads: below this, there is nothing to share out. */
export const ASKED_RECONCILE_WORKERS_MIN_STALE = 64

/**
 * How many worker threads reconcile `stale` components of the ledger at `location` (`workerThreads`):
 * none for a few components, for an in-memory ledger, or where the compiled worker script is
 * missing (sources run by a test runner).
 */
export const reconcileWorkerCount = (location: string, stale: number): number => {
  const n = workerThreads()
  const least = workersAsked() ? ASKED_RECONCILE_WORKERS_MIN_STALE : RECONCILE_WORKERS_MIN_STALE
  if (n === 0 || stale < least || location === ":memory:" || location === "") return 0
  return workerScriptExists(WORKER_SCRIPT) ? n : 0
}

/**
 * Worker threads that compute components' figures from their own read connections. `compute`
 * goes to the thread with the least work in hand; a thread's failure fails what it had.
 */
export class ReconcilePool {
  private readonly workers: { worker: Worker; busy: number }[]
  private readonly waiting = new Map<number, { resolve: (c: ComputedComponent[]) => void; reject: (e: Error) => void; worker: Worker }>()
  private nextId = 0

  constructor(location: string, size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = startWorker(WORKER_SCRIPT, { location } satisfies ReconcileWorkerInput, RECONCILE_YOUNG_MB)
      const slot = { worker, busy: 0 }
      worker.on("message", (r: ComputeReply) => {
        const w = this.waiting.get(r.id)
        if (!w) return
        this.waiting.delete(r.id)
        slot.busy--
        if (r.ok) w.resolve(r.computed)
        else w.reject(new Error(r.message))
      })
      const fail = (e: Error) => {
        for (const [id, w] of this.waiting) {
          if (w.worker !== worker) continue
          this.waiting.delete(id)
          w.reject(e)
        }
      }
      worker.on("error", fail)
      worker.on("exit", (code) => fail(new Error(`a reconcile thread exited with code ${code}`)))
      return slot
    })
  }

  /** The figure rows of these components (see `computeComponents`), computed on a worker thread. */
  compute(components: readonly string[], now: string): Promise<ComputedComponent[]> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a))
    const id = this.nextId++
    slot.busy++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: slot.worker })
      slot.worker.postMessage({ id, components, now } satisfies ComputeRequest)
    })
  }

  get size(): number {
    return this.workers.length
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()))
  }
}
