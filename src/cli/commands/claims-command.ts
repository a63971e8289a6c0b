import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { queryClaims } from "../../query/query-claims.js"
import { rangeText, renderRecords } from "../output.js"
import { dbOption, eventOption, formatOption, ledgerFor, limitOption, metricOption, parseScopeArgs, printOut, scopeOption } from "../shared-options.js"

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
    yield* printOut(renderRecords(claims, o.format, [
      { header: "id", value: (c) => c.id },
      { header: "event", value: (c) => c.event },
      { header: "metric", value: (c) => c.metric },
      { header: "scope", value: (c) => scopeText(c.scope) },
      { header: "source", value: (c) => c.source },
      { header: "via", value: (c) => c.via },
      { header: "value", value: (c) => c.value },
      { header: "interval", value: (c) => rangeText(c) },
      { header: "certainty", value: (c) => c.certainty },
      { header: "at", value: (c) => c.at },
      { header: "stated", value: (c) => c.stated },
    ]))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("the claims stored in the ledger"))

export const scopeText = (scope: Readonly<Record<string, string>>): string =>
  Object.keys(scope).length === 0 ? "all" : Object.keys(scope).sort().map((k) => `${k}=${scope[k]}`).join(" ")
