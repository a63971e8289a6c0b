import { type Kysely, sql } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Learned source reliability (SPEC §4.3): one row per source with the effective weight the
 * reconciliation uses (learned weight × copy discount) and how it was reached, the copy groups
 * found among the sources, and the pairwise evidence behind each group. `reckon learn` replaces
 * these rows as a whole (per dataset) in one transaction.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.createTable("source_reliability")
    .addColumn("source", t.text, (c) => c.primaryKey())
    // The effective weight: what `loadSourceWeights` hands to reconcile (learned × discount).
    .addColumn("weight", t.real, (c) => c.notNull())
    .addColumn("learned_weight", t.real, (c) => c.notNull())
    .addColumn("error", t.real, (c) => c.notNull())
    .addColumn("claims", t.real, (c) => c.notNull())
    .addColumn("discount", t.real, (c) => c.notNull())
    .addColumn("copy_group", t.text)
    .addColumn("dataset", t.text)
    .addColumn("learned_at", t.text, (c) => c.notNull())
    .addColumn("method", t.text, (c) => c.notNull())
    .addColumn("options_json", t.text, (c) => c.notNull())
    .execute()
  await db.schema.createTable("copy_groups")
    .addColumn("id", t.text, (c) => c.primaryKey())
    .addColumn("sources_json", t.text, (c) => c.notNull())
    .addColumn("dataset", t.text)
    .addColumn("baseline", t.real, (c) => c.notNull())
    .addColumn("learned_at", t.text, (c) => c.notNull())
    .execute()
  await db.schema.createTable("copy_evidence")
    .addColumn("group_id", t.text, (c) => c.notNull())
    .addColumn("source_a", t.text, (c) => c.notNull())
    .addColumn("source_b", t.text, (c) => c.notNull())
    .addColumn("overlap", t.real, (c) => c.notNull())
    .addColumn("both_false", t.real, (c) => c.notNull())
    .addColumn("shared_false", t.real, (c) => c.notNull())
    .addColumn("expected_shared_false", t.real, (c) => c.notNull())
    .addColumn("score", t.real, (c) => c.notNull())
    .addPrimaryKeyConstraint("copy_evidence_pk", ["group_id", "source_a", "source_b"])
    .execute()
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS effective_weight,
           r.learned_weight, r.error, r.claims, r.discount, r.copy_group, r.dataset, r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  for (const t of ["copy_evidence", "copy_groups", "source_reliability"]) await db.schema.dropTable(t).ifExists().execute()
}
