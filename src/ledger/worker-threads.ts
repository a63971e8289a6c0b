import * as os from "node:os"

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
