/**
 * Everything SQLite-specific lives here, so that a PostgreSQL ledger (on the roadmap) replaces one
 * file: connection settings, and the few statements kysely cannot express portably.
 */
import Database from "better-sqlite3"
import { Kysely, SqliteDialect } from "kysely"
import type { Schema } from "./schema.js"

/** How long a writer waits for another process's transaction before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000

/**
 * Opens the SQLite file with the settings every reckon process uses (and the benchmark's raw
 * baseline too): WAL so readers never block the writer, a busy timeout so two processes on one
 * ledger wait instead of failing, and synchronous=NORMAL, which in WAL mode survives a killed
 * process (only an OS crash can lose the last commits).
 */
export const openSqlite = (path: string): Database.Database => {
  const sqlite = new Database(path)
  applyPragmas(sqlite)
  return sqlite
}

export const applyPragmas = (sqlite: Database.Database): void => {
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  sqlite.pragma("synchronous = NORMAL")
  // 32 MB: the file is in the OS page cache anyway, and a bigger cache only raised peak RSS
  // (100k-record ingest: 285 MB at 64 MB, 242 MB at 16 MB, same time).
  sqlite.pragma("cache_size = -32768")
  sqlite.pragma("temp_store = MEMORY")
}

export const kyselyFor = (sqlite: Database.Database): Kysely<Schema> =>
  new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) })

/** Whether an error thrown by the driver is a lock timeout worth retrying. */
export const isBusyError = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error &&
  typeof (error as { code: unknown }).code === "string" &&
  (error as { code: string }).code.startsWith("SQLITE_BUSY")

/** `INSERT OR IGNORE` in SQLite; `ON CONFLICT DO NOTHING` elsewhere. */
export const insertOrIgnore = "INSERT OR IGNORE"
