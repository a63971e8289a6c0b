import * as os from "node:os"

/** Most worker threads a command starts, whatever the machine. */
const MAX_WORKER_THREADS = 4

/** Cores a machine needs before threads are used unasked: with fewer, they were measured no faster. */
const MIN_CORES_FOR_THREADS = 4

/**
 * How many worker threads reading, preparing and reconciling may use: `RECKON_WORKERS=N` (0: none,
 * at most 4), else one per core but the one the writer runs on, at most 4, on machines of 4 cores
 * or more. None unasked on fewer: on the 2-core bench machine a reading thread and 1–2
 * reconciling threads were no faster than one thread (the writer and the threads share the two
 * cores, and handing batches between threads costs what they save) and each added ~60 MB of RSS;
 * `npm run bench` measures both ways.
 */
export const workerThreads = (): number => {
  const asked = process.env["RECKON_WORKERS"]
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), MAX_WORKER_THREADS)
  const cores = os.availableParallelism()
  return cores >= MIN_CORES_FOR_THREADS ? Math.min(cores - 1, MAX_WORKER_THREADS) : 0
}
