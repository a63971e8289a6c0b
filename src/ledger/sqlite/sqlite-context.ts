import type Database from "better-sqlite3"
import type { Kysely } from "kysely"
import type { Schema } from "../schema.js"

/** What every SQLite store works with: the driver connection, kysely to build queries, and who we are. */
export interface SqliteContext {
  readonly sqlite: Database.Database
  readonly db: Kysely<Schema>
  readonly location: string
  readonly holder: string
  /** Set once this process registered as a writer: every write transaction renews its lease. */
  writerLease: { readonly ttlMs: number; readonly started: string } | null
}

/**
 * Runs `f` in one write transaction started with BEGIN IMMEDIATE: it takes the write lock at
 * once, so a writer that must wait for another waits (busy timeout) instead of failing when a
 * read transaction would have to become a write one.
 */
export const writeTransaction = <A>(ctx: SqliteContext, f: () => A): A => ctx.sqlite.transaction(f).immediate()

/** Runs `f` in one read transaction: every statement sees the same snapshot. */
export const readTransaction = <A>(ctx: SqliteContext, f: () => A): A => ctx.sqlite.transaction(f).deferred()

export const iso = (ms: number): string => new Date(ms).toISOString()
