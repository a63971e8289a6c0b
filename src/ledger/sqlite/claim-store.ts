import { addCounts, type BatchResult, type ClaimBatch, type NewClaim, type WriteOutcome } from "../claim-batch.js"
import { holdsLease, updateJobRun, writeItemState } from "./job-store.js"
import { param, prepare } from "./prepared.js"
import { renewProcessLease } from "./process-store.js"
import { rejectRecord, updateRunCounts } from "./run-store.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { markStale } from "./stale-store.js"

const COLUMNS = [
  "claim_id", "dataset", "event", "metric", "component", "scope_key", "scope_json", "source", "via_json", "value_text",
  "lo", "hi", "lo_strict", "hi_strict", "best", "certainty", "method", "at", "stated", "recorded", "quote", "url",
  "document_json", "supersedes", "retracts", "note", "raw", "file", "line", "run_id", "content_hash",
] as const

/**
 * The statements of the ingest hot path, prepared once per connection: the duplicate check by
 * (dataset, id), the claim insert, and its supersession links.
 */
const statements = (ctx: SqliteContext) => {
  const byId = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["content_hash", "file", "line"])
    .where("dataset", "=", param("dataset")).where("claim_id", "=", param("claim_id")))
  const insert = prepare(ctx.sqlite, ctx.db.insertInto("claims").values(Object.fromEntries(COLUMNS.map((c) => [c, param(c)])) as never))
  const link = prepare(ctx.sqlite, ctx.db.insertInto("claim_links")
    .values({ dataset: param("dataset"), claim_id: param("claim_id"), kind: param("kind"), target_claim_id: param("target") })
    .onConflict((oc) => oc.columns(["dataset", "claim_id", "kind"]).doNothing()))
  return { byId, insert, link }
}

/**
 * What storing `c` would do now. A record whose content is already in the ledger is a duplicate;
 * a different record reusing a stored id is rejected, since ids are the handles of supersession
 * and expectations.
 */
const outcomeOf = (s: ReturnType<typeof statements>, c: NewClaim): WriteOutcome => {
  const found = s.byId.get<{ content_hash: string; file: string; line: number }>({ dataset: c.dataset, claim_id: c.claim_id })
  if (!found) return { kind: "inserted" }
  if (found.content_hash === c.content_hash) return { kind: "duplicate" }
  return { kind: "rejected", reason: `duplicate id "${c.claim_id}": a different claim with this id is stored (${found.file}:${found.line})` }
}

/** `--strict`'s first pass: the outcome of every claim, without writing. */
export const checkClaims = (ctx: SqliteContext, claims: readonly NewClaim[]): WriteOutcome[] => {
  const s = statements(ctx)
  return claims.map((c) => outcomeOf(s, c))
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
    const reject = rejectRecord(ctx)
    const rejections: { line: number; reason: string }[] = []
    const stale = new Map<string, string>()
    let inserted = 0
    let duplicates = 0
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
      const outcome = outcomeOf(s, c)
      if (outcome.kind === "duplicate") duplicates++
      else if (outcome.kind === "rejected") quarantine(item.line, item.raw, outcome.reason)
      else {
        const row: Record<string, unknown> = { ...c, run_id: batch.runId ?? 0, recorded: batch.recorded }
        for (const k of COLUMNS) if (row[k] === undefined) row[k] = null
        s.insert.run(row)
        if (c.supersedes) s.link.run({ dataset: c.dataset, claim_id: c.claim_id, kind: "supersedes", target: c.supersedes })
        if (c.retracts) s.link.run({ dataset: c.dataset, claim_id: c.claim_id, kind: "retracts", target: c.retracts })
        stale.set(c.component, c.dataset)
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
