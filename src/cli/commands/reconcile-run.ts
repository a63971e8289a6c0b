import * as Effect from "effect/Effect"
import { Ledger } from "../../ledger/ledger.js"
import { datasetInLedger, ledgerFor, printErr } from "../run-support.js"
import type { ReconcileArgs } from "./reconcile-command.js"

/** `reckon reconcile`: every stale component (or with `--all` every one) reconciled again. */
export const runReconcile = (o: ReconcileArgs) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const dataset = yield* datasetInLedger(o.dataset)
    if (o.all) yield* ledger.markAllStale(dataset)
    const stale = yield* ledger.staleCount(dataset)
    const t0 = performance.now()
    const done = yield* ledger.reconcileStale({ dataset })
    yield* printErr(`reconciled ${done.components} component(s), ${done.figures} figure(s) of ${stale} stale (${Math.round(performance.now() - t0)} ms)`)
  }).pipe(Effect.provide(ledgerFor(o.db, { reconcileOnOpen: false })))
