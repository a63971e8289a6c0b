import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Scheduled ingestion (SPEC §7): leases so that two `reckon jobs serve` processes never run one job
 * at once, per-job progress (folder files by content hash, append-only file offsets, HTTP
 * validators), and one row per job run for `reckon jobs status`.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.createTable("job_leases")
    .addColumn("job", t.text, (c) => c.primaryKey())
    .addColumn("holder", t.text, (c) => c.notNull())
    .addColumn("acquired", t.text, (c) => c.notNull())
    .addColumn("expires", t.text, (c) => c.notNull())
    .execute()
  await db.schema.createTable("job_state")
    .addColumn("job", t.text, (c) => c.notNull())
    .addColumn("item", t.text, (c) => c.notNull())
    .addColumn("offset", t.bigint)
    .addColumn("line", t.integer)
    .addColumn("file_id", t.text)
    .addColumn("head_length", t.integer)
    .addColumn("head_hash", t.text)
    .addColumn("content_hash", t.text)
    .addColumn("etag", t.text)
    .addColumn("last_modified", t.text)
    .addColumn("updated", t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint("job_state_pk", ["job", "item"])
    .execute()
  await db.schema.createTable("job_runs")
    .addColumn("id", t.serial, t.serialKey)
    .addColumn("job", t.text, (c) => c.notNull())
    .addColumn("holder", t.text, (c) => c.notNull())
    .addColumn("started", t.text, (c) => c.notNull())
    .addColumn("finished", t.text)
    .addColumn("attempts", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("read", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("duplicates", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn("outcome", t.text, (c) => c.notNull())
    .addColumn("error", t.text)
    .addColumn("detail", t.text)
    .execute()
  await db.schema.createIndex("job_runs_job").on("job_runs").columns(["job", "id"]).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["job_runs", "job_state", "job_leases"]) await db.schema.dropTable(t).ifExists().execute()
}
