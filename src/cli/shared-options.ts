import { Options } from "@effect/cli"
import { Effect, Option } from "effect"
import type { Scope } from "../domain/scope.js"
import { utcIso } from "../ingest/record-schema.js"
import { Ledger, resolveLedgerPath } from "../ledger/ledger.js"
import { ledgerLayer, type LedgerLayerOptions } from "../ledger/ledger-layer.js"
import { diagnosticLine, OUTPUT_FORMATS, type OutputFormat } from "./output.js"
import { UsageError } from "./usage-error.js"

/** `--db PATH`, else `$RECKON_DB`, else `./reckon.db`. */
export const dbOption = Options.text("db").pipe(
  Options.withDescription("the ledger file (default: $RECKON_DB, else ./reckon.db)"),
  Options.optional,
)

export const formatOption = Options.choice("format", OUTPUT_FORMATS).pipe(
  Options.withDescription("how records are printed"),
  Options.withDefault<OutputFormat>("table"),
)

export const eventOption = Options.text("event").pipe(Options.withDescription("only this event"), Options.optional)
export const metricOption = Options.text("metric").pipe(Options.withDescription("only this metric"), Options.optional)
export const scopeOption = Options.text("scope").pipe(
  Options.withDescription("dim=value, repeatable: the exact cell scope (leave out a dimension for \"all\")"),
  Options.repeated,
)
export const atOption = Options.text("at").pipe(Options.withDescription("valid time (ISO date)"), Options.optional)
export const asOfOption = Options.text("as-of").pipe(Options.withDescription("count only claims stated by this time"), Options.optional)

/** `--limit N`: a whole number, 0 or more (`--limit -1` is a usage error, not "no rows"). */
export const limitOption = (description: string) => Options.integer("limit").pipe(
  Options.withDescription(description),
  Options.filterMap((n) => (n >= 0 ? Option.some(n) : Option.none()), "--limit must be a whole number, 0 or more"),
)

/**
 * The ledger layer for the `--db` option of a command; `writer: false` for commands that only
 * read (they still recover what a killed command left, when no other process is writing).
 */
export const ledgerFor = (db: Option.Option<string>, options: LedgerLayerOptions = {}) =>
  ledgerLayer(resolveLedgerPath(Option.getOrUndefined(db)), options)

/** `--dataset NAME` of a command that works on the ledger's datasets: the name, checked to be one of them. */
export const datasetInLedger = (option: Option.Option<string>) =>
  Effect.gen(function* () {
    const dataset = Option.getOrUndefined(option)
    if (dataset !== undefined && !(yield* (yield* Ledger).catalogs).some((c) => c.name === dataset)) {
      return yield* Effect.fail(new UsageError({ message: `--dataset ${dataset}: no such dataset in the ledger` }))
    }
    return dataset
  })

/** `["location=belaya", "type=Tu-95"]` → `{ location: "belaya", type: "Tu-95" }`; absent when none given. */
export const parseScopeArgs = (args: readonly string[]): Effect.Effect<Scope | undefined, UsageError> =>
  Effect.gen(function* () {
    if (args.length === 0) return undefined
    const scope: Record<string, string> = {}
    for (const a of args) {
      const i = a.indexOf("=")
      if (i <= 0 || i === a.length - 1) return yield* Effect.fail(new UsageError({ message: `--scope ${a}: expected dim=value` }))
      scope[a.slice(0, i)] = a.slice(i + 1)
    }
    return scope
  })

/** Checks an ISO date/datetime option. */
export const parseTimeOption = (name: string, value: Option.Option<string>): Effect.Effect<string | undefined, UsageError> => {
  const v = Option.getOrUndefined(value)
  if (v === undefined) return Effect.succeed(undefined)
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) {
    return Effect.fail(new UsageError({ message: `--${name} ${v}: expected an ISO date (YYYY-MM-DD) or datetime` }))
  }
  const utc = v.length === 10 ? v : utcIso(v)
  if (utc === null) return Effect.fail(new UsageError({ message: `--${name} ${v}: outside the years 0000-9999 once converted to UTC` }))
  return Effect.succeed(utc)
}

/** Writes data to stdout (logs and progress go to stderr). */
export const printOut = (text: string) => Effect.sync(() => void process.stdout.write(text))
/** Writes one diagnostic line to stderr, `inert` (data in it cannot start a line of its own). */
export const printErr = (text: string) => Effect.sync(() => void process.stderr.write(diagnosticLine(text.endsWith("\n") ? text.slice(0, -1) : text)))
/** Writes a block already rendered by the output module (a table) to stderr, as it is. */
export const printErrBlock = (text: string) => Effect.sync(() => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`))

/** Sets the exit code without ending the program (SPEC §6: 1 when the work found a problem). */
export const setExitCode = (code: number) => Effect.sync(() => {
  process.exitCode = Math.max(Number(process.exitCode ?? 0), code)
})
