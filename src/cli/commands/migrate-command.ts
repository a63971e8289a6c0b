import { Command } from "@effect/cli"
import { Effect, Option } from "effect"
import { closeLedger, openLedger, resolveLedgerPath } from "../../ledger/ledger.js"
import { migrations } from "../../ledger/migrations.js"
import { dbOption, printOut } from "../shared-options.js"

export const migrateCommand = Command.make("migrate", { db: dbOption }, ({ db }) =>
  Effect.gen(function* () {
    const file = resolveLedgerPath(Option.getOrUndefined(db))
    // Opening applies pending migrations (SPEC §5); say which schema the ledger is at now.
    const handle = yield* openLedger(file)
    yield* closeLedger(handle)
    const names = Object.keys(migrations)
    yield* printOut(`${file}: schema up to date (${names.length} migration${names.length === 1 ? "" : "s"}, latest ${names[names.length - 1]})\n`)
  }),
).pipe(Command.withDescription("bring the ledger's schema up to date"))
