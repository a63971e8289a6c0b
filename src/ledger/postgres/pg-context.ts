import type { CompiledQuery, Compilable, Kysely, RawBuilder } from "kysely"
import type { Pool, PoolClient } from "pg"
import type { Schema } from "../schema.js"
import type { PgDriver } from "./pg-driver.js"

/** What every PostgreSQL store works with: the pool, kysely to build queries, the driver, and who we are. */
export interface PgContext {
  readonly pool: Pool
  readonly db: Kysely<Schema>
  readonly driver: PgDriver
  readonly schema: string
  readonly location: string
  readonly holder: string
  /** Set once this process registered as a writer: every write transaction renews its lease. */
  writerLease: { readonly ttlMs: number; readonly started: string } | null
}

/** A query built with kysely: a query builder, or a `sql` template for what kysely cannot say (COPY staging, locks). */
export type Query = Compilable | RawBuilder<unknown>

/**
 * PostgreSQL's text cannot hold U+0000, which a record may (a JSON string "\u0000"): such
 * characters are stored as U+FFFF "0" and a real U+FFFF as U+FFFF U+FFFF, and turned back on
 * reading, so that what comes out is what went in, as on SQLite.
 */
const ESCAPE = "\uFFFF"
export const toPgText = (s: string): string =>
  s.indexOf("\u0000") < 0 && s.indexOf(ESCAPE) < 0 ? s : s.replace(/[\u0000\uFFFF]/g, (c) => (c === "\u0000" ? `${ESCAPE}0` : ESCAPE + ESCAPE))
export const fromPgText = (s: string): string =>
  s.indexOf(ESCAPE) < 0 ? s : s.replace(/\uFFFF([0\uFFFF])/g, (_, c: string) => (c === "0" ? "\u0000" : ESCAPE))

/** A parameter as PostgreSQL gets it (text escaped, booleans as 0/1 like SQLite's). */
export const toParam = (v: unknown): unknown =>
  typeof v === "string" ? toPgText(v)
  : typeof v === "boolean" ? (v ? 1 : 0)
  : Array.isArray(v) ? v.map(toParam)
  : v

/** A row as read, its text turned back (see `fromPgText`). */
export const fromRow = <R>(row: Record<string, unknown>): R => {
  for (const k in row) {
    const v = row[k]
    if (typeof v === "string" && v.indexOf(ESCAPE) >= 0) row[k] = fromPgText(v)
  }
  return row as R
}

/** Queries with at most this many parameters run as named prepared statements (planned once per connection). */
const PREPARE_UP_TO = 64
const statementNames = new Map<string, string>()
const statementName = (text: string): string => {
  let name = statementNames.get(text)
  if (name === undefined) statementNames.set(text, (name = `reckon_${statementNames.size}`))
  return name
}

/** One connection's view: run kysely-built queries on it. */
export interface Pg {
  readonly client: PoolClient
  readonly db: Kysely<Schema>
  rows<R>(q: Query): Promise<R[]>
  first<R>(q: Query): Promise<R | undefined>
  /** Runs a statement; returns how many rows it changed. */
  exec(q: Query): Promise<number>
}

const compile = (db: Kysely<Schema>, q: Query): CompiledQuery =>
  (q.compile as (executorProvider: Kysely<Schema>) => CompiledQuery).call(q, db)

const onClient = (client: PoolClient, db: Kysely<Schema>): Pg => {
  const run = async (q: Query) => {
    const c = compile(db, q)
    const values = c.parameters.map(toParam)
    return client.query(values.length <= PREPARE_UP_TO ? { name: statementName(c.sql), text: c.sql, values } : { text: c.sql, values })
  }
  return {
    client,
    db,
    rows: async <R>(q: Query) => (await run(q)).rows.map((r) => fromRow<R>(r as Record<string, unknown>)),
    first: async <R>(q: Query) => {
      const r = (await run(q)).rows[0] as Record<string, unknown> | undefined
      return r === undefined ? undefined : fromRow<R>(r)
    },
    exec: async (q: Query) => (await run(q)).rowCount ?? 0,
  }
}

/** Whether an error left the connection unusable (not an error PostgreSQL reported on a working session). */
const brokenConnection = (e: unknown): boolean =>
  !(typeof e === "object" && e !== null && "severity" in e && typeof (e as { code?: unknown }).code === "string")

/** Runs `f` on a connection of the pool, outside a transaction (each statement commits by itself). */
export const withConnection = async <A>(ctx: PgContext, f: (pg: Pg) => Promise<A>): Promise<A> => {
  const client = await ctx.pool.connect()
  let failure: unknown = undefined
  try {
    return await f(onClient(client, ctx.db))
  } catch (e) {
    failure = e
    throw e
  } finally {
    client.release(failure !== undefined && brokenConnection(failure))
  }
}

/**
 * `write`: READ COMMITTED (each statement sees what others committed; row locks make writers wait
 * for each other). `read`: one REPEATABLE READ READ ONLY snapshot. `snapshot`: a REPEATABLE READ
 * write, for a decision made on one consistent view (a concurrent change fails it with 40001,
 * and it is tried again).
 */
export type TransactionMode = "write" | "read" | "snapshot"

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN",
  read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
  snapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ",
}

/** Runs `f` in one transaction on a connection already taken; rolled back when `f` fails. */
export const inTransaction = async <A>(pg: Pg, f: (pg: Pg) => Promise<A>, mode: TransactionMode = "write"): Promise<A> => {
  await pg.client.query(BEGIN[mode])
  try {
    const result = await f(pg)
    await pg.client.query("COMMIT")
    return result
  } catch (e) {
    await pg.client.query("ROLLBACK").catch(() => undefined)
    throw e
  }
}

/** Runs `f` in one transaction (see `TransactionMode`). */
export const transaction = <A>(ctx: PgContext, f: (pg: Pg) => Promise<A>, mode: TransactionMode = "write"): Promise<A> =>
  withConnection(ctx, (pg) => inTransaction(pg, f, mode))

/**
 * Serializes the transaction with every other one taking the same named lock on this ledger
 * (released at commit): for the units of work that rewrite shared rows as a whole (a catalog,
 * learned reliability), which SQLite's single writer serializes by itself.
 */
export const ledgerLock = (pg: Pg, ctx: PgContext, name: string): Promise<unknown> =>
  pg.client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`reckon:${ctx.schema}:${name}`])

export const iso = (ms: number): string => new Date(ms).toISOString()
