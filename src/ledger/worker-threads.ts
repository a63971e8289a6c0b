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
 * bench machine at 1M claims a reading thread made the ingest 26% faster (67.6 s against 90.9 s)
 * and two reconciling threads a full reconcile 19%; at 100k neither gained, at 10k both lost.
 */
export const workerThreads = (): number => {
  if (workersAsked()) return Math.min(Number(process.env["RECKON_WORKERS"]), MAX_WORKER_THREADS)
  const cores = os.availableParallelism()
  return cores > 1 ? Math.min(cores, MAX_WORKER_THREADS) : 0
}

/**
 * Whether `RECKON_WORKERS` asks for a number of threads. Asked for, threads are used wherever they
 * can be (from 1 MiB of file, 64 stale components); by default only where they were measured to
 * pay for starting them (see `WORKER_MIN_BYTES`, `RECONCILE_WORKERS_MIN_STALE`).
 */
export const workersAsked = (): boolean => /^\d+$/.test(process.env["RECKON_WORKERS"] ?? "")

/**
 * A small young generation per thread, in MB (the reading thread's; reconciling threads take
 * twice this): V8's default let each thread's semi-spaces grow to tens of megabytes, which added
 * ~90 MB of peak RSS per thread for no measurable speed of the reading thread.
 */
export const WORKER_YOUNG_MB = 8

/**
 * Whether the compiled script of a worker thread is there: it is in dist/ (tsc's output and the
 * bundle's chunks), not when a test runner runs the TypeScript sources, which then stay on one thread.
 */
export const workerScriptExists = (script: URL): boolean => fs.existsSync(fileURLToPath(script))

/**
 * Starts a worker thread with reckon's resource limits. node:worker_threads is required here, not
 * imported: every command loads this module, and most never start a thread (issue 17, start-up).
 */
export const startWorker = (script: URL, workerData: unknown, youngMb = WORKER_YOUNG_MB): WorkerThreads.Worker => {
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads
  return new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: youngMb } })
}
