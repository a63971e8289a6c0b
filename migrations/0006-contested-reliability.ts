import { type Kysely, sql } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Reliability learned from contested cells (SPEC §4.3): a source's row now says how many cells it
 * shared with another independent voice (`contested`), how often it agreed with the others there
 * (`agreement`) and its prior; `weight` is null when that evidence was too little, so the catalog's
 * prior stands. Copies are merged voices instead of a discount, so `discount`, `learned_weight`
 * and `error` go. Rows learned before keep their weight (figures were reconciled with it) and get
 * null evidence. Copy evidence also counts the shared items with the same value.
 *
 * Portable: a new table is built under another name and renamed (no ALTER COLUMN, which SQLite
 * lacks), with a primary key constraint named apart from the old table's, which PostgreSQL keeps
 * under its own name after a rename.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  await db.schema.createTable("source_reliability_contested")
    .addColumn("source", t.text, (c) => c.notNull())
    // The learned weight reconcile uses in place of the prior; null: too little evidence, the prior stands.
    .addColumn("weight", t.real)
    .addColumn("prior_weight", t.real)
    .addColumn("claims", t.real, (c) => c.notNull())
    .addColumn("contested", t.real)
    .addColumn("agreement", t.real)
    .addColumn("copy_group", t.text)
    .addColumn("dataset", t.text)
    .addColumn("learned_at", t.text, (c) => c.notNull())
    .addColumn("method", t.text, (c) => c.notNull())
    .addColumn("options_json", t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint("source_reliability_contested_pk", ["source"])
    .execute()
  await sql`INSERT INTO source_reliability_contested (source, weight, claims, copy_group, dataset, learned_at, method, options_json)
    SELECT source, weight, claims, copy_group, dataset, learned_at, method, options_json FROM source_reliability`.execute(db)
  await db.schema.dropTable("source_reliability").execute()
  await db.schema.alterTable("source_reliability_contested").renameTo("source_reliability").execute()
  await db.schema.alterTable("copy_evidence").addColumn("same", t.real, (c) => c.notNull().defaultTo(0)).execute()
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS learned_weight,
           COALESCE(r.weight, s.weight) AS weight_used, r.contested, r.agreement, r.claims, r.copy_group, r.dataset,
           r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source AND s.dataset = COALESCE(
      (SELECT d.dataset FROM sources d WHERE d.id = r.source AND d.dataset = r.dataset),
      (SELECT MIN(f.dataset) FROM sources f WHERE f.id = r.source))`.execute(db)
}

export async function down(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  await db.schema.alterTable("copy_evidence").dropColumn("same").execute()
  await db.schema.createTable("source_reliability_discounted")
    .addColumn("source", t.text, (c) => c.notNull())
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
    .addPrimaryKeyConstraint("source_reliability_discounted_pk", ["source"])
    .execute()
  // Only learned weights go back; the 0003 columns that have no counterpart get neutral values.
  await sql`INSERT INTO source_reliability_discounted
      (source, weight, learned_weight, error, claims, discount, copy_group, dataset, learned_at, method, options_json)
    SELECT source, weight, weight, 0.5, claims, 1, copy_group, dataset, learned_at, method, options_json
    FROM source_reliability WHERE weight IS NOT NULL`.execute(db)
  await db.schema.dropTable("source_reliability").execute()
  await db.schema.alterTable("source_reliability_discounted").renameTo("source_reliability").execute()
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS effective_weight,
           r.learned_weight, r.error, r.claims, r.discount, r.copy_group, r.dataset, r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source AND s.dataset = COALESCE(
      (SELECT d.dataset FROM sources d WHERE d.id = r.source AND d.dataset = r.dataset),
      (SELECT MIN(f.dataset) FROM sources f WHERE f.id = r.source))`.execute(db)
}
