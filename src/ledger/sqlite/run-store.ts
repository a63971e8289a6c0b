import { createHash } from "node:crypto"
import type { RunCounts } from "../claim-batch.js"
import type { RunStart } from "../ledger.js"
import type { IngestRunRow } from "../ledger-rows.js"
import { param, prepare } from "./prepared.js"
import type { SqliteContext } from "./sqlite-context.js"

/** Opens an ingest run row (outcome `running` until finished, held by this process) and returns its id. */
export const startRun = (ctx: SqliteContext, run: RunStart): number =>
  Number(prepare(ctx.sqlite, ctx.db.insertInto("ingest_runs").values({
    started: param("started"), what: param("what"), dataset: param("dataset"), job: param("job"), holder: param("holder"),
    read: 0, inserted: 0, duplicates: 0, rejected: 0, outcome: "running",
  })).run({ ...run, holder: ctx.holder }).lastInsertRowid)

/** Stores a running run's counts so far (inside the batch's transaction). */
export const updateRunCounts = (ctx: SqliteContext, id: number, counts: RunCounts): void => {
  prepare(ctx.sqlite, ctx.db.updateTable("ingest_runs").set({
    read: param<number>("read"), inserted: param<number>("inserted"), duplicates: param<number>("duplicates"), rejected: param<number>("rejected"),
  }).where("id", "=", param<number>("id"))).run({ ...counts, id })
}

/** Records how a run ended: `ok`, `rejected` (some records quarantined), `rolled-back` (strict), `failed`, `interrupted`. */
export const finishRun = (ctx: SqliteContext, id: number, counts: RunCounts, outcome: string, error: string | null, now: string): void => {
  prepare(ctx.sqlite, ctx.db.updateTable("ingest_runs").set({
    finished: param("now"), read: param<number>("read"), inserted: param<number>("inserted"), duplicates: param<number>("duplicates"),
    rejected: param<number>("rejected"), outcome: param("outcome"), error: param("error"),
  }).where("id", "=", param<number>("id"))).run({ ...counts, outcome, error, now, id })
}

/** The most recent ingest runs, newest first. */
export const recentRuns = (ctx: SqliteContext, limit: number): IngestRunRow[] =>
  prepare(ctx.sqlite, ctx.db.selectFrom("ingest_runs").selectAll().orderBy("id", "desc").limit(param<number>("limit"))).all<IngestRunRow>({ limit })

/**
 * Quarantines a record that could not be stored, with its raw text and reason: nothing read is
 * lost. The same rejection (file, line, raw text, reason) is stored once, with the run that first
 * found it, however often the file is read again (SPEC §8); the run's own count still counts it.
 */
export const rejectRecord = (ctx: SqliteContext) => {
  const insert = prepare(ctx.sqlite, ctx.db.insertInto("rejected_records").values({
    run_id: param<number>("run"), file: param("file"), line: param<number>("line"), raw: param("raw"), reason: param("reason"), recorded: param("now"),
    rejection_key: param("key"),
  }).onConflict((oc) => oc.column("rejection_key").doNothing()))
  return (run: number, file: string, line: number, raw: string, reason: string, now: string): void => {
    const key = createHash("sha256").update(`${file}\u0000${line}\u0000${reason}\u0000`).update(raw).digest("hex")
    insert.run({ run, file, line, raw, reason, now, key })
  }
}
