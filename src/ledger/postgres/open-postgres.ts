import { Kysely, Migrator, PostgresDialect } from "kysely"
import type { Pool } from "pg"
import { POSTGRES_COLUMN_TYPES } from "../column-types.js"
import { migrationProvider, migrations } from "../migrations.js"
import type { Schema } from "../schema.js"
import type { PgDriver } from "./pg-driver.js"
import type { PgLocation } from "./pg-location.js"

/** Connections per process: one unit of work at a time, plus the heartbeat and a query beside it. */
const POOL_SIZE = 4
/** How long to wait for the server before the open fails (a wrong host should not hang a command). */
const CONNECT_TIMEOUT_MS = 10_000

// OIDs of int8 (counts, identity keys) and numeric: numbers, as SQLite hands them out, not strings.
const INT8 = 20
const NUMERIC = 1700

/**
 * A pool whose every connection works in the ledger's schema (search_path set at connection
 * start, so unqualified names in migrations and queries mean the ledger's tables).
 */
export const openPool = (driver: PgDriver, location: PgLocation): Pool => {
  const { pg } = driver
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "reckon",
    options: `-c search_path=${location.schema}`,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection the server dropped: the next query fails and is classified there; the process must not crash.
  pool.on("error", () => undefined)
  return pool
}

/** Kysely on the pool: it builds and compiles every query, and runs the migrations. */
export const kyselyOn = (driver: PgDriver, pool: Pool): Kysely<Schema> =>
  new Kysely<Schema>({ dialect: new PostgresDialect({ pool, cursor: driver.Cursor }) })

const SQLSTATE_UNDEFINED_TABLE = "42P01"
const codeOf = (e: unknown): unknown => (typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined)

const appliedMigrations = async (pool: Pool, schema: string): Promise<Set<string>> => {
  try {
    const r = await pool.query<{ name: string }>(`SELECT name FROM "${schema}".kysely_migration`)
    return new Set(r.rows.map((x) => x.name))
  } catch (e) {
    if (codeOf(e) === SQLSTATE_UNDEFINED_TABLE) return new Set()
    throw e
  }
}

/**
 * Creates the ledger's schema if needed and applies pending migrations — the same history as on
 * SQLite, with PostgreSQL's column types. Kysely's migrator takes an advisory lock, so several
 * processes opening a new ledger at once take turns. Returns the names applied now, or null when
 * there is no ledger and `create` is false (a read command never creates one).
 */
export const migratePostgres = async (db: Kysely<Schema>, pool: Pool, schema: string, create: boolean): Promise<string[] | null> => {
  const applied = await appliedMigrations(pool, schema)
  if (Object.keys(migrations).every((name) => applied.has(name))) return []
  if (applied.size === 0 && !create) return null
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider: migrationProvider(POSTGRES_COLUMN_TYPES), migrationTableSchema: schema })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
}
