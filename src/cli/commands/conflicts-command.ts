import { Command } from "@effect/cli"
import { Effect } from "effect"
import { queryConflicts } from "../../query/query-conflicts.js"
import { writeRecords } from "../output.js"
import { conflictColumns } from "../record-views.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, ledgerDimensions, ledgerFor, metricOption, scopeOption } from "../shared-options.js"
import { figureFilterFrom } from "./figure-options.js"

export const conflictsCommand = Command.make("conflicts", {
  event: eventOption,
  metric: metricOption,
  scope: scopeOption,
  at: atOption,
  asOf: asOfOption,
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const conflicts = yield* queryConflicts(yield* figureFilterFrom(o))
    const columns = conflictColumns(o.format, yield* ledgerDimensions)
    yield* Effect.promise(() => writeRecords(conflicts, o.format, columns))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("every conflict, with the claims on each side"))
