import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Ledger, resolveLedgerPath } from "../../ledger/ledger.js"
import { migrations } from "../../ledger/migrations.js"
import { ledgerFor, printOut } from "../run-support.js"
import type { MigrateArgs } from "./migrate-command.js"

/** `reckon migrate`: opening applies pending migrations (SPEC §5); says which schema the ledger is at now. */
export const runMigrate = ({ db }: MigrateArgs) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const names = Object.keys(migrations)
    const now = ledger.migrated.length > 0 ? `applied ${ledger.migrated.join(", ")}; ` : ""
    yield* printOut(`${resolveLedgerPath(Option.getOrUndefined(db))}: schema up to date (${now}${names.length} migration${names.length === 1 ? "" : "s"}, latest ${names[names.length - 1]})\n`)
  }).pipe(Effect.provide(ledgerFor(db, { writer: false, create: true })))
