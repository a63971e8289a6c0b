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

/**
 * 16 MB: the file is in the OS page cache anyway, and a bigger cache only raised peak RSS (1M-record
 * ingest: 247 MB at 32 MB, 235 MB at 16 MB, 66.8 s against 69.1 s; a full reconcile of 1M as fast).
 */
const CACHE_KIB = 16 * 1024

export const applyPragmas = (sqlite: Database.Database): void => {
  // First: a new file switched to WAL by two processes at once must wait, not fail.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("synchronous = NORMAL")
  sqlite.pragma(`cache_size = -${CACHE_KIB}`)
  sqlite.pragma("temp_store = MEMORY")
}

/**
 * The page cache while a catalog is stored. Its rows are written once, in bulk, and the file is in
 * the OS page cache anyway: with the full cache a 100k-event catalog (16 MB of rows and indexes)
 * kept ~10 MB more resident (127–130 MB against 135–140 MB), at the same speed (1.5–2.2 s either way).
 */
const BULK_CACHE_KIB = 2 * 1024

/** Runs `f` with the small page cache of a one-off bulk write; the cache it had is back afterwards. */
export const withBulkCache = <A>(sqlite: Database.Database, f: () => A): A => {
  const before = sqlite.pragma("cache_size", { simple: true }) as number
  sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`)
  try {
    return f()
  } finally {
    sqlite.pragma(`cache_size = ${before}`)
  }
}

/** Kysely on the connection: it builds (and compiles) every query, and runs the migrations. */
export const kyselyFor = (sqlite: Database.Database): Kysely<Schema> =>
  new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) })
