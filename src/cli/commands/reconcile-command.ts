import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { Ledger } from "../../ledger/ledger.js"
import { datasetInLedger, dbOption, ledgerFor, printErr } from "../shared-options.js"

export const reconcileCommand = Command.make("reconcile", {
  dataset: Options.text("dataset").pipe(Options.withDescription("only this dataset's components (its name in the ledger)"), Options.optional),
  all: Options.boolean("all").pipe(Options.withDescription("reconcile every component again, stale or not (after an engine upgrade)")),
  db: dbOption,
}, (o) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const dataset = yield* datasetInLedger(o.dataset)
    if (o.all) yield* ledger.markAllStale(dataset)
    const stale = yield* ledger.staleCount(dataset)
    const t0 = performance.now()
    const done = yield* ledger.reconcileStale({ dataset })
    yield* printErr(`reconciled ${done.components} component(s), ${done.figures} figure(s) of ${stale} stale (${Math.round(performance.now() - t0)} ms)`)
  }).pipe(Effect.provide(ledgerFor(o.db, { reconcileOnOpen: false }))),
).pipe(Command.withDescription("bring every stale figure up to date (every write command does it before it ends; this finishes what a killed one left)"))
