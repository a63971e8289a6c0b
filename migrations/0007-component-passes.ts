import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * How often each component was marked stale and how often it was reconciled (SPEC §5: never
 * stale, and with several processes reconciling one ledger, never the same work twice): a mark
 * is counted when a write makes a component stale that was not, a pass each time a process
 * recomputes it. With nothing stale, `reconciled` equals `marked` for every component; a
 * component reconciled twice for one mark, or a mark lost, shows as a difference.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.createTable("component_passes")
    .addColumn("component", t.text, (c) => c.primaryKey())
    .addColumn("dataset", t.text, (c) => c.notNull())
    .addColumn("marked", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("reconciled", t.integer, (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("component_passes").ifExists().execute()
}
