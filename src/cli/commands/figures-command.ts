import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { queryFigures } from "../../query/query-figures.js"
import { checkNames } from "../check-names.js"
import { listOptions, writeList } from "../list-options.js"
import { FIGURE_SORT_FIELDS, figureColumns, figureView } from "../record-views.js"
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
  ...listOptions,
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const figures = yield* queryFigures(yield* checkNames(yield* figureFilterFrom(o)))
    yield* writeList(figures.map(figureView), o, figureColumns(o.format, yield* ledgerDimensions), FIGURE_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("reconciled figures: consensus range, best estimate, status"))
