import type { Kysely } from "kysely"

/**
 * Scheduled ingestion (SPEC §7): leases so that two `reckon jobs serve` processes never run one job
 * at once, per-job progress (folder files by content hash, append-only file offsets, HTTP
 * validators), and one row per job run for `reckon jobs status`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable("job_leases")
    .addColumn("job", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("acquired", "text", (c) => c.notNull())
    .addColumn("expires", "text", (c) => c.notNull())
    .execute()
  await db.schema.createTable("job_state")
    .addColumn("job", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("offset", "integer")
    .addColumn("line", "integer")
    .addColumn("file_id", "text")
    .addColumn("head_length", "integer")
    .addColumn("head_hash", "text")
    .addColumn("content_hash", "text")
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("updated", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("job_state_pk", ["job", "item"])
    .execute()
  await db.schema.createTable("job_runs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("job", "text", (c) => c.notNull())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("started", "text", (c) => c.notNull())
    .addColumn("finished", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duplicates", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("detail", "text")
    .execute()
  await db.schema.createIndex("job_runs_job").on("job_runs").columns(["job", "id"]).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["job_runs", "job_state", "job_leases"]) await db.schema.dropTable(t).ifExists().execute()
}
