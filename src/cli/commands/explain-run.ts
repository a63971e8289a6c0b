import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { computeFigures, queryFigures } from "../../query/query-figures.js"
import { checkNames } from "../check-names.js"
import { bestText, inert, rangeText, renderRecords } from "../output.js"
import { scopeText } from "../record-views.js"
import { ledgerFor, printOut } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { ExplainArgs } from "./explain-command.js"
import { figureFilterFrom } from "./figure-options.js"

/** `reckon explain`: one figure reconciled again with its explanation, and the claims behind it. */
export const runExplain = (o: ExplainArgs) =>
  Effect.gen(function* () {
    const filter = yield* checkNames(yield* figureFilterFrom({ ...o, event: Option.some(o.event), metric: Option.some(o.metric), scope: o.scope }))
    // Explanations are not stored with the materialized figures: reconcile this one component again,
    // at the valid time `figures` shows when none is asked for (a tally's latest date).
    const cell = { ...filter, scope: filter.scope ?? {} }
    const at = cell.at ?? (cell.asOf === undefined ? (yield* queryFigures(cell))[0]?.at ?? undefined : undefined)
    const figures = yield* computeFigures({ ...cell, at })
    const figure = figures[0]
    if (!figure) {
      return yield* Effect.fail(new UsageError({ message: `no figure for ${[o.event, o.metric, scopeText(filter.scope ?? {})].filter((w) => w !== "").join(" ")}: no claims and no relations bound it` }))
    }
    if (o.format !== "table") {
      yield* printOut(renderRecords([figure], o.format, [{ header: "explanation", value: (f) => f.explanation.join(" ") }]))
      return
    }
    const head = `${[figure.event, figure.metric, scopeText(figure.scope)].filter((w) => w !== "").join(" ")}${figure.at ? ` at ${figure.at}` : ""}: ` +
      `${figure.status}, range ${rangeText(figure.range) || "none"}, best ${figure.best ?? (figure.best_candidates.length > 0 ? `none (${bestText(figure)})` : "none")}\n\n`
    yield* printOut(inert(head.trimEnd()) + "\n\n" + figure.explanation.map((s) => `  ${inert(s)}\n`).join("") + "\n")
    yield* printOut(renderRecords(figure.claims, "table", [
      { header: "id", value: (c) => c.id },
      { header: "role", value: (c) => c.role },
      { header: "source", value: (c) => c.source },
      { header: "via", value: (c) => c.via },
      { header: "value", value: (c) => c.value },
      { header: "interval", value: (c) => rangeText(c) },
      { header: "weight", value: (c) => c.weight },
      { header: "quote", value: (c) => c.quote },
      { header: "url", value: (c) => c.url },
    ]))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false })))
