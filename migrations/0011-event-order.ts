import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * A catalog's events are kept in the events table only, no longer in its stored JSON as well (a
 * 100k-event catalog was 7.6 MB of JSON, written and read whole): `position` is an event's place
 * in its catalog, so the catalog reads back in its own order. Null for events stored before, whose
 * catalog JSON still holds them.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable("events").addColumn("position", t.integer).execute()
  // a catalog's events are read, and replaced, by dataset
  await db.schema.createIndex("events_dataset_position").on("events").columns(["dataset", "position"]).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("events_dataset_position").ifExists().execute()
  await db.schema.alterTable("events").dropColumn("position").execute()
}
