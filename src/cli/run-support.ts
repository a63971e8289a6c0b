import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { Scope } from "../domain/scope.js"
import { vocabularyFrom } from "../domain/vocabulary.js"
import { utcIso } from "../ingest/utc-iso.js"
import { Ledger, resolveLedgerPath } from "../ledger/ledger.js"
import { ledgerLayer, type LedgerLayerOptions } from "../ledger/ledger-layer.js"
import { diagnosticLine, outputSettings } from "./output.js"
import { UsageError } from "./usage-error.js"

// What the commands' handlers (the `*-run.ts` modules) share; loaded with the first of them.

/** The dimension ids of the ledger's catalogs: the `scope.<dim>` columns of CSV output. */
export const ledgerDimensions = Effect.gen(function* () {
  return [...vocabularyFrom(yield* (yield* Ledger).declaredNames([])).dimensions.keys()]
})

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
    if (dataset !== undefined && !(yield* (yield* Ledger).declaredNames([])).datasets.includes(dataset)) {
      return yield* Effect.fail(new UsageError({ message: `--dataset ${dataset}: no such dataset in the ledger` }))
    }
    return dataset
  })

/**
 * `["location=belaya", "type=Tu-95"]` → `{ location: "belaya", type: "Tu-95" }`; absent when none
 * given. A dimension given twice is a usage error: a cell has one value per dimension, and keeping
 * the last would answer another question than the one asked.
 */
export const parseScopeArgs = (args: readonly string[]): Effect.Effect<Scope | undefined, UsageError> =>
  Effect.gen(function* () {
    if (args.length === 0) return undefined
    const scope = new Map<string, string>()
    for (const a of args) {
      const i = a.indexOf("=")
      if (i <= 0 || i === a.length - 1) return yield* Effect.fail(new UsageError({ message: `--scope ${a}: expected dim=value` }))
      const dim = a.slice(0, i)
      const earlier = scope.get(dim)
      if (earlier !== undefined) {
        return yield* Effect.fail(new UsageError({ message: `--scope ${a}: ${dim} is already ${earlier}; give each dimension once` }))
      }
      scope.set(dim, a.slice(i + 1))
    }
    return Object.fromEntries(scope)
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
/** A summary line for stderr (what was read, what was reconciled): inert, and silenced by `--quiet`. */
export const printInfo = (text: string) => (outputSettings.quiet ? Effect.void : printErr(text))
/** Writes a block already rendered by the output module (a table) to stderr, as it is. */
export const printErrBlock = (text: string) => Effect.sync(() => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`))

/** Sets the exit code without ending the program (SPEC §6: 1 when the work found a problem). */
export const setExitCode = (code: number) => Effect.sync(() => {
  process.exitCode = Math.max(Number(process.exitCode ?? 0), code)
})
