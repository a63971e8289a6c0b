import Database from "better-sqlite3"
import { Kysely, SqliteDialect } from "kysely"
import type { Schema } from "../schema.js"

/** How long a writer waits for another process's transaction before SQLITE_BUSY (then `retryBusy` tries again). */
export const BUSY_TIMEOUT_MS = 10_000

/**
 * Opens the SQLite file with the settings every reckon process uses (and the benchmark's raw
 * baseline too): WAL so readers never block the writer, a busy timeout so two processes on one
 * ledger wait instead of failing, and synchronous=NORMAL, which in WAL mode survives a killed
 * process (only an OS crash can lose the last commits).
 */
export const openSqlite = (path: string): Database.Database => {
  const sqlite = new Database(path)
  try {
    applyPragmas(sqlite)
  } catch (e) {
    sqlite.close()
    throw e
  }
  return sqlite
}

export const applyPragmas = (sqlite: Database.Database): void => {
  // First: a new file switched to WAL by two processes at once must wait, not fail.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("synchronous = NORMAL")
  // 16 MB: the file is in the OS page cache anyway, and a bigger cache only raised peak RSS
  // (1M-record ingest: 247 MB at 32 MB, 235 MB at 16 MB, 66.8 s against 69.1 s; a full reconcile
  // of 1M as fast).
  sqlite.pragma("cache_size = -16384")
  sqlite.pragma("temp_store = MEMORY")
}

/** Kysely on the connection: it builds (and compiles) every query, and runs the migrations. */
export const kyselyFor = (sqlite: Database.Database): Kysely<Schema> =>
  new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) })
