import { Command } from "@effect/cli"
import { Effect, Option } from "effect"
import { Ledger, resolveLedgerPath } from "../../ledger/ledger.js"
import { migrations } from "../../ledger/migrations.js"
import { dbOption, ledgerFor, printOut } from "../shared-options.js"

export const migrateCommand = Command.make("migrate", { db: dbOption }, ({ db }) =>
  Effect.gen(function* () {
    // Opening applies pending migrations (SPEC §5); say which schema the ledger is at now.
    const ledger = yield* Ledger
    const names = Object.keys(migrations)
    const now = ledger.migrated.length > 0 ? `applied ${ledger.migrated.join(", ")}; ` : ""
    yield* printOut(`${resolveLedgerPath(Option.getOrUndefined(db))}: schema up to date (${now}${names.length} migration${names.length === 1 ? "" : "s"}, latest ${names[names.length - 1]})\n`)
  }).pipe(Effect.provide(ledgerFor(db, { writer: false, create: true }))),
).pipe(Command.withDescription("bring the ledger's schema up to date"))
