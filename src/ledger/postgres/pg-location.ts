/** The schema a ledger lives in when its URL names none. */
export const DEFAULT_SCHEMA = "reckon"

/** A PostgreSQL ledger's address: where to connect, which schema holds it, and how to name it in messages. */
export interface PgLocation {
  /** The URL to connect to, without reckon's own `schema` parameter. */
  readonly connectionString: string
  readonly schema: string
  /** The URL as shown to people: no password. */
  readonly display: string
}

/** Whether a `--db` value names a PostgreSQL ledger (anything else is a SQLite file). */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location)

// A plain lower-case identifier: it is written into statements and search_path without quoting surprises.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Parses `postgres://user[:password]@host[:port]/database[?schema=name&…]`: `schema` (default
 * `reckon`) selects the schema of the ledger, so that several ledgers (and test runs) share one
 * database; every other parameter goes to the driver as given. Returns a reason for a URL it
 * cannot use.
 */
export const parsePgLocation = (location: string): PgLocation | { readonly problem: string } => {
  let url: URL
  try {
    url = new URL(location)
  } catch {
    return { problem: "not a valid postgres:// URL" }
  }
  if (url.pathname.length <= 1) return { problem: "the URL names no database (postgres://user@host:5432/DATABASE)" }
  const schema = url.searchParams.get("schema") ?? DEFAULT_SCHEMA
  if (!SCHEMA_NAME.test(schema)) {
    return { problem: `schema "${schema}": use lower-case letters, digits and _ (at most 63, not starting with a digit)` }
  }
  url.searchParams.delete("schema")
  const connectionString = url.toString()
  const shown = new URL(connectionString)
  if (shown.password !== "") shown.password = "***"
  shown.searchParams.set("schema", schema)
  return { connectionString, schema, display: decodeURIComponent(shown.toString()) }
}

/** A URL as shown to people, its password hidden (also for a URL reckon cannot use). */
export const withoutPassword = (location: string): string => {
  try {
    const url = new URL(location)
    if (url.password === "") return location
    url.password = "***"
    return decodeURIComponent(url.toString())
  } catch {
    return location.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@")
  }
}
