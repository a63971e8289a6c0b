import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import type { Figure } from "../../domain/figure.js"
import { queryFigures } from "../../query/query-figures.js"
import { bestText, rangeText, renderRecords } from "../output.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, ledgerFor, metricOption, printOut, scopeOption } from "../shared-options.js"
import { scopeText } from "./claims-command.js"
import { figureFilterFrom } from "./figure-options.js"

/** The SPEC §6 JSON shape of a figure; the explanation is `reckon explain`'s to print. */
export const figureJson = ({ explanation: _e, ...f }: Figure) => f

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
    yield* printOut(renderRecords(figures.map(figureJson), o.format, [
      { header: "event", value: (f) => f.event },
      { header: "metric", value: (f) => f.metric },
      { header: "scope", value: (f) => scopeText(f.scope) },
      { header: "at", value: (f) => f.at },
      { header: "status", value: (f) => f.status },
      { header: "range", value: (f) => rangeText(f.range) },
      { header: "best", value: (f) => (o.format === "table" ? bestText(f) : f.best) },
      { header: "voices", value: (f) => f.voices },
      { header: "conflicts", value: (f) => f.conflicts.length },
    ]))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("reconciled figures: consensus range, best estimate, status"))
