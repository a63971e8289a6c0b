import { addCounts, type BatchResult, type ClaimBatch, type NewClaim, type WriteOutcome } from "../claim-batch.js"
import { holdsLease, updateJobRun, writeItemState } from "./job-store.js"
import { param, prepare } from "./prepared.js"
import { renewProcessLease } from "./process-store.js"
import { rejectRecord, updateRunCounts } from "./run-store.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { markStale } from "./stale-store.js"
import { CLAIM_WRITE_COLUMNS } from "../claim-columns.js"
import { eventClash, outcomeAgainst, type StoredIdentity } from "../write-outcome.js"

const COLUMNS = CLAIM_WRITE_COLUMNS

/**
 * The statements of the ingest hot path, prepared once per connection: the duplicate check by
 * (dataset, id), the claim insert, and its supersession links. The insert does nothing when the
 * (dataset, id) is stored, so the common case (a new claim) costs one statement, not a look-up
 * and an insert; only a record that did not go in is looked up, to tell a duplicate from a clash.
 */
const statements = (ctx: SqliteContext) => {
  const byId = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["content_hash", "file", "line"])
    .where("dataset", "=", param("dataset")).where("claim_id", "=", param("claim_id")))
  const insert = prepare(ctx.sqlite, ctx.db.insertInto("claims").values(Object.fromEntries(COLUMNS.map((c) => [c, param(c)])) as never)
    .onConflict((oc) => oc.doNothing()))
  if (insert.names === null || insert.names.join() !== COLUMNS.join()) throw new Error("claims insert: parameters out of column order")
  const link = prepare(ctx.sqlite, ctx.db.insertInto("claim_links")
    .values({ dataset: param("dataset"), claim_id: param("claim_id"), kind: param("kind"), target_claim_id: param("target") })
    .onConflict((oc) => oc.columns(["dataset", "claim_id", "kind"]).doNothing()))
  const declared = prepare(ctx.sqlite, ctx.db.selectFrom("events").select("id").where("id", "=", param("event")))
  // A dataset holding claims of an event no catalog declares (one holds them all: `eventClash`).
  const holder = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select("dataset").where("event", "=", param("event")).limit(1))
  return { byId, insert, link, declared, holder }
}

/**
 * The dataset holding claims of an undeclared event, looked up once per event (null: declared, or
 * no claims yet); `hold` records the dataset of a claim just stored.
 */
const eventHolders = (s: ReturnType<typeof statements>) => {
  const holders = new Map<string, string | null>()
  return {
    of: (event: string): string | null => {
      let h = holders.get(event)
      if (h === undefined) {
        h = s.declared.get({ event }) !== undefined ? null : s.holder.get<{ dataset: string }>({ event })?.dataset ?? null
        holders.set(event, h)
      }
      return h
    },
    // A declared event's claims are all its catalog's (`prepareClaim`): holding it changes nothing.
    hold: (c: NewClaim): void => void (holders.get(c.event) === null && holders.set(c.event, c.dataset)),
  }
}

/** What storing `c` would do now (see `eventClash`, `outcomeAgainst`). */
const outcomeOf = (s: ReturnType<typeof statements>, holders: ReturnType<typeof eventHolders>, c: NewClaim): WriteOutcome =>
  eventClash(c, holders.of(c.event)) ?? outcomeAgainst(c, s.byId.get<StoredIdentity>({ dataset: c.dataset, claim_id: c.claim_id }))

/** `--strict`'s first pass: the outcome of every claim, without writing. */
export const checkClaims = (ctx: SqliteContext, claims: readonly NewClaim[]): WriteOutcome[] => {
  const s = statements(ctx)
  const holders = eventHolders(s)
  return claims.map((c) => {
    const outcome = outcomeOf(s, holders, c)
    if (outcome.kind === "inserted") holders.hold(c)
    return outcome
  })
}

/**
 * Stores a batch in one write transaction: the fence (a job's lease), every record (inserted,
 * duplicate or quarantined), the components they made stale, the run's counts, and a job's
 * counts and resume point. A process killed at any moment leaves either all of it or none.
 */
export const writeClaims = (ctx: SqliteContext, batch: ClaimBatch): BatchResult =>
  writeTransaction(ctx, (): BatchResult => {
    const job = batch.job
    if (job && !holdsLease(ctx, job.name, job.holder, job.nowMs)) return { kind: "lease-lost" }
    renewProcessLease(ctx)
    const s = statements(ctx)
    const holders = eventHolders(s)
    const reject = rejectRecord(ctx)
    const rejections: { line: number; reason: string }[] = []
    const stale = new Map<string, string>()
    let inserted = 0
    let duplicates = 0
    const runId = batch.runId ?? 0
    const values: unknown[] = new Array(COLUMNS.length)
    const quarantine = (line: number, raw: string, reason: string) => {
      if (batch.runId !== null) reject(batch.runId, batch.file, line, raw, reason, batch.recorded)
      rejections.push({ line, reason })
    }
    for (const item of batch.items) {
      if (!item.result.ok) {
        quarantine(item.line, item.raw, item.result.reason)
        continue
      }
      const c = item.result.claim
      const clash = eventClash(c, holders.of(c.event))
      if (clash !== null) {
        quarantine(item.line, item.raw, clash.reason)
        continue
      }
      for (let i = 0; i < COLUMNS.length; i++) {
        const k = COLUMNS[i]!
        values[i] = k === "run_id" ? runId : k === "recorded" ? batch.recorded : (c as Record<string, unknown>)[k] ?? null
      }
      if (s.insert.runValues(values).changes === 0) {
        // A claim is stored under its (dataset, id): this one again (its content holds its id), or a different claim reusing the id.
        const outcome = outcomeAgainst(c, s.byId.get<StoredIdentity>({ dataset: c.dataset, claim_id: c.claim_id }))
        if (outcome.kind === "rejected") quarantine(item.line, item.raw, outcome.reason)
        else duplicates++
      } else {
        if (c.supersedes) s.link.run({ dataset: c.dataset, claim_id: c.claim_id, kind: "supersedes", target: c.supersedes })
        if (c.retracts) s.link.run({ dataset: c.dataset, claim_id: c.claim_id, kind: "retracts", target: c.retracts })
        stale.set(c.component, c.dataset)
        holders.hold(c)
        inserted++
      }
    }
    markStale(ctx, stale, batch.recorded)
    const counts = { read: batch.items.length, inserted, duplicates, rejected: rejections.length }
    if (batch.runId !== null) updateRunCounts(ctx, batch.runId, addCounts(batch.before, counts))
    if (job) {
      updateJobRun(ctx, job.runId, addCounts(job.before, counts), job.attempts)
      if (job.state) writeItemState(ctx, job.name, job.state.item, job.state.state, batch.recorded)
    }
    return { kind: "written", counts, rejections, components: [...stale.keys()] }
  })
