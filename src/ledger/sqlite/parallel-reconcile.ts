import * as Effect from "effect/Effect"
import type { Reconciled, ReconcileOptions } from "../ledger.js"
import { type LedgerError, ledgerError } from "../ledger-error.js"
import { type ComputedComponent, staleComponents, storeComputed } from "./figure-store.js"
import { ReconcilePool } from "./reconcile-pool.js"
import type { SqliteContext } from "./sqlite-context.js"

/**
 * Components per request to a worker thread, and per write transaction of their changes (tens of
 * milliseconds of work). At 1M claims on the 2-core bench machine 256 took 6–10% less time than
 * 64 (fewer commits and messages); 512 and 1024 were no faster.
 */
const COMPONENTS_PER_CHUNK = 256
/** Requests in hand per worker: one being computed, one ready to start when it is done. */
const REQUESTS_PER_WORKER = 2

type Guard = <A>(what: string, f: () => A) => Effect.Effect<A, LedgerError>

/**
 * Reconciles the stale components that are marked now with `workers` threads computing figures
 * while this thread writes them (`storeComputed`: a component whose mark was raised meanwhile is
 * left stale). What is still stale after (marked during the run, or outdated) is the caller's to
 * drain. `write` runs a write with the ledger's busy retries.
 */
export const reconcileOnWorkers = (
  ctx: SqliteContext, workers: number, options: ReconcileOptions, write: Guard, now: () => string,
): Effect.Effect<Reconciled, LedgerError> =>
  Effect.acquireUseRelease(
    Effect.sync(() => new ReconcilePool(ctx.location, workers)),
    (pool) => Effect.gen(function* () {
      const pending = yield* write("reading stale components", () => staleComponents(ctx, options.dataset))
      const chunks: string[][] = []
      for (let i = 0; i < pending.length; i += COMPONENTS_PER_CHUNK) chunks.push(pending.slice(i, i + COMPONENTS_PER_CHUNK))
      const inHand: Promise<ComputedComponent[]>[] = []
      let next = 0
      const fill = () => {
        while (next < chunks.length && inHand.length < REQUESTS_PER_WORKER * pool.size) {
          const request = pool.compute(chunks[next++]!, now())
          // A request not awaited yet must not fail unobserved (and end the process) when an earlier one failed.
          request.catch(() => undefined)
          inHand.push(request)
        }
      }
      let components = 0
      let figures = 0
      fill()
      while (inHand.length > 0) {
        const computed = yield* Effect.tryPromise({
          try: () => inHand.shift()!,
          catch: (e) => ledgerError(ctx.location, "reconciliation on worker threads", e),
        })
        fill()
        const stored = yield* write("reconciliation", () => storeComputed(ctx, computed))
        components += stored.components
        figures += stored.figures
        options.onProgress?.(components, Math.max(0, pending.length - components))
      }
      return { components, figures }
    }),
    (pool) => Effect.promise(() => pool.close()),
  )
