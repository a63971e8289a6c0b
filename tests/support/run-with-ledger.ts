import Database from "better-sqlite3"
import { Effect } from "effect"
import { Ledger, type LedgerService } from "../../src/ledger/ledger.js"
import { ledgerLayer } from "../../src/ledger/ledger-layer.js"

/** Runs an effect that needs the ledger against a real SQLite file, closing it afterwards. */
export const runWithLedger = <A, E>(file: string, effect: Effect.Effect<A, E, Ledger>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.provide(ledgerLayer(file))))

/** Runs a ledger method (or several) on an open ledger. */
export const withLedger = <A, E>(file: string, f: (ledger: LedgerService) => Effect.Effect<A, E>): Promise<A> =>
  runWithLedger(file, Effect.flatMap(Ledger, f))

/**
 * A read-only SQL query on a SQLite ledger file, through a connection of its own (as `sqlite3` or
 * another process would read it): the tests check the ledger's tables as a user sees them.
 */
export const query = <T>(db: string, sql: string, ...params: unknown[]): T[] => {
  const conn = new Database(db, { readonly: true, fileMustExist: true })
  conn.pragma("busy_timeout = 5000")
  try {
    return conn.prepare(sql).all(...params) as T[]
  } finally {
    conn.close()
  }
}

/** The first column of the first row of a query (a count). */
export const scalar = (db: string, sql: string, ...params: unknown[]): number =>
  Object.values(query<Record<string, number>>(db, sql, ...params)[0] ?? { n: 0 })[0] ?? 0

/** A SQL statement that writes (a test arranging a state, e.g. an expired lease). */
export const execute = (db: string, sql: string, ...params: unknown[]): void => {
  const conn = new Database(db, { fileMustExist: true })
  conn.pragma("busy_timeout = 5000")
  try {
    conn.prepare(sql).run(...params)
  } finally {
    conn.close()
  }
}
