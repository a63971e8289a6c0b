import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { formatOption } from "../shared-options.js"

const options = {
  phrase: Args.text({ name: "PHRASE" }).pipe(Args.withDescription('a value phrase, e.g. "likely exceeded 5,000" (quote it)')),
  kind: Options.choice("kind", ["count", "real"]).pipe(
    Options.withDescription("the metric kind: count (whole numbers ≥ 0, the default) or real"), Options.withDefault("count" as const)),
  unit: Options.text("unit").pipe(Options.withDescription("the metric's unit, accepted as the phrase's trailing noun"), Options.optional),
  format: formatOption,
}

/** What `reckon parse` was given. */
export type ParseArgs = Command.Command.ParseConfig<typeof options>

export const parseCommand = Command.make("parse", options, lazyHandler(() => import("./parse-run.js").then((m) => m.runParse))).pipe(
  Command.withDescription('how a value phrase reads (SPEC §3): interval, certainty, bounds, or why it is rejected. Example: reckon parse "2,975 (95% CI 2,658-3,290)"'))
