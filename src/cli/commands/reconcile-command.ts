import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption } from "../shared-options.js"

const options = {
  dataset: Options.text("dataset").pipe(Options.withDescription("only this dataset's components (its name in the ledger)"), Options.optional),
  all: Options.boolean("all").pipe(Options.withDescription("reconcile every component again, stale or not (after an engine upgrade)")),
  db: dbOption,
}

/** What `reckon reconcile` was given. */
export type ReconcileArgs = Command.Command.ParseConfig<typeof options>

export const reconcileCommand = Command.make("reconcile", options, lazyHandler(() => import("./reconcile-run.js").then((m) => m.runReconcile))).pipe(
  Command.withDescription("bring every stale figure up to date (every write command does it before it ends; this finishes what a killed one left)"))
