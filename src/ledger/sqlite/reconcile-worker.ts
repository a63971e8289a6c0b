import { parentPort, workerData } from "node:worker_threads"
import { computeComponents } from "./figure-store.js"
import { kyselyFor, openSqlite } from "./open-sqlite.js"
import type { SqliteContext } from "./sqlite-context.js"
import type { ComputeReply, ComputeRequest, ReconcileWorkerInput } from "./reconcile-pool.js"

// A worker thread of `ReconcilePool`: its own connection to the ledger file, reading only; it
// computes the figures of the components it is sent, compares them with the stored rows, and posts
// the changes back to the writer.
if (parentPort !== null) {
  const port = parentPort
  const { location } = workerData as ReconcileWorkerInput
  const sqlite = openSqlite(location)
  // 8 MB, not the writer's 16: it reads each component's claims once, and every thread's cache adds to peak RSS.
  sqlite.pragma("cache_size = -8192")
  const ctx: SqliteContext = { sqlite, db: kyselyFor(sqlite), location, holder: "reconcile-worker", writerLease: null }
  port.on("message", (m: ComputeRequest) => {
    let reply: ComputeReply
    try {
      reply = { id: m.id, ok: true, computed: computeComponents(ctx, m.components, m.now) }
    } catch (e) {
      reply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) }
    }
    port.postMessage(reply)
  })
}
