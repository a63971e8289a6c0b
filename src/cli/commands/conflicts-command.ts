import { Command } from "@effect/cli"
import { Effect } from "effect"
import { queryConflicts } from "../../query/query-conflicts.js"
import { checkNames } from "../check-names.js"
import { listOptions, writeList } from "../list-options.js"
import { CONFLICT_SORT_FIELDS, conflictColumns } from "../record-views.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, ledgerDimensions, ledgerFor, metricOption, scopeOption } from "../shared-options.js"
import { figureFilterFrom } from "./figure-options.js"

export const conflictsCommand = Command.make("conflicts", {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  ...listOptions,
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const conflicts = yield* queryConflicts(yield* checkNames(yield* figureFilterFrom(o)))
    yield* writeList(conflicts, o, conflictColumns(o.format, yield* ledgerDimensions), CONFLICT_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("every conflict, with the claims on each side"))
