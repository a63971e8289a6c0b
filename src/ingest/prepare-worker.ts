import { parentPort, workerData } from "node:worker_threads"
import { runBatchWorker, type WorkerInput } from "./prepared-batches.js"

// The worker thread of `workerBatches`: reads and prepares one claim file, batch by batch.
if (parentPort !== null) {
  const port = parentPort
  await runBatchWorker(workerData as WorkerInput, (m) => port.postMessage(m), (f) => port.on("message", f))
  // Without a listener the port no longer holds the thread: it ends once the last batch is sent.
  port.removeAllListeners("message")
}
