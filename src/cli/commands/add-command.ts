import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, formatOption, scopeOption } from "../shared-options.js"

const text = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description))

const options = {
  event: text("event", "EVENT", "the event"),
  metric: text("metric", "METRIC", "the metric"),
  source: text("source", "SOURCE", "who said it (its origin)"),
  value: text("value", "VALUE", "as stated: 41, \"at least 5\", \"up to 13\""),
  scope: scopeOption,
  via: text("via", "A,B", "the outlets that passed it on, nearest the origin first").pipe(Options.optional),
  quote: text("quote", "TEXT", "the sentence it was taken from, verbatim").pipe(Options.optional),
  url: text("url", "URL", "where it was published").pipe(Options.optional),
  stated: text("stated", "TIME", "when the source said it").pipe(Options.optional),
  at: text("at", "TIME", "the valid time of a tally").pipe(Options.optional),
  certainty: Options.choice("certainty", ["asserted", "estimated", "possible"]).pipe(Options.withPseudoName("C"), Options.withDescription("asserted (default), estimated or possible"), Options.optional),
  dataset: text("dataset", "D", "a dataset folder, or a dataset in the ledger").pipe(Options.optional),
  db: dbOption,
  format: formatOption,
}

/** The options of `reckon add`, parsed. */
export type AddOptions = Command.Command.ParseConfig<typeof options>

export const addCommand = Command.make("add", options, lazyHandler(() => import("./add-run.js").then((m) => m.runAdd))).pipe(
  Command.withDescription("record one claim, exactly as an ingested record"))
