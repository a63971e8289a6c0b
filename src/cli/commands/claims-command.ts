import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, eventOption, formatOption, listOptions, metricOption, scopeOption } from "../shared-options.js"

const options = {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  source: Options.text("source").pipe(Options.withPseudoName("SOURCE"), Options.withDescription("only claims whose origin is this source"), Options.optional),
  dataset: Options.text("dataset").pipe(Options.withPseudoName("NAME"), Options.withDescription("only this dataset (by name)"), Options.optional),
  ...listOptions,
  db: dbOption,
  format: formatOption,
}

/** What `reckon claims` was given. */
export type ClaimsArgs = Command.Command.ParseConfig<typeof options>

export const claimsCommand = Command.make("claims", options, lazyHandler(() => import("./claims-run.js").then((m) => m.runClaims))).pipe(
  Command.withDescription("the claims stored in the ledger, with their quote and url"))
