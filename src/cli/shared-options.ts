import * as Options from "@effect/cli/Options"
import * as Option from "effect/Option"
import { OUTPUT_FORMATS, type OutputFormat } from "./output.js"

// Option definitions only: every command's `*-command.ts` imports this at start-up, so it must not
// import what a command's work needs (the ledger, the parsers); those helpers are in run-support.ts.

/** `--db PATH`, else `$RECKON_DB`, else `./reckon.db`. */
export const dbOption = Options.text("db").pipe(
  Options.withDescription("the ledger: a SQLite file or a postgres:// URL (default: $RECKON_DB)"),
  Options.optional,
)

export const formatOption = Options.choice("format", OUTPUT_FORMATS).pipe(
  Options.withDescription("how records are printed"),
  Options.withDefault<OutputFormat>("table"),
)

export const eventOption = Options.text("event").pipe(Options.withPseudoName("EVENT"), Options.withDescription("only this event"), Options.optional)
export const metricOption = Options.text("metric").pipe(Options.withPseudoName("METRIC"), Options.withDescription("only this metric"), Options.optional)
export const scopeOption = Options.text("scope").pipe(
  Options.withPseudoName("DIM=VALUE"),
  Options.withDescription("the exact cell, one per dimension (one left out: all)"),
  Options.repeated,
)
export const atOption = Options.text("at").pipe(Options.withPseudoName("TIME"), Options.withDescription("valid time (ISO date)"), Options.optional)
export const asOfOption = Options.text("as-of").pipe(Options.withPseudoName("TIME"), Options.withDescription("count only claims stated by this time"), Options.optional)

/** `--limit N`: a whole number, 0 or more (`--limit -1` is a usage error, not "no rows"). */
export const limitOption = (description: string) => Options.integer("limit").pipe(
  Options.withPseudoName("N"),
  Options.withDescription(description),
  Options.filterMap((n) => (n >= 0 ? Option.some(n) : Option.none()), "--limit must be a whole number, 0 or more"),
)

/** The options of every list: `--limit N`, `--offset N`, `--sort FIELD[:desc]`. */
export const listOptions = {
  limit: limitOption("at most this many (on a terminal a table shows a screenful by default)").pipe(Options.optional),
  offset: Options.integer("offset").pipe(
    Options.withPseudoName("N"),
    Options.withDescription("skip this many first"),
    Options.filterMap((n) => (n >= 0 ? Option.some(n) : Option.none()), "--offset must be a whole number, 0 or more"),
    Options.optional,
  ),
  sort: Options.text("sort").pipe(Options.withPseudoName("FIELD[:desc]"), Options.withDescription("order by this field (a JSON name)"), Options.optional),
}
