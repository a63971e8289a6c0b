import * as Data from "effect/Data"

/**
 * The ledger could not be opened, migrated, read or written. `retryable`: the ledger was busy
 * (another writer held it longer than the driver waits, a serialization failure, a deadlock), so
 * the same unit of work may succeed when tried again; anything else is final.
 */
export class LedgerError extends Data.TaggedError("LedgerError")<{
  readonly path: string
  readonly message: string
  readonly retryable: boolean
}> {}

/** SQLite: the database is locked by another connection (the busy timeout ran out) or a table is locked. */
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/
/**
 * PostgreSQL SQLSTATEs a retry can cure: serialization failure, deadlock, lock not available,
 * and a connection dropped by an administrator or a failover.
 */
const PG_RETRYABLE = new Set(["40001", "40P01", "55P03", "57P01", "08006", "08003"])

/**
 * The one place that decides whether a driver error is worth retrying (SQLite's busy codes,
 * PostgreSQL's SQLSTATEs above); every ledger implementation classifies its errors here.
 */
export const isRetryableCause = (e: unknown): boolean => {
  if (typeof e !== "object" || e === null || !("code" in e)) return false
  const code = (e as { code: unknown }).code
  if (typeof code !== "string") return false
  return SQLITE_BUSY.test(code) || PG_RETRYABLE.has(code)
}

/**
 * PostgreSQL: a schema dropped while a scan of the catalog read it — SQLSTATE 3F000 naming a
 * schema other than the ledger's own. Opening a ledger, kysely's migrator lists the tables of every
 * schema of the database, and another ledger's schema dropped meanwhile fails that scan though
 * nothing is wrong with this one: trying again succeeds.
 */
export const isOtherSchemaDropped = (e: unknown, schema: string): boolean =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "3F000" && !messageOf(e).includes(`"${schema}"`)

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * A LedgerError for a failed unit of work, classified by `isRetryableCause` (and, on PostgreSQL
 * with the ledger's `schema` given, `isOtherSchemaDropped`).
 */
export const ledgerError = (path: string, what: string, cause: unknown, schema?: string): LedgerError =>
  cause instanceof LedgerError
    ? cause
    : new LedgerError({
      path, message: `${what}: ${messageOf(cause)}`,
      retryable: isRetryableCause(cause) || (schema !== undefined && isOtherSchemaDropped(cause, schema)),
    })
