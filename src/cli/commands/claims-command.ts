import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
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
    const scope = yield* parseScopeArgs(o.scope)
    const claims = yield* queryClaims({
      event: Option.getOrUndefined(o.event), metric: Option.getOrUndefined(o.metric), scope,
      source: Option.getOrUndefined(o.source), dataset: Option.getOrUndefined(o.dataset), limit: Option.getOrUndefined(o.limit),
    })
    const columns = claimColumns(o.format, yield* ledgerDimensions)
    yield* Effect.promise(() => writeRecords(claims.map(claimView), o.format, columns))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("the claims stored in the ledger, with their quote and url"))
