import * as Effect from "effect/Effect"
import type { Reconciled, ReconcileOptions } from "./ledger.js"
import type { LedgerError } from "./ledger-error.js"
import type { Recovery } from "./ledger-rows.js"

/** What one reconciliation transaction did, and how many components are stale still. */
export interface ReconcileStep {
  readonly components: number
  readonly figures: number
  readonly left: number
}

/**
 * `reconcileStale` of every implementation: runs the dialect's reconciliation transaction until
 * nothing is stale, or until a step finds nothing it may take (on PostgreSQL: the rest is being
 * reconciled by other processes right now), reporting progress after each.
 */
export const drainStale = (step: (dataset: string | undefined) => Effect.Effect<ReconcileStep, LedgerError>, options: ReconcileOptions = {}): Effect.Effect<Reconciled, LedgerError> =>
  Effect.gen(function* () {
    let components = 0
    let figures = 0
    for (;;) {
      const done = yield* step(options.dataset)
      components += done.components
      figures += done.figures
      options.onProgress?.(components, done.left)
      if (done.left === 0 || done.components === 0) break
      // Between transactions: other fibers (a heartbeat, a signal) and other writers get their turn.
      yield* Effect.yieldNow()
    }
    return { components, figures }
  })

/**
 * `recover` of every implementation: marks the runs of dead processes crashed, then, when no
 * other process is writing (a live one drains its own), reconciles what a killed command left stale.
 */
export const recoverWith = (
  closeDead: Effect.Effect<{ readonly crashedRuns: number; readonly liveWriters: number }, LedgerError>,
  staleCount: Effect.Effect<number, LedgerError>,
  reconcile: Effect.Effect<Reconciled, LedgerError>,
  options: { readonly reconcile: boolean },
): Effect.Effect<Recovery, LedgerError> =>
  Effect.gen(function* () {
    const { crashedRuns, liveWriters } = yield* closeDead
    if (crashedRuns > 0) yield* Effect.logWarning(`marked ${crashedRuns} run(s) of processes that ended during them as crashed`)
    const stale = yield* staleCount
    if (stale === 0 || liveWriters > 0 || !options.reconcile) return { crashedRuns, liveWriters, stale, reconciled: 0 }
    yield* Effect.logInfo(`reconciling ${stale} component(s) left stale by a command that did not finish`)
    const done = yield* reconcile
    return { crashedRuns, liveWriters, stale: yield* staleCount, reconciled: done.components }
  })
