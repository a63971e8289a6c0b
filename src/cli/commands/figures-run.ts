import * as Effect from "effect/Effect"
import { queryFigures } from "../../query/query-figures.js"
import { checkNames } from "../check-names.js"
import { writeList } from "../list-options.js"
import { FIGURE_SORT_FIELDS, figureColumns, figureView } from "../record-views.js"
import { ledgerDimensions, ledgerFor } from "../run-support.js"
import type { FiguresArgs } from "./figures-command.js"
import { figureFilterFrom } from "./figure-options.js"

/** `reckon figures`: the reconciled figures of the cells asked for, as a list. */
export const runFigures = (o: FiguresArgs) =>
  Effect.gen(function* () {
    const figures = yield* queryFigures(yield* checkNames(yield* figureFilterFrom(o)))
    yield* writeList(figures.map(figureView), o, figureColumns(o.format, yield* ledgerDimensions), FIGURE_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false })))
