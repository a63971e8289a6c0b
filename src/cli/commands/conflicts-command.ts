import { Command } from "@effect/cli"
import { Effect } from "effect"
import { queryConflicts } from "../../query/query-conflicts.js"
import { renderRecords } from "../output.js"
import { asOfOption, atOption, dbOption, eventOption, formatOption, ledgerFor, metricOption, printOut, scopeOption } from "../shared-options.js"
import { scopeText } from "./claims-command.js"
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
    yield* printOut(renderRecords(conflicts, o.format, [
      { header: "event", value: (c) => c.event },
      { header: "metric", value: (c) => c.metric },
      { header: "scope", value: (c) => scopeText(c.scope) },
      { header: "at", value: (c) => c.at },
      { header: "kind", value: (c) => c.kind },
      { header: "claims", value: (c) => c.claims.join(", ") },
      { header: "against", value: (c) => c.against.join(", ") },
      { header: "reason", value: (c) => c.reason },
    ]))
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false }))),
).pipe(Command.withDescription("every conflict, with the claims on each side"))
