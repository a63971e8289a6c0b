import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { queryFigures } from "../../query/query-figures.js"
import { writeRecords } from "../output.js"
import { figureColumns, figureView } from "../record-views.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, ledgerDimensions, ledgerFor, metricOption, scopeOption } from "../shared-options.js"
import { figureFilterFrom } from "./figure-options.js"

export const figuresCommand = Command.make("figures", {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  status: Options.choice("status", ["single-source", "consistent", "conflict", "derived", "no-data"]).pipe(
    Options.withDescription("only figures with this status"), Options.optional),
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const figures = yield* queryFigures(yield* figureFilterFrom(o))
    const columns = figureColumns(o.format, yield* ledgerDimensions)
    yield* Effect.promise(() => writeRecords(figures.map(figureView), o.format, columns))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("reconciled figures: consensus range, best estimate, status"))
