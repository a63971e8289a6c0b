import * as Command from "@effect/cli/Command"
import { lazyHandler } from "../lazy-handler.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, listOptions, metricOption, scopeOption } from "../shared-options.js"

const options = {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  ...listOptions,
  db: dbOption,
  format: formatOption,
}

/** What `reckon conflicts` was given. */
export type ConflictsArgs = Command.Command.ParseConfig<typeof options>

export const conflictsCommand = Command.make("conflicts", options, lazyHandler(() => import("./conflicts-run.js").then((m) => m.runConflicts))).pipe(
  Command.withDescription("every conflict, with the claims on each side"))
