import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"

const uaLossesOryxOptions = {
  data: Options.directory("data").pipe(Options.withDescription("the folder holding ua-losses/ and oryx/"), Options.withDefault("../shared/data")),
  out: Options.text("out").pipe(Options.withDescription("the dataset folder to write"), Options.withDefault("datasets/ua-losses-vs-oryx")),
}

/** What `reckon adapt ua-losses-oryx` was given. */
export type UaLossesOryxArgs = Command.Command.ParseConfig<typeof uaLossesOryxOptions>

const uaLossesOryx = Command.make("ua-losses-oryx", uaLossesOryxOptions, lazyHandler(() => import("./adapt-run.js").then((m) => m.runUaLossesOryx))).pipe(
  Command.withDescription("build datasets/ua-losses-vs-oryx from the General Staff's and Oryx's tallies"))

export const adaptCommand = Command.make("adapt").pipe(
  Command.withDescription("build a dataset from third-party data"),
  Command.withSubcommands([uaLossesOryx]),
)
