import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { formatOption } from "../shared-options.js"

const flightOptions = {
  data: Options.directory("data").pipe(Options.withDescription("the Flight benchmark folder (claims/YYYYMMDD.txt.gz, truth/YYYYMMDD.txt)")),
  db: Options.text("db").pipe(
    Options.withDescription("ingest into this ledger and keep it (with the learned weights and figures); default: a scratch ledger in a temp folder"),
    Options.optional),
  format: formatOption,
}

/** What `reckon eval flight` was given. */
export type FlightArgs = Command.Command.ParseConfig<typeof flightOptions>

const flightCommand = Command.make("flight", flightOptions, lazyHandler(() => import("./eval-run.js").then((m) => m.runFlight))).pipe(
  Command.withDescription(
    "score reckon (learned weights), reckon-equal, vote and median on the Flight truth-discovery benchmark, through a ledger: " +
    "settings chosen on one half of the days, scored on the other half, both ways"))

export const evalCommand = Command.make("eval").pipe(
  Command.withDescription("evaluate the engine on a benchmark with a gold standard"),
  Command.withSubcommands([flightCommand]),
)
