import { Command } from "@effect/cli"
import { Effect } from "effect"
import { Ledger } from "../../ledger/ledger.js"
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
    const handle = yield* Ledger
    const conflicts = queryConflicts(handle, yield* figureFilterFrom(o))
    yield* Effect.promise(() => writeRecords(conflicts, o.format, conflictColumns(o.format, ledgerDimensions(handle))))
  }).pipe(Effect.provide(ledgerFor(o.db))),
).pipe(Command.withDescription("every conflict, with the claims on each side"))
