import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { asOfOption, atOption, dbOption, formatOption, scopeOption } from "../shared-options.js"

const options = {
  event: Options.text("event").pipe(Options.withPseudoName("EVENT"), Options.withDescription("the event")),
  metric: Options.text("metric").pipe(Options.withPseudoName("METRIC"), Options.withDescription("the metric")),
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  db: dbOption,
  format: formatOption,
}

/** What `reckon explain` was given. */
export type ExplainArgs = Command.Command.ParseConfig<typeof options>

export const explainCommand = Command.make("explain", options, lazyHandler(() => import("./explain-run.js").then((m) => m.runExplain))).pipe(
  Command.withDescription("how a figure was reached: voices, weights, exclusions, relations, provenance"))
