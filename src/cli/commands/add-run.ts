import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type { Scope } from "../../domain/scope.js"
import { ledgerFor, parseScopeArgs } from "../run-support.js"
import type { AddOptions } from "./add-command.js"
import { datasetOf, runIngest } from "./ingest-run.js"

/** How a claim recorded from the command line is named in messages and in the ledger's `file` column. */
export const ADD_NAME = "<add>"

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

/** `reckon add`: the claim written to a scratch claim file and ingested exactly as a file's record. */
export const runAdd = (o: AddOptions) =>
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
  })).pipe(Effect.provide(ledgerFor(o.db, { reconcileOnOpen: false })))
