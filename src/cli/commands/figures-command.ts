import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, listOptions, metricOption, scopeOption } from "../shared-options.js"

const options = {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  status: Options.choice("status", ["single-source", "consistent", "conflict", "derived", "no-data"]).pipe(
    Options.withDescription("only figures with this status"), Options.optional),
  ...listOptions,
  db: dbOption,
  format: formatOption,
}

/** What `reckon figures` was given. */
export type FiguresArgs = Command.Command.ParseConfig<typeof options>

export const figuresCommand = Command.make("figures", options, lazyHandler(() => import("./figures-run.js").then((m) => m.runFigures))).pipe(
  Command.withDescription("reconciled figures: consensus range, best estimate, status"))
