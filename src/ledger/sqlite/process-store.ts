import * as os from "node:os"
import { processAlive } from "../holder-id.js"
import { closeRunsOfDeadHolders } from "./job-store.js"
import { param, prepare } from "./prepared.js"
import { iso, type SqliteContext, writeTransaction } from "./sqlite-context.js"

/**
 * Renews this process's writer lease (call inside a write transaction; a no-op for a process that
 * never registered). Every batch and every reconcile transaction renews it, so a process busy in
 * long synchronous work still shows as alive.
 */
export const renewProcessLease = (ctx: SqliteContext, nowMs: number = Date.now()): void => {
  const lease = ctx.writerLease
  if (lease === null) return
  const [host, pid] = [os.hostname(), process.pid]
  prepare(ctx.sqlite, ctx.db.insertInto("process_leases")
    .values({ holder: param("holder"), host: param("host"), pid: param<number>("pid"), started: param("started"), expires: param("expires") })
    .onConflict((oc) => oc.column("holder").doUpdateSet((eb) => ({ expires: eb.ref("excluded.expires") }))))
    .run({ holder: ctx.holder, host, pid, started: lease.started, expires: iso(nowMs + lease.ttlMs) })
}

/** Registers this process as a writer for `ttlMs` (and renews it on every later write). */
export const heartbeat = (ctx: SqliteContext, ttlMs: number): void => {
  ctx.writerLease ??= { ttlMs, started: new Date().toISOString() }
  if (ctx.writerLease.ttlMs !== ttlMs) ctx.writerLease = { ...ctx.writerLease, ttlMs }
  writeTransaction(ctx, () => renewProcessLease(ctx))
}

/** This process stops writing: its lease row goes. */
export const retire = (ctx: SqliteContext): void => {
  if (ctx.writerLease === null) return
  ctx.writerLease = null
  writeTransaction(ctx, () => prepare(ctx.sqlite, ctx.db.deleteFrom("process_leases").where("holder", "=", param("holder"))).run({ holder: ctx.holder }))
}

interface LeaseRow {
  readonly holder: string
  readonly host: string
  readonly pid: number
  readonly expires: string
}

/**
 * Tells live writers from dead ones — a lease that expired, or a process of this host that is
 * gone (no need to wait for its lease to run out) — removes the dead ones' leases and marks the
 * runs they left `running` as crashed. Reads first: a healthy ledger costs no write.
 */
export const closeDeadProcesses = (ctx: SqliteContext, nowMs: number = Date.now()): { crashedRuns: number; liveWriters: number } => {
  const now = iso(nowMs)
  const host = os.hostname()
  const assess = () => {
    const rows = prepare(ctx.sqlite, ctx.db.selectFrom("process_leases").select(["holder", "host", "pid", "expires"])).all<LeaseRow>()
    const isLive = (r: LeaseRow) => r.holder === ctx.holder || (r.expires > now && (r.host !== host || processAlive(r.pid)))
    const live = [...new Set([ctx.holder, ...rows.filter(isLive).map((r) => r.holder)])]
    const dead = rows.filter((r) => !isLive(r)).map((r) => r.holder)
    const orphaned = (["ingest_runs", "job_runs"] as const).some((t) =>
      prepare(ctx.sqlite, ctx.db.selectFrom(t).select("id").where("outcome", "=", "running")
        .where((eb) => eb.or([eb("holder", "is", null), eb("holder", "not in", live)])).limit(1)).get() !== undefined)
    return { live, dead, orphaned }
  }
  const seen = assess()
  let crashedRuns = 0
  let live = seen.live
  if (seen.dead.length > 0 || seen.orphaned) {
    // Again under the write lock: a process that started meanwhile is not taken for dead.
    crashedRuns = writeTransaction(ctx, () => {
      const fresh = assess()
      live = fresh.live
      if (fresh.dead.length > 0) prepare(ctx.sqlite, ctx.db.deleteFrom("process_leases").where("holder", "in", fresh.dead)).run()
      return closeRunsOfDeadHolders(ctx, fresh.live, now)
    })
  }
  return { crashedRuns, liveWriters: live.length - 1 }
}
