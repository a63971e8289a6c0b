import { type Kysely, sql } from "kysely"

/**
 * One set of names (SPEC §6): `claims_readable` names its columns as `reckon claims --format
 * json|csv` does — `id` (was `claim`), `value` (was `value_as_stated`), `run` (was `run_id`, as in
 * `ingest_runs_readable`) — so that a query written against the view and a script reading the CLI
 * use the same words. `scope` stays the scope key (`location=belaya;type=Tu-95`, '' for "all").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS claims_readable`.execute(db)
  await sql`CREATE VIEW claims_readable AS
    SELECT c.claim_id AS id, c.dataset, c.event, c.metric, c.scope_key AS scope,
           c.source, s.name AS source_name, c.via_json AS via, c.value_text AS value,
           c.lo, c.hi, c.certainty, c.method, c.at, c.stated, c.recorded, c.quote, c.url,
           c.supersedes, c.retracts, c.file, c.line, c.run_id AS run
    FROM claims c LEFT JOIN sources s ON s.dataset = c.dataset AND s.id = c.source`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS claims_readable`.execute(db)
  await sql`CREATE VIEW claims_readable AS
    SELECT c.claim_id AS claim, c.dataset, c.event, c.metric, c.scope_key AS scope,
           c.source, s.name AS source_name, c.via_json AS via, c.value_text AS value_as_stated,
           c.lo, c.hi, c.certainty, c.method, c.at, c.stated, c.recorded, c.quote, c.url,
           c.supersedes, c.retracts, c.file, c.line, c.run_id
    FROM claims c LEFT JOIN sources s ON s.dataset = c.dataset AND s.id = c.source`.execute(db)
}
