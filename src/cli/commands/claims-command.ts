import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { CLAIM_SORT_FIELDS } from "../../ledger/ledger-rows.js"
import { countClaims, streamClaims } from "../../query/query-claims.js"
import { checkNames } from "../check-names.js"
import { effectiveLimit, listOptions, parseSort, writeStream } from "../list-options.js"
import { claimColumns } from "../record-views.js"
import { dbOption, eventOption, formatOption, ledgerDimensions, ledgerFor, metricOption, parseScopeArgs, scopeOption } from "../shared-options.js"

export const claimsCommand = Command.make("claims", {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  source: Options.text("source").pipe(Options.withPseudoName("SOURCE"), Options.withDescription("only claims whose origin is this source"), Options.optional),
  dataset: Options.text("dataset").pipe(Options.withPseudoName("NAME"), Options.withDescription("only this dataset (by name)"), Options.optional),
  ...listOptions,
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const names = yield* checkNames({
      event: Option.getOrUndefined(o.event), metric: Option.getOrUndefined(o.metric), scope: yield* parseScopeArgs(o.scope),
      source: Option.getOrUndefined(o.source), dataset: Option.getOrUndefined(o.dataset),
    })
    const sort = yield* parseSort(Option.getOrUndefined(o.sort), CLAIM_SORT_FIELDS)
    const offset = Option.getOrUndefined(o.offset)
    const { limit, defaulted } = effectiveLimit(o)
    const filter = { ...names, limit, offset, sort }
    const columns = claimColumns(o.format, yield* ledgerDimensions)
    // Streamed from the ledger: the first rows print at once on a ledger of millions, and `| head` ends it.
    yield* writeStream(streamClaims(filter), o.format, columns, defaulted && limit !== undefined
      ? { shown: limit, count: Effect.map(countClaims(filter), (n) => n - (offset ?? 0)) }
      : undefined)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("the claims stored in the ledger, with their quote and url"))
