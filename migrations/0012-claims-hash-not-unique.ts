import { type Kysely, type RawBuilder, sql } from "kysely"
import type { ColumnTypes } from "../src/ledger/column-types.js"

/**
 * `claims.content_hash` is no longer UNIQUE. The hash is taken over the record with its id (a
 * record without one gets `h-` and the hash's first 16 hex digits as its id), so two rows of one
 * content have one (dataset, id), which `claims_dataset_claim_id` keeps unique already: the
 * constraint never decided an outcome. Its index did cost the most of every write, though: its
 * keys are random, so each batch of an ingest dirtied a page of it per claim (a raw insert of 600k
 * claims in batches of 5,000: 45.1 s with it, 23.8 s without).
 *
 * SQLite cannot drop a column constraint, so the table is rebuilt as its documented procedure
 * says: a new table from the same DDL without the constraint, the rows copied (with their `seq`),
 * the old table dropped, the new one renamed, then its indexes and triggers, the views and the
 * AUTOINCREMENT counter restored. On PostgreSQL the constraint is dropped.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  if (t.dialect === "postgres") await sql`ALTER TABLE claims DROP CONSTRAINT IF EXISTS claims_content_hash_key`.execute(db)
  else await rebuildClaims(db, UNIQUE_HASH, PLAIN_HASH)
}

export async function down(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  if (t.dialect === "postgres") await sql`ALTER TABLE claims ADD CONSTRAINT claims_content_hash_key UNIQUE (content_hash)`.execute(db)
  else await rebuildClaims(db, PLAIN_HASH, UNIQUE_HASH)
}

/** The last column of the claims table as 0001 declared it, and as it is from here on. */
const UNIQUE_HASH = `"content_hash" text not null unique)`
const PLAIN_HASH = `"content_hash" text not null)`

const rows = async <R>(db: Kysely<unknown>, query: RawBuilder<R>): Promise<R[]> => (await query.execute(db)).rows

/** Rebuilds `claims` with its DDL's ending `from` replaced by `to`, keeping every row, index, trigger and view. */
const rebuildClaims = async (db: Kysely<unknown>, from: string, to: string): Promise<void> => {
  const [table] = await rows(db, sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claims'`)
  if (!table?.sql.endsWith(from)) throw new Error(`the claims table does not end with ${from}: ${table?.sql ?? "no claims table"}`)
  const ddl = table.sql.slice(0, -from.length) + to
  const head = `CREATE TABLE "claims"`
  if (!ddl.startsWith(head)) throw new Error(`the claims table's DDL does not start with ${head}`)
  // its indexes and triggers, a user's own included (a Datasette user may have added some)
  const indexes = await rows(db, sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'claims' AND sql IS NOT NULL ORDER BY type, name`)
  // a view over claims would stop the rename (SQLite checks every view then): dropped, made again after
  const views = await rows(db, sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name`)
  const [counter] = await rows(db, sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'claims'`)
  for (const v of views) await sql`DROP VIEW ${sql.id(v.name)}`.execute(db)
  await sql.raw(`CREATE TABLE "claims_next"${ddl.slice(head.length)}`).execute(db)
  await sql`INSERT INTO claims_next SELECT * FROM claims ORDER BY seq`.execute(db)
  await sql`DROP TABLE claims`.execute(db)
  await sql`ALTER TABLE claims_next RENAME TO claims`.execute(db)
  for (const i of indexes) await sql.raw(i.sql).execute(db)
  for (const v of views) await sql.raw(v.sql).execute(db)
  // a seq once given stays given, even when its rows are gone
  if (counter === undefined) return
  await sql`DELETE FROM sqlite_sequence WHERE name = 'claims'`.execute(db)
  await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('claims', CAST(${counter.seq} AS INTEGER))`.execute(db)
}
