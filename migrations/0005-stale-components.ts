import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Never stale, several writers (SPEC §5): `stale_components` records, in the same transaction
 * as the write that caused it (new claims, a changed catalog, learned weights), which components'
 * figures are out of date, until a reconciliation replaces them; `process_leases` says which
 * processes are writing now (renewed while they run), so that a run left `running` by a killed
 * process is told from one still going; `ingest_runs.holder` names the process of a run.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.createTable("stale_components")
    .addColumn("component", t.text, (c) => c.primaryKey())
    .addColumn("dataset", t.text, (c) => c.notNull())
    .addColumn("marked", t.text, (c) => c.notNull())
    .execute()
  await db.schema.createIndex("stale_components_dataset").on("stale_components").columns(["dataset"]).execute()
  await db.schema.createTable("process_leases")
    .addColumn("holder", t.text, (c) => c.primaryKey())
    .addColumn("host", t.text, (c) => c.notNull())
    .addColumn("pid", t.integer, (c) => c.notNull())
    .addColumn("started", t.text, (c) => c.notNull())
    .addColumn("expires", t.text, (c) => c.notNull())
    .execute()
  await db.schema.alterTable("ingest_runs").addColumn("holder", t.text).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("ingest_runs").dropColumn("holder").execute()
  await db.schema.dropTable("process_leases").ifExists().execute()
  await db.schema.dropTable("stale_components").ifExists().execute()
}
