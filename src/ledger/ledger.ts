import type Database from "better-sqlite3"
import { Context, Effect, Layer } from "effect"
import type { Kysely } from "kysely"
import { Migrator } from "kysely"
import * as fs from "node:fs"
import * as path from "node:path"
import { LedgerError } from "./ledger-error.js"
import { migrationProvider } from "./migrations.js"
import type { Schema } from "./schema.js"
import { kyselyFor, openSqlite } from "./sqlite-dialect.js"

/** An open ledger: the kysely handle for queries, the raw driver for hot prepared statements. */
export interface LedgerHandle {
  readonly path: string
  readonly sqlite: Database.Database
  readonly db: Kysely<Schema>
}

/** The ledger service: one open SQLite ledger per process, migrated on open. */
export class Ledger extends Context.Tag("reckon/Ledger")<Ledger, LedgerHandle>() {}

/** Applies every pending migration; returns the names applied now. */
export const migrateLedger = (handle: LedgerHandle): Effect.Effect<string[], LedgerError> =>
  Effect.tryPromise({
    try: async () => {
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider })
      const { error, results } = await migrator.migrateToLatest()
      if (error) throw error
      return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
    },
    catch: (e) => new LedgerError({ path: handle.path, message: `migration failed: ${messageOf(e)}` }),
  })

/** Opens (creating if needed) and migrates the ledger at `file`. */
export const openLedger = (file: string): Effect.Effect<LedgerHandle, LedgerError> =>
  Effect.gen(function* () {
    const dir = path.dirname(path.resolve(file))
    if (!fs.existsSync(dir)) {
      return yield* Effect.fail(new LedgerError({ path: file, message: `folder ${dir} does not exist` }))
    }
    const sqlite = yield* Effect.try({
      try: () => openSqlite(file),
      catch: (e) => new LedgerError({ path: file, message: `cannot open the ledger: ${messageOf(e)}` }),
    })
    const handle: LedgerHandle = { path: file, sqlite, db: kyselyFor(sqlite) }
    yield* migrateLedger(handle).pipe(Effect.tapError(() => Effect.sync(() => sqlite.close())))
    return handle
  })

export const closeLedger = (handle: LedgerHandle): Effect.Effect<void> =>
  Effect.sync(() => {
    if (handle.sqlite.open) handle.sqlite.close()
  })

/** A layer that opens the ledger for the lifetime of the program and closes it at the end. */
export const ledgerLayer = (file: string): Layer.Layer<Ledger, LedgerError> =>
  Layer.scoped(Ledger, Effect.acquireRelease(openLedger(file), closeLedger))

/** Which ledger file a command uses: `--db`, else `$RECKON_DB`, else `./reckon.db` (SPEC §6). */
export const resolveLedgerPath = (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string =>
  flag ?? env["RECKON_DB"] ?? "reckon.db"

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))
