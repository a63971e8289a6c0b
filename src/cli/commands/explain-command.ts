import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { computeFigures, queryFigures } from "../../query/query-figures.js"
import { bestText, inert, rangeText, renderRecords } from "../output.js"
import { asOfOption, atOption, dbOption, formatOption, ledgerFor, printOut, scopeOption } from "../shared-options.js"
import { UsageError } from "../usage-error.js"
import { scopeText } from "./claims-command.js"
import { figureFilterFrom } from "./figure-options.js"

export const explainCommand = Command.make("explain", {
  event: Options.text("event").pipe(Options.withDescription("the event")),
  metric: Options.text("metric").pipe(Options.withDescription("the metric")),
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const filter = yield* figureFilterFrom({ ...o, event: Option.some(o.event), metric: Option.some(o.metric), scope: o.scope })
    // Explanations are not stored with the materialized figures: reconcile this one component again,
    // at the valid time `figures` shows when none is asked for (a tally's latest date).
    const cell = { ...filter, scope: filter.scope ?? {} }
    const at = cell.at ?? (cell.asOf === undefined ? (yield* queryFigures(cell))[0]?.at ?? undefined : undefined)
    const figures = yield* computeFigures({ ...cell, at })
    const figure = figures[0]
    if (!figure) {
      return yield* Effect.fail(new UsageError({ message: `no figure for ${o.event} ${o.metric} ${scopeText(filter.scope ?? {})}: no claims and no relations bound it` }))
    }
    if (o.format !== "table") {
      yield* printOut(renderRecords([figure], o.format, [{ header: "explanation", value: (f) => f.explanation.join(" ") }]))
      return
    }
    const head = `${figure.event} ${figure.metric} ${scopeText(figure.scope)}${figure.at ? ` at ${figure.at}` : ""}: ` +
      `${figure.status}, range ${rangeText(figure.range) || "none"}, best ${figure.best ?? (figure.best_candidates.length > 0 ? `none (${bestText(figure)})` : "none")}\n\n`
    yield* printOut(inert(head.trimEnd()) + "\n\n" + figure.explanation.map((s) => `  ${inert(s)}\n`).join("") + "\n")
    yield* printOut(renderRecords(figure.claims, "table", [
      { header: "claim", value: (c) => c.id },
      { header: "role", value: (c) => c.role },
      { header: "source", value: (c) => c.source },
      { header: "via", value: (c) => c.via },
      { header: "value", value: (c) => c.value },
      { header: "interval", value: (c) => rangeText(c) },
      { header: "weight", value: (c) => c.weight },
      { header: "quote / url", value: (c) => c.quote ?? c.url },
    ]))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("how a figure was reached: voices, weights, exclusions, relations, provenance"))

