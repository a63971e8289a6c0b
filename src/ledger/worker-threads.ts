import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import type * as WorkerThreads from "node:worker_threads"

/** Most worker threads a command starts, whatever the machine. */
const MAX_WORKER_THREADS = 4


/**
 * How many worker threads reading, preparing and reconciling may use: `RECKON_WORKERS=N` (0: none,
 * at most 4), else one per core, at most 4, on a machine of more than one core. On the 2-core
 * bench machine at 1M claims two threads made the ingest 18% faster and a full reconcile 25%
 * (the bench's `RECKON_WORKERS=2` row; at 100k the gain is within the noise), for more RSS.
 */
export const workerThreads = (): number => {
  const asked = process.env["RECKON_WORKERS"]
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), MAX_WORKER_THREADS)
  const cores = os.availableParallelism()
  return cores > 1 ? Math.min(cores, MAX_WORKER_THREADS) : 0
}

/**
 * A small young generation per thread: V8's default let each thread's semi-spaces grow to tens of
 * megabytes, which added ~90 MB of peak RSS per thread for no measurable speed.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 }

/**
 * Whether the compiled script of a worker thread is there: it is in dist/ (tsc's output and the
 * bundle's chunks), not when a test runner runs the TypeScript sources, which then stay on one thread.
 */
export const workerScriptExists = (script: URL): boolean => fs.existsSync(fileURLToPath(script))

/**
 * Starts a worker thread with reckon's resource limits. node:worker_threads is required here, not
 * imported: every command loads this module, and most never start a thread (issue 17, start-up).
 */
export const startWorker = (script: URL, workerData: unknown): WorkerThreads.Worker => {
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads
  return new Worker(script, { workerData, resourceLimits: WORKER_LIMITS })
}
