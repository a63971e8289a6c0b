import type Database from "better-sqlite3"
import type { Compilable } from "kysely"

/**
 * Queries are built with kysely (portable SQL: `onConflict`, no `INSERT OR`), compiled once, and
 * run synchronously by better-sqlite3 as prepared statements: the ingest hot path stays inside one
 * call. A query built with `param("name")` in place of a value is compiled with a marker there;
 * running it takes an object and binds its fields to the markers by name.
 */
const MARK = "\u0000reckon-param:"

/** A named placeholder for a value of a prepared query (typed as the column it stands for). */
export const param = <T = string>(name: string): T => `${MARK}${name}` as T

type Slot = { readonly name: string } | { readonly constant: unknown }

export interface Prepared<P extends Record<string, unknown>> {
  readonly sql: string
  run(params?: P): Database.RunResult
  get<R>(params?: P): R | undefined
  all<R>(params?: P): R[]
  iterate<R>(params?: P): IterableIterator<R>
  /** Rows as arrays (no per-row object): for hot reads. */
  rawAll<R extends unknown[]>(params?: P): R[]
  /** Rows as arrays (no per-row object): for long scans. */
  rawIterate<R extends unknown[]>(params?: P): IterableIterator<R>
  /** The parameter names in the order `runValues` takes them (a query with constants has none). */
  readonly names: readonly string[] | null
  /** Runs with the values in `names` order: the hot path, without an object per row. */
  runValues(values: readonly unknown[]): Database.RunResult
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** better-sqlite3's statement for `sql`, prepared once per connection. */
const statement = (sqlite: Database.Database, sql: string, raw = false): Database.Statement => {
  let cache = statements.get(sqlite)
  if (!cache) statements.set(sqlite, (cache = new Map()))
  const key = raw ? `raw:${sql}` : sql
  let st = cache.get(key)
  if (!st) {
    st = sqlite.prepare(sql)
    if (raw) st.raw(true)
    cache.set(key, st)
  }
  return st
}

/** Compiles a kysely query with `param` markers into a statement that binds parameters by name. */
export const prepare = <P extends Record<string, unknown> = Record<string, unknown>>(sqlite: Database.Database, query: Compilable): Prepared<P> => {
  const compiled = query.compile()
  const slots: Slot[] = compiled.parameters.map((p) =>
    typeof p === "string" && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { constant: p })
  const bind = (params: P | undefined): unknown[] =>
    slots.map((s) => {
      if ("constant" in s) return s.constant
      const v = params?.[s.name]
      if (v === undefined) throw new Error(`no value for parameter "${s.name}" of: ${compiled.sql}`)
      return typeof v === "boolean" ? (v ? 1 : 0) : v
    })
  const sql = compiled.sql
  // Looked up once: the cache's key is the whole SQL text (a new "raw:" string hashed on every call).
  let plain: Database.Statement | undefined
  let raw: Database.Statement | undefined
  const st = () => (plain ??= statement(sqlite, sql))
  const rawSt = () => (raw ??= statement(sqlite, sql, true))
  return {
    sql,
    run: (p) => st().run(bind(p)),
    get: <R>(p?: P) => st().get(bind(p)) as R | undefined,
    all: <R>(p?: P) => st().all(bind(p)) as R[],
    iterate: <R>(p?: P) => st().iterate(bind(p)) as IterableIterator<R>,
    rawAll: <R extends unknown[]>(p?: P) => rawSt().all(bind(p)) as R[],
    rawIterate: <R extends unknown[]>(p?: P) => rawSt().iterate(bind(p)) as IterableIterator<R>,
    names: slots.every((s) => "name" in s) ? slots.map((s) => (s as { name: string }).name) : null,
    runValues: (values) => st().run(values as unknown[]),
  }
}
