import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { Ledger } from "../../ledger/ledger.js"
import { queryClaims } from "../../query/query-claims.js"
import { writeRecords } from "../output.js"
import { claimColumns, claimView } from "../record-views.js"
import {
  dbOption, eventOption, formatOption, ledgerDimensions, ledgerFor, limitOption, metricOption, parseScopeArgs, scopeOption,
} from "../shared-options.js"

export const claimsCommand = Command.make("claims", {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  source: Options.text("source").pipe(Options.withDescription("only claims whose origin is this source"), Options.optional),
  dataset: Options.text("dataset").pipe(Options.withDescription("only this dataset (by name)"), Options.optional),
  limit: limitOption("at most this many").pipe(Options.optional),
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const handle = yield* Ledger
    const scope = yield* parseScopeArgs(o.scope)
    const claims = queryClaims(handle, {
      event: Option.getOrUndefined(o.event), metric: Option.getOrUndefined(o.metric), scope,
      source: Option.getOrUndefined(o.source), dataset: Option.getOrUndefined(o.dataset), limit: Option.getOrUndefined(o.limit),
    })
    yield* Effect.promise(() => writeRecords(claims.map(claimView), o.format, claimColumns(o.format, ledgerDimensions(handle))))
  }).pipe(Effect.provide(ledgerFor(o.db))),
).pipe(Command.withDescription("the claims stored in the ledger, with their quote and url"))
