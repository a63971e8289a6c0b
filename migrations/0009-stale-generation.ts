import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * A stale mark counts how often it was set (SPEC §5, never stale): a write that marks a component
 * already marked raises `generation`. A reconciliation that read the component's claims outside the
 * writer's transaction (SQLite's worker threads) removes the mark only if it still has the
 * generation it read, so figures computed from claims that changed meanwhile are never stored as current.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable("stale_components").addColumn("generation", t.integer, (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("stale_components").dropColumn("generation").execute()
}
