import { Command } from "@effect/cli"
import { Effect } from "effect"
import { Ledger } from "../../ledger/ledger.js"
import { querySources } from "../../query/query-sources.js"
import { renderRecords } from "../output.js"
import { dbOption, formatOption, ledgerFor, printOut } from "../shared-options.js"

export const sourcesCommand = Command.make("sources", { db: dbOption, format: formatOption }, ({ db, format }) =>
  Effect.gen(function* () {
    const handle = yield* Ledger
    yield* printOut(renderRecords(querySources(handle), format, [
      { header: "id", value: (s) => s.id },
      { header: "name", value: (s) => s.name },
      { header: "kind", value: (s) => s.kind },
      { header: "side", value: (s) => s.side },
      { header: "aliases", value: (s) => s.aliases.join(", ") },
      { header: "prior weight", value: (s) => s.weight },
      { header: "learned weight", value: (s) => s.learned },
      { header: "claims", value: (s) => s.claims },
      { header: "relayed", value: (s) => s.relayed },
    ]))
  }).pipe(Effect.provide(ledgerFor(db))),
).pipe(Command.withDescription("the sources in the ledger, their weights and claims"))
