import { type Kysely, sql } from "kysely"

/**
 * Reliability learned from contested cells (SPEC §4.3): a source's row now says how many cells it
 * shared with another independent voice (`contested`), how often it agreed with the others there
 * (`agreement`) and its prior; `weight` is null when that evidence was too little, so the catalog's
 * prior stands. Copies are merged voices instead of a discount, so `discount`, `learned_weight`
 * and `error` go. Rows learned before keep their weight (figures were reconciled with it) and get
 * null evidence. Copy evidence also counts the shared items with the same value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  await sql`ALTER TABLE source_reliability RENAME TO source_reliability_0003`.execute(db)
  await db.schema.createTable("source_reliability")
    .addColumn("source", "text", (c) => c.primaryKey())
    // The learned weight reconcile uses in place of the prior; null: too little evidence, the prior stands.
    .addColumn("weight", "real")
    .addColumn("prior_weight", "real")
    .addColumn("claims", "real", (c) => c.notNull())
    .addColumn("contested", "real")
    .addColumn("agreement", "real")
    .addColumn("copy_group", "text")
    .addColumn("dataset", "text")
    .addColumn("learned_at", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("options_json", "text", (c) => c.notNull())
    .execute()
  await sql`INSERT INTO source_reliability (source, weight, claims, copy_group, dataset, learned_at, method, options_json)
    SELECT source, weight, claims, copy_group, dataset, learned_at, method, options_json FROM source_reliability_0003`.execute(db)
  await db.schema.dropTable("source_reliability_0003").execute()
  await db.schema.alterTable("copy_evidence").addColumn("same", "real", (c) => c.notNull().defaultTo(0)).execute()
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS learned_weight,
           COALESCE(r.weight, s.weight) AS weight_used, r.contested, r.agreement, r.claims, r.copy_group, r.dataset,
           r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source AND s.dataset = COALESCE(
      (SELECT d.dataset FROM sources d WHERE d.id = r.source AND d.dataset = r.dataset),
      (SELECT MIN(f.dataset) FROM sources f WHERE f.id = r.source))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  await db.schema.alterTable("copy_evidence").dropColumn("same").execute()
  await sql`ALTER TABLE source_reliability RENAME TO source_reliability_0004`.execute(db)
  await db.schema.createTable("source_reliability")
    .addColumn("source", "text", (c) => c.primaryKey())
    .addColumn("weight", "real", (c) => c.notNull())
    .addColumn("learned_weight", "real", (c) => c.notNull())
    .addColumn("error", "real", (c) => c.notNull())
    .addColumn("claims", "real", (c) => c.notNull())
    .addColumn("discount", "real", (c) => c.notNull())
    .addColumn("copy_group", "text")
    .addColumn("dataset", "text")
    .addColumn("learned_at", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("options_json", "text", (c) => c.notNull())
    .execute()
  // Only learned weights go back; the 0003 columns that have no counterpart get neutral values.
  await sql`INSERT INTO source_reliability SELECT source, weight, weight, 0.5, claims, 1, copy_group, dataset, learned_at, method, options_json
    FROM source_reliability_0004 WHERE weight IS NOT NULL`.execute(db)
  await db.schema.dropTable("source_reliability_0004").execute()
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS effective_weight,
           r.learned_weight, r.error, r.claims, r.discount, r.copy_group, r.dataset, r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source AND s.dataset = COALESCE(
      (SELECT d.dataset FROM sources d WHERE d.id = r.source AND d.dataset = r.dataset),
      (SELECT MIN(f.dataset) FROM sources f WHERE f.id = r.source))`.execute(db)
}
