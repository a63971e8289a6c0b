import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type { Scope } from "../../domain/scope.js"
import { dbOption, formatOption, ledgerFor, parseScopeArgs, scopeOption } from "../shared-options.js"
import { datasetOf, runIngest } from "./ingest-command.js"

/** How a claim recorded from the command line is named in messages and in the ledger's `file` column. */
export const ADD_NAME = "<add>"

const text = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description))

/** What `reckon add` was given, before it is a record. */
export interface AddArgs {
  readonly id?: string | undefined
  readonly event: string
  readonly metric: string
  readonly source: string
  readonly value: string
  readonly scope?: Scope | undefined
  readonly via?: string | undefined
  readonly certainty?: string | undefined
  readonly quote?: string | undefined
  readonly url?: string | undefined
  readonly stated?: string | undefined
  readonly at?: string | undefined
  readonly supersedes?: string | undefined
}

/**
 * The claim record (SPEC §2.2) of `reckon add`'s options, exactly as a line of a claim file would
 * hold it: fields not given are left out (an id is then derived from the content, as for a file),
 * `--via a,b` (or `a>b`) is the chain nearest to the origin first. Nothing is checked here: the
 * record goes through ingest's own validation.
 */
export const addRecord = (a: AddArgs): Record<string, unknown> => {
  const via = a.via?.split(/[,>]/).map((s) => s.trim()).filter((s) => s !== "")
  const record: Record<string, unknown> = {
    id: a.id, event: a.event, metric: a.metric, source: a.source, value: a.value,
    scope: a.scope, via: via !== undefined && via.length > 0 ? via : undefined, certainty: a.certainty,
    quote: a.quote, url: a.url, stated: a.stated, at: a.at, supersedes: a.supersedes,
  }
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined))
}

export const addCommand = Command.make("add", {
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
}, (o) =>
  Effect.scoped(Effect.gen(function* () {
    const record = addRecord({
      event: o.event, metric: o.metric, source: o.source, value: o.value, scope: yield* parseScopeArgs(o.scope),
      ...Object.fromEntries((["via", "quote", "url", "stated", "at", "certainty"] as const)
        .map((k) => [k, Option.getOrUndefined(o[k])])),
    })
    const dataset = yield* datasetOf(Option.getOrUndefined(o.dataset))
    const dir = yield* Effect.acquireRelease(
      Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-add-"))),
      (d) => Effect.sync(() => fs.rmSync(d, { recursive: true, force: true })),
    )
    const file = path.join(dir, "add.ndjson")
    fs.writeFileSync(file, `${JSON.stringify(record)}\n`)
    yield* runIngest([file], { ...dataset, displayNames: new Map([[file, ADD_NAME]]) }, o.format)
  })).pipe(Effect.provide(ledgerFor(o.db, { reconcileOnOpen: false }))),
).pipe(Command.withDescription("record one claim, exactly as an ingested record"))
