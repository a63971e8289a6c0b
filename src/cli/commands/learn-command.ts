import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../reliability/default-reliability-options.js"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, formatOption } from "../shared-options.js"

const numberOption = (name: string, description: string) =>
  Options.float(name).pipe(Options.withDescription(description), Options.optional)

const options = {
  dataset: Options.text("dataset").pipe(Options.withDescription("learn from this dataset's claims only (its name in the ledger)"), Options.optional),
  falseValues: numberOption("false-values", `plausible false values per cell n: weight = ln(n·a/(1−a)) for agreement rate a (default ${DEFAULT_RELIABILITY_OPTIONS.falseValues})`),
  priorCells: numberOption("prior-cells", `shrink each agreement rate toward the prior's as if with this many more contested cells (default ${DEFAULT_RELIABILITY_OPTIONS.priorCells})`),
  minContested: numberOption("min-contested", `a source with fewer contested cells keeps its prior weight (default ${DEFAULT_RELIABILITY_OPTIONS.minContested})`),
  noCopies: Options.boolean("no-copies").pipe(Options.withDescription("do not look for sources that mirror each other")),
  db: dbOption,
  format: formatOption,
}

/** What `reckon learn` was given. */
export type LearnArgs = Command.Command.ParseConfig<typeof options>

export const learnCommand = Command.make("learn", options, lazyHandler(() => import("./learn-run.js").then((m) => m.runLearn))).pipe(
  Command.withDescription(
    "learn every source's reliability from the cells it shares with other independent voices (copies merged into one voice), store it and reconcile again"))
