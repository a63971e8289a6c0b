import type { ItemState, RunCounts } from "../claim-batch.js"
import type { JobRunRow } from "../ledger-rows.js"
import type { JobStateTable } from "../schema.js"
import { iso, type Pg } from "./pg-context.js"
import { countColumns } from "./run-store.js"

/**
 * Takes the lease of `job` for `holder` until `now + ttlMs`, when nobody holds it, its holder's
 * lease has expired (a crashed process), or `holder` already has it: one upsert whose update
 * applies only then, so two processes racing for the lease cannot both win.
 */
export const acquireLease = async (pg: Pg, job: string, holder: string, ttlMs: number, now: number): Promise<boolean> =>
  (await pg.exec(pg.db.insertInto("job_leases")
    .values({ job, holder, acquired: iso(now), expires: iso(now + ttlMs) })
    .onConflict((oc) => oc.column("job").doUpdateSet((eb) => ({
      holder: eb.ref("excluded.holder"), acquired: eb.ref("excluded.acquired"), expires: eb.ref("excluded.expires"),
    })).where((eb) => eb.or([eb("job_leases.expires", "<=", iso(now)), eb("job_leases.holder", "=", eb.ref("excluded.holder"))]))))) > 0

/** Extends a lease `holder` still holds; false when it was lost (expired and taken over). */
export const renewLease = async (pg: Pg, job: string, holder: string, ttlMs: number, now: number): Promise<boolean> =>
  (await pg.exec(pg.db.updateTable("job_leases").set({ expires: iso(now + ttlMs) }).where("job", "=", job).where("holder", "=", holder))) > 0

/**
 * Whether `holder` holds an unexpired lease on `job`. With `fence`, inside a batch's transaction:
 * the lease row is locked until commit, so it cannot be taken over while the batch is written.
 */
export const holdsLease = async (pg: Pg, job: string, holder: string, now: number, fence = false): Promise<boolean> =>
  (await pg.first(pg.db.selectFrom("job_leases").select("job")
    .where("job", "=", job).where("holder", "=", holder).where("expires", ">", iso(now))
    .$if(fence, (q) => q.forShare()))) !== undefined

/** Gives the lease back so that another process may run the job at once. */
export const releaseLease = (pg: Pg, job: string, holder: string): Promise<number> =>
  pg.exec(pg.db.deleteFrom("job_leases").where("job", "=", job).where("holder", "=", holder))

/** Who holds the lease of `job` now, if anyone. */
export const leaseHolder = async (pg: Pg, job: string, now: number): Promise<string | null> =>
  (await pg.first<{ holder: string }>(pg.db.selectFrom("job_leases").select("holder").where("job", "=", job).where("expires", ">", iso(now))))?.holder ?? null

const EMPTY: ItemState = {
  offset: null, line: null, file_id: null, head_length: null, head_hash: null, content_hash: null, etag: null, last_modified: null,
}

/** The remembered state of `item` for `job`, or null before its first complete ingest. */
export const itemState = async (pg: Pg, job: string, item: string): Promise<ItemState | null> => {
  const row = await pg.first<JobStateTable>(pg.db.selectFrom("job_state").selectAll().where("job", "=", job).where("item", "=", item))
  if (!row) return null
  const { job: _j, item: _i, updated: _u, ...state } = row
  return state
}

/** Stores the state of `item` (fields not given are cleared). */
export const writeItemState = (pg: Pg, job: string, item: string, state: Partial<ItemState>, now: string): Promise<number> => {
  const s = { ...EMPTY, ...state }
  return pg.exec(pg.db.insertInto("job_state").values({
    job, item, offset: s.offset, line: s.line, file_id: s.file_id, head_length: s.head_length, head_hash: s.head_hash,
    content_hash: s.content_hash, etag: s.etag, last_modified: s.last_modified, updated: now,
  }).onConflict((oc) => oc.columns(["job", "item"]).doUpdateSet((eb) => ({
    offset: eb.ref("excluded.offset"), line: eb.ref("excluded.line"), file_id: eb.ref("excluded.file_id"),
    head_length: eb.ref("excluded.head_length"), head_hash: eb.ref("excluded.head_hash"), content_hash: eb.ref("excluded.content_hash"),
    etag: eb.ref("excluded.etag"), last_modified: eb.ref("excluded.last_modified"), updated: eb.ref("excluded.updated"),
  }))))
}

/** Opens a job run (outcome `running`) and returns its id. */
export const startJobRun = async (pg: Pg, job: string, holder: string, now: string): Promise<number> =>
  (await pg.first<{ id: number }>(pg.db.insertInto("job_runs").values({
    job, holder, started: now, attempts: 0, read: 0, inserted: 0, duplicates: 0, rejected: 0, outcome: "running",
  }).returning("id")))!.id

/** Stores a running job run's counts so far (after each file or batch). */
export const updateJobRun = (pg: Pg, id: number, counts: RunCounts, attempts: number): Promise<number> =>
  pg.exec(pg.db.updateTable("job_runs").set({ ...countColumns(counts), attempts }).where("id", "=", id))

/** Records how a job run ended. */
export const finishJobRun = (
  pg: Pg, id: number, counts: RunCounts, attempts: number, outcome: string, error: string | null, detail: string | null, now: string,
): Promise<number> =>
  pg.exec(pg.db.updateTable("job_runs").set({ ...countColumns(counts), attempts, outcome, error, detail, finished: now }).where("id", "=", id))

const CRASHED = "the process ended during this run"

/** Marks the runs of `job` a killed process left `running` (job runs and their ingest runs) as crashed. */
export const closeCrashedJobRuns = async (pg: Pg, job: string, now: string): Promise<number> => {
  const n = await pg.exec(pg.db.updateTable("job_runs").set({ finished: now, outcome: "crashed", error: CRASHED })
    .where("job", "=", job).where("outcome", "=", "running"))
  await pg.exec(pg.db.updateTable("ingest_runs").set({ finished: now, outcome: "crashed", error: CRASHED })
    .where("job", "=", job).where("outcome", "=", "running"))
  return n
}

/** The most recent job runs, newest first (`reckon jobs status`). */
export const recentJobRuns = (pg: Pg, limit: number, job?: string): Promise<JobRunRow[]> =>
  pg.rows<JobRunRow>(pg.db.selectFrom("job_runs").selectAll().$if(job !== undefined, (q) => q.where("job", "=", job!))
    .orderBy("id", "desc").limit(limit))

/** Marks every run left `running` by a process not in `live` (never empty: this process) as crashed; returns how many. */
export const closeRunsOfDeadHolders = async (pg: Pg, live: readonly string[], now: string): Promise<number> => {
  let n = 0
  for (const table of ["ingest_runs", "job_runs"] as const) {
    n += await pg.exec(pg.db.updateTable(table).set({ finished: now, outcome: "crashed", error: CRASHED })
      .where("outcome", "=", "running")
      .where((eb) => eb.or([eb("holder", "is", null), eb("holder", "not in", live)])))
  }
  return n
}
