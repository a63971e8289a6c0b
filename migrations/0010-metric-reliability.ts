import type { Kysely } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Reliability per source and metric (SPEC §4.3): a source's record on the contested cells of one
 * metric (an airline's scheduled times are its own, its actual times a measurement like anyone
 * else's). `weight` is what reconcile uses on that metric's cells in place of the source's weight
 * in source_reliability; null when the source had too few contested cells of the metric, so its
 * overall weight (or prior) stands there. Replaced with source_reliability, in the same transaction.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.createTable("source_metric_reliability")
    .addColumn("source", t.text, (c) => c.notNull())
    .addColumn("metric", t.text, (c) => c.notNull())
    .addColumn("weight", t.real)
    .addColumn("contested", t.real, (c) => c.notNull())
    .addColumn("agreement", t.real)
    .addColumn("dataset", t.text)
    .addColumn("learned_at", t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint("source_metric_reliability_pk", ["source", "metric"])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("source_metric_reliability").ifExists().execute()
}
