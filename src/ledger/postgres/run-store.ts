import { sql } from "kysely"
import type { RunCounts } from "../claim-batch.js"
import type { RunStart } from "../ledger.js"
import type { IngestRunRow } from "../ledger-rows.js"
import { rejectionKey } from "../rejection-key.js"
import type { Pg, PgContext } from "./pg-context.js"

/** Opens an ingest run row (outcome `running` until finished, held by this process) and returns its id. */
export const startRun = async (pg: Pg, ctx: PgContext, run: RunStart): Promise<number> =>
  (await pg.first<{ id: number }>(pg.db.insertInto("ingest_runs").values({
    started: run.started, what: run.what, dataset: run.dataset, job: run.job, holder: ctx.holder,
    read: 0, inserted: 0, duplicates: 0, rejected: 0, outcome: "running",
  }).returning("id")))!.id

/** Stores a running run's counts so far (inside the batch's transaction). */
export const updateRunCounts = (pg: Pg, id: number, counts: RunCounts): Promise<number> =>
  pg.exec(pg.db.updateTable("ingest_runs").set(countColumns(counts)).where("id", "=", id))

/** The count columns of a run row (only these: a caller's object may carry more). */
export const countColumns = (c: RunCounts): RunCounts => ({ read: c.read, inserted: c.inserted, duplicates: c.duplicates, rejected: c.rejected })

/** Records how a run ended: `ok`, `rejected` (some records quarantined), `rolled-back` (strict), `failed`, `interrupted`. */
export const finishRun = (pg: Pg, id: number, counts: RunCounts, outcome: string, error: string | null, now: string): Promise<number> =>
  pg.exec(pg.db.updateTable("ingest_runs").set({ ...countColumns(counts), finished: now, outcome, error }).where("id", "=", id))

/** The most recent ingest runs, newest first. */
export const recentRuns = (pg: Pg, limit: number): Promise<IngestRunRow[]> =>
  pg.rows<IngestRunRow>(pg.db.selectFrom("ingest_runs").selectAll().orderBy("id", "desc").limit(limit))

export interface RejectedRow {
  readonly line: number
  readonly raw: string
  readonly reason: string
}

/**
 * Quarantines records that could not be stored, with their raw text and reason, in one
 * statement: nothing read is lost. The same rejection is stored once, with the run that first
 * found it, however often the file is read again (as on SQLite).
 */
export const rejectRecords = async (pg: Pg, run: number, file: string, rows: readonly RejectedRow[], now: string): Promise<void> => {
  if (rows.length === 0) return
  await pg.exec(sql`INSERT INTO rejected_records (run_id, file, line, raw, reason, recorded, rejection_key)
    SELECT ${run}::bigint, ${file}::text, line, raw, reason, ${now}::text, rejection_key
    FROM unnest(${rows.map((r) => r.line)}::integer[], ${rows.map((r) => r.raw)}::text[], ${rows.map((r) => r.reason)}::text[],
      ${rows.map((r) => rejectionKey(file, r.line, r.raw, r.reason))}::text[]) WITH ORDINALITY AS r(line, raw, reason, rejection_key, ord)
    ORDER BY ord
    ON CONFLICT (rejection_key) DO NOTHING`)
}
