import { type Kysely, sql } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * Two accounting fixes (SPEC §8, issue 14):
 * - `rejected_records.rejection_key` (unique): a hash of file, line, raw text and reason, so that
 *   reading a file again records its rejections once, not once per run. Rows stored before this
 *   migration keep a null key (and may hold repeats from earlier runs).
 * - `sources` and `source_aliases` are keyed by (dataset, id): the same source id declared by two
 *   datasets is two rows, and registering the second no longer overwrites the first's name,
 *   kind and weight. The views that join sources join on the dataset too.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable("rejected_records").addColumn("rejection_key", t.text).execute()
  await db.schema.createIndex("rejected_records_key").unique().on("rejected_records").column("rejection_key").execute()

  await sql`DROP VIEW IF EXISTS claims_readable`.execute(db)
  await sql`DROP VIEW IF EXISTS source_reliability_readable`.execute(db)
  await db.schema.createTable("sources_by_dataset")
    .addColumn("dataset", t.text, (c) => c.notNull())
    .addColumn("id", t.text, (c) => c.notNull())
    .addColumn("name", t.text, (c) => c.notNull())
    .addColumn("kind", t.text, (c) => c.notNull())
    .addColumn("side", t.text)
    .addColumn("weight", t.real, (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("sources_pk", ["dataset", "id"])
    .execute()
  await sql`INSERT INTO sources_by_dataset (dataset, id, name, kind, side, weight) SELECT dataset, id, name, kind, side, weight FROM sources`.execute(db)
  await db.schema.createTable("source_aliases_by_dataset")
    .addColumn("dataset", t.text, (c) => c.notNull())
    .addColumn("alias", t.text, (c) => c.notNull())
    .addColumn("source_id", t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint("source_aliases_pk", ["dataset", "alias"])
    .execute()
  await sql`INSERT INTO source_aliases_by_dataset (dataset, alias, source_id)
    SELECT s.dataset, a.alias, a.source_id FROM source_aliases a JOIN sources s ON s.id = a.source_id`.execute(db)
  await db.schema.dropTable("source_aliases").execute()
  await db.schema.dropTable("sources").execute()
  await db.schema.alterTable("sources_by_dataset").renameTo("sources").execute()
  await db.schema.alterTable("source_aliases_by_dataset").renameTo("source_aliases").execute()

  await sql`CREATE VIEW claims_readable AS
    SELECT c.claim_id AS claim, c.dataset, c.event, c.metric, c.scope_key AS scope,
           c.source, s.name AS source_name, c.via_json AS via, c.value_text AS value_as_stated,
           c.lo, c.hi, c.certainty, c.method, c.at, c.stated, c.recorded, c.quote, c.url,
           c.supersedes, c.retracts, c.file, c.line, c.run_id
    FROM claims c LEFT JOIN sources s ON s.dataset = c.dataset AND s.id = c.source`.execute(db)
  // A weight learned over every dataset (dataset null) shows the source as the first dataset declaring it has it.
  await sql`CREATE VIEW source_reliability_readable AS
    SELECT r.source, s.name AS source_name, s.weight AS prior_weight, r.weight AS effective_weight,
           r.learned_weight, r.error, r.claims, r.discount, r.copy_group, r.dataset, r.learned_at, r.method
    FROM source_reliability r LEFT JOIN sources s ON s.id = r.source AND s.dataset = COALESCE(
      (SELECT d.dataset FROM sources d WHERE d.id = r.source AND d.dataset = r.dataset),
      (SELECT MIN(f.dataset) FROM sources f WHERE f.id = r.source))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("rejected_records_key").ifExists().execute()
  await db.schema.alterTable("rejected_records").dropColumn("rejection_key").execute()
}
