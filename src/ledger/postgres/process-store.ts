import * as os from "node:os"
import { processAlive } from "../holder-id.js"
import { closeRunsOfDeadHolders } from "./job-store.js"
import { iso, type Pg, type PgContext, transaction } from "./pg-context.js"

/**
 * Renews this process's writer lease (inside a write transaction; a no-op for a process that
 * never registered): every batch and every reconcile transaction renews it.
 */
export const renewProcessLease = async (pg: Pg, ctx: PgContext, nowMs: number = Date.now()): Promise<void> => {
  const lease = ctx.writerLease
  if (lease === null) return
  await pg.exec(pg.db.insertInto("process_leases")
    .values({ holder: ctx.holder, host: os.hostname(), pid: process.pid, started: lease.started, expires: iso(nowMs + lease.ttlMs) })
    .onConflict((oc) => oc.column("holder").doUpdateSet((eb) => ({ expires: eb.ref("excluded.expires") }))))
}

/** Registers this process as a writer for `ttlMs` (and renews it on every later write). */
export const heartbeat = async (ctx: PgContext, ttlMs: number): Promise<void> => {
  ctx.writerLease ??= { ttlMs, started: new Date().toISOString() }
  if (ctx.writerLease.ttlMs !== ttlMs) ctx.writerLease = { ...ctx.writerLease, ttlMs }
  await transaction(ctx, (pg) => renewProcessLease(pg, ctx))
}

/** This process stops writing: its lease row goes. */
export const retire = async (ctx: PgContext): Promise<void> => {
  if (ctx.writerLease === null) return
  ctx.writerLease = null
  await transaction(ctx, (pg) => pg.exec(pg.db.deleteFrom("process_leases").where("holder", "=", ctx.holder)))
}

interface LeaseRow {
  readonly holder: string
  readonly host: string
  readonly pid: number
  readonly expires: string
}

/**
 * Tells live writers from dead ones — a lease that expired, or a process of this host that is
 * gone — removes the dead ones' leases and marks the runs they left `running` as crashed. A
 * process on another host is judged by its lease alone. Reads first: a healthy ledger costs no write.
 */
export const closeDeadProcesses = async (ctx: PgContext, nowMs: number = Date.now()): Promise<{ crashedRuns: number; liveWriters: number }> => {
  const now = iso(nowMs)
  const host = os.hostname()
  const assess = async (pg: Pg) => {
    const rows = await pg.rows<LeaseRow>(pg.db.selectFrom("process_leases").select(["holder", "host", "pid", "expires"]))
    const isLive = (r: LeaseRow) => r.holder === ctx.holder || (r.expires > now && (r.host !== host || processAlive(r.pid)))
    const live = [...new Set([ctx.holder, ...rows.filter(isLive).map((r) => r.holder)])]
    const dead = rows.filter((r) => !isLive(r)).map((r) => r.holder)
    let orphaned = false
    for (const t of ["ingest_runs", "job_runs"] as const) {
      orphaned ||= (await pg.first(pg.db.selectFrom(t).select("id").where("outcome", "=", "running")
        .where((eb) => eb.or([eb("holder", "is", null), eb("holder", "not in", live)])).limit(1))) !== undefined
    }
    return { live, dead, orphaned }
  }
  const seen = await transaction(ctx, assess, "read")
  if (seen.dead.length === 0 && !seen.orphaned) return { crashedRuns: 0, liveWriters: seen.live.length - 1 }
  // Again on one snapshot that also writes: a run seen there has its lease seen there too (a
  // process registers before it starts a run), so a process that started meanwhile is not taken
  // for dead; a run that changed meanwhile fails the transaction (40001) and it is tried again.
  return transaction(ctx, async (pg) => {
    const fresh = await assess(pg)
    if (fresh.dead.length > 0) await pg.exec(pg.db.deleteFrom("process_leases").where("holder", "in", fresh.dead))
    return { crashedRuns: await closeRunsOfDeadHolders(pg, fresh.live, now), liveWriters: fresh.live.length - 1 }
  }, "snapshot")
}
