import type { ItemState, RunCounts } from "../claim-batch.js"
import type { JobRunRow } from "../ledger-rows.js"
import type { JobStateTable } from "../schema.js"
import { param, prepare } from "./prepared.js"
import { iso, type SqliteContext, writeTransaction } from "./sqlite-context.js"

/**
 * Takes the lease of `job` for `holder` until `now + ttlMs`, when nobody holds it, its holder's
 * lease has expired (a crashed process), or `holder` already has it. One statement, so two
 * processes racing for the lease cannot both win. Returns whether `holder` holds the lease now.
 */
export const acquireLease = (ctx: SqliteContext, job: string, holder: string, ttlMs: number, now: number): boolean =>
  writeTransaction(ctx, () => prepare(ctx.sqlite, ctx.db.insertInto("job_leases")
    .values({ job: param("job"), holder: param("holder"), acquired: param("now"), expires: param("expires") })
    .onConflict((oc) => oc.column("job").doUpdateSet((eb) => ({
      holder: eb.ref("excluded.holder"), acquired: eb.ref("excluded.acquired"), expires: eb.ref("excluded.expires"),
    })).where((eb) => eb.or([eb("job_leases.expires", "<=", param("now")), eb("job_leases.holder", "=", eb.ref("excluded.holder"))]))))
    .run({ job, holder, now: iso(now), expires: iso(now + ttlMs) }).changes > 0)

/** Extends a lease `holder` still holds; false when it was lost (expired and taken over). */
export const renewLease = (ctx: SqliteContext, job: string, holder: string, ttlMs: number, now: number): boolean =>
  prepare(ctx.sqlite, ctx.db.updateTable("job_leases").set({ expires: param("expires") })
    .where("job", "=", param("job")).where("holder", "=", param("holder")))
    .run({ expires: iso(now + ttlMs), job, holder }).changes > 0

/** Whether `holder` holds an unexpired lease on `job` (checked inside a batch's transaction, as a fence). */
export const holdsLease = (ctx: SqliteContext, job: string, holder: string, now: number): boolean =>
  prepare(ctx.sqlite, ctx.db.selectFrom("job_leases").select("job")
    .where("job", "=", param("job")).where("holder", "=", param("holder")).where("expires", ">", param("now")))
    .get({ job, holder, now: iso(now) }) !== undefined

/** Gives the lease back so that another process may run the job at once. */
export const releaseLease = (ctx: SqliteContext, job: string, holder: string): void => {
  prepare(ctx.sqlite, ctx.db.deleteFrom("job_leases").where("job", "=", param("job")).where("holder", "=", param("holder"))).run({ job, holder })
}

/** Who holds the lease of `job` now, if anyone. */
export const leaseHolder = (ctx: SqliteContext, job: string, now: number): string | null =>
  prepare(ctx.sqlite, ctx.db.selectFrom("job_leases").select("holder").where("job", "=", param("job")).where("expires", ">", param("now")))
    .get<{ holder: string }>({ job, now: iso(now) })?.holder ?? null

const EMPTY: ItemState = {
  offset: null, line: null, file_id: null, head_length: null, head_hash: null, content_hash: null, etag: null, last_modified: null,
}

/** The remembered state of `item` for `job`, or null before its first complete ingest. */
export const itemState = (ctx: SqliteContext, job: string, item: string): ItemState | null => {
  const row = prepare(ctx.sqlite, ctx.db.selectFrom("job_state").selectAll().where("job", "=", param("job")).where("item", "=", param("item")))
    .get<JobStateTable>({ job, item })
  if (!row) return null
  const { job: _j, item: _i, updated: _u, ...state } = row
  return state
}

/** Stores the state of `item` (fields not given are cleared). */
export const writeItemState = (ctx: SqliteContext, job: string, item: string, state: Partial<ItemState>, now: string): void => {
  const s = { ...EMPTY, ...state }
  prepare(ctx.sqlite, ctx.db.insertInto("job_state").values({
    job: param("job"), item: param("item"), offset: param<number>("offset"), line: param<number>("line"), file_id: param("file_id"),
    head_length: param<number>("head_length"), head_hash: param("head_hash"), content_hash: param("content_hash"), etag: param("etag"),
    last_modified: param("last_modified"), updated: param("updated"),
  }).onConflict((oc) => oc.columns(["job", "item"]).doUpdateSet((eb) => ({
    offset: eb.ref("excluded.offset"), line: eb.ref("excluded.line"), file_id: eb.ref("excluded.file_id"),
    head_length: eb.ref("excluded.head_length"), head_hash: eb.ref("excluded.head_hash"), content_hash: eb.ref("excluded.content_hash"),
    etag: eb.ref("excluded.etag"), last_modified: eb.ref("excluded.last_modified"), updated: eb.ref("excluded.updated"),
  })))).run({ job, item, ...s, updated: now })
}

/** Opens a job run (outcome `running`) and returns its id. */
export const startJobRun = (ctx: SqliteContext, job: string, holder: string, now: string): number =>
  Number(prepare(ctx.sqlite, ctx.db.insertInto("job_runs").values({
    job: param("job"), holder: param("holder"), started: param("now"), attempts: 0, read: 0, inserted: 0, duplicates: 0, rejected: 0, outcome: "running",
  }))
    .run({ job, holder, now }).lastInsertRowid)

/** Stores a running job run's counts so far (after each file or batch). */
export const updateJobRun = (ctx: SqliteContext, id: number, counts: RunCounts, attempts: number): void => {
  prepare(ctx.sqlite, ctx.db.updateTable("job_runs").set({
    read: param<number>("read"), inserted: param<number>("inserted"), duplicates: param<number>("duplicates"),
    rejected: param<number>("rejected"), attempts: param<number>("attempts"),
  }).where("id", "=", param<number>("id"))).run({ ...counts, attempts, id })
}

/** Records how a job run ended. */
export const finishJobRun = (
  ctx: SqliteContext, id: number, counts: RunCounts, attempts: number, outcome: string, error: string | null, detail: string | null, now: string,
): void => {
  prepare(ctx.sqlite, ctx.db.updateTable("job_runs").set({
    finished: param("now"), read: param<number>("read"), inserted: param<number>("inserted"), duplicates: param<number>("duplicates"),
    rejected: param<number>("rejected"), attempts: param<number>("attempts"), outcome: param("outcome"), error: param("error"), detail: param("detail"),
  }).where("id", "=", param<number>("id"))).run({ ...counts, attempts, outcome, error, detail, now, id })
}

const CRASHED = "the process ended during this run"

/** Marks the runs of `job` a killed process left `running` (job runs and their ingest runs) as crashed. */
export const closeCrashedJobRuns = (ctx: SqliteContext, job: string, now: string): number =>
  writeTransaction(ctx, () => {
    const n = prepare(ctx.sqlite, ctx.db.updateTable("job_runs").set({ finished: param("now"), outcome: "crashed", error: CRASHED })
      .where("job", "=", param("job")).where("outcome", "=", "running")).run({ now, job }).changes
    prepare(ctx.sqlite, ctx.db.updateTable("ingest_runs").set({ finished: param("now"), outcome: "crashed", error: CRASHED })
      .where("job", "=", param("job")).where("outcome", "=", "running")).run({ now, job })
    return n
  })

/** The most recent job runs, newest first (`reckon jobs status`). */
export const recentJobRuns = (ctx: SqliteContext, limit: number, job?: string): JobRunRow[] =>
  prepare(ctx.sqlite, ctx.db.selectFrom("job_runs").selectAll().$if(job !== undefined, (q) => q.where("job", "=", param("job")))
    .orderBy("id", "desc").limit(param<number>("limit")))
    .all<JobRunRow>({ limit, ...(job === undefined ? {} : { job }) })

/** Marks every run left `running` by a process not in `live` (never empty: this process) as crashed; returns how many. */
export const closeRunsOfDeadHolders = (ctx: SqliteContext, live: readonly string[], now: string): number => {
  let n = 0
  for (const table of ["ingest_runs", "job_runs"] as const) {
    n += prepare(ctx.sqlite, ctx.db.updateTable(table).set({ finished: param("now"), outcome: "crashed", error: CRASHED })
      .where("outcome", "=", "running")
      .where((eb) => eb.or([eb("holder", "is", null), eb("holder", "not in", live)])))
      .run({ now }).changes
  }
  return n
}
