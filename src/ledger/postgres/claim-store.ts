import { sql } from "kysely"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { PoolClient } from "pg"
import { addCounts, type BatchResult, type ClaimBatch, type NewClaim, type WriteOutcome } from "../claim-batch.js"
import { CLAIM_WRITE_COLUMNS } from "../claim-columns.js"
import { eventClash, outcomeAgainst, type StoredIdentity } from "../write-outcome.js"
import { holdsLease, updateJobRun, writeItemState } from "./job-store.js"
import { inTransaction, type Pg, type PgContext, toPgText, withConnection } from "./pg-context.js"
import { renewProcessLease } from "./process-store.js"
import { type RejectedRow, rejectRecords, updateRunCounts } from "./run-store.js"
import { markStale } from "./stale-store.js"

const COLUMN_LIST = CLAIM_WRITE_COLUMNS.join(", ")

/**
 * The staging table of a connection: a batch is copied into it (COPY, PostgreSQL's fastest way
 * in) and moved into `claims` by one INSERT … ON CONFLICT DO NOTHING; it empties at commit.
 * Created once per connection, outside any transaction (a rolled-back batch must not take it along).
 */
const staged = new WeakSet<PoolClient>()
const ensureStaging = async (pg: Pg): Promise<void> => {
  if (staged.has(pg.client)) return
  await pg.client.query(`CREATE TEMP TABLE IF NOT EXISTS claims_in ON COMMIT DELETE ROWS AS
    SELECT 0::integer AS ord, ${COLUMN_LIST} FROM claims WITH NO DATA`)
  staged.add(pg.client)
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" }

/** A value in COPY's text format: \N for null, backslash escapes for the characters that frame rows and fields. */
export const copyField = (v: unknown): string => {
  if (v === null || v === undefined) return "\\N"
  if (typeof v === "number") return String(v)
  if (typeof v === "boolean") return v ? "1" : "0"
  return toPgText(String(v)).replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!)
}

/** Rows per string handed to the COPY stream. */
const ROWS_PER_CHUNK = 1000

/** COPY of `rows` (arrays in `columns` order) into `table` on this connection. */
export const copyRows = async (pg: Pg, ctx: PgContext, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> => {
  const chunks: string[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let text = ""
    for (const r of rows.slice(i, i + ROWS_PER_CHUNK)) text += `${r.map(copyField).join("\t")}\n`
    chunks.push(text)
  }
  await pipeline(Readable.from(chunks), pg.client.query(ctx.driver.copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)))
}

/** What the ledger holds under each (dataset, id) of `claims`, in one query. */
const storedUnder = async (pg: Pg, claims: readonly NewClaim[]): Promise<Map<string, StoredIdentity>> => {
  if (claims.length === 0) return new Map()
  const rows = await pg.rows<StoredIdentity & { dataset: string; claim_id: string }>(sql`
    SELECT c.dataset, c.claim_id, c.content_hash, c.file, c.line FROM claims c
    JOIN unnest(${claims.map((c) => c.dataset)}::text[], ${claims.map((c) => c.claim_id)}::text[]) AS k(dataset, claim_id)
      ON c.dataset = k.dataset AND c.claim_id = k.claim_id`)
  return new Map(rows.map((r) => [`${r.dataset}\u0000${r.claim_id}`, r]))
}

/** The dataset holding claims of each event of `claims` that no catalog declares, where one does (`eventClash`). */
const eventHolders = async (pg: Pg, claims: readonly NewClaim[]): Promise<Map<string, string>> => {
  const events = [...new Set(claims.map((c) => c.event))]
  if (events.length === 0) return new Map()
  const rows = await pg.rows<{ event: string; dataset: string }>(sql`
    SELECT k.event, h.dataset FROM unnest(${events}::text[]) AS k(event)
    CROSS JOIN LATERAL (SELECT dataset FROM claims WHERE claims.event = k.event LIMIT 1) h
    WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.id = k.event)`)
  return new Map(rows.map((r) => [r.event, r.dataset]))
}

/**
 * The claims of `claims` that clash with the dataset holding their event (`eventClash`), by
 * position, the first claim of an event in the batch holding it when no one does (a declared
 * event's claims are all its catalog's: holding it changes nothing).
 */
const clashes = async (pg: Pg, claims: readonly NewClaim[]): Promise<Map<number, WriteOutcome>> => {
  const holders = await eventHolders(pg, claims)
  const out = new Map<number, WriteOutcome>()
  claims.forEach((c, i) => {
    const clash = eventClash(c, holders.get(c.event))
    if (clash !== null) out.set(i, clash)
    else if (!holders.has(c.event)) holders.set(c.event, c.dataset)
  })
  return out
}

/** `--strict`'s first pass: the outcome of every claim against the ledger, without writing. */
export const checkClaims = async (pg: Pg, claims: readonly NewClaim[]): Promise<WriteOutcome[]> => {
  const stored = await storedUnder(pg, claims)
  const clashing = await clashes(pg, claims)
  return claims.map((c, i) => clashing.get(i) ?? outcomeAgainst(c, stored.get(`${c.dataset}\u0000${c.claim_id}`)))
}

/**
 * Stores a batch in one transaction, as on SQLite — the fence (a job's lease, locked until
 * commit), every record inserted, duplicate or quarantined, the components made stale, the run's
 * counts and a job's resume point — but in a few statements: the good records are copied into
 * the staging table and inserted in their order with ON CONFLICT DO NOTHING, so a record whose
 * content or id another writer stored meanwhile is skipped, not an error; the records not
 * inserted are then told apart (same content: a duplicate; another claim under the id: rejected)
 * by what is stored under their ids, which counts exactly as SQLite's record-by-record check.
 */
export const writeClaims = (ctx: PgContext, batch: ClaimBatch): Promise<BatchResult> =>
  withConnection(ctx, async (conn) => {
    await ensureStaging(conn)
    return inTransaction(conn, async (pg): Promise<BatchResult> => {
      const job = batch.job
      if (job && !(await holdsLease(pg, job.name, job.holder, job.nowMs, true))) return { kind: "lease-lost" }
      await renewProcessLease(pg, ctx)
      const outcomes: WriteOutcome[] = batch.items.map((item) => (item.result.ok ? { kind: "inserted" } : { kind: "rejected", reason: item.result.reason }))
      const valid = batch.items.flatMap((item, ord) => (item.result.ok ? [{ ord, claim: item.result.claim }] : []))
      const clashing = await clashes(pg, valid.map((v) => v.claim))
      for (const [i, clash] of clashing) outcomes[valid[i]!.ord] = clash
      const good = valid.filter((_, i) => !clashing.has(i))
      const inserted: { ord: number; claim: NewClaim }[] = []
      if (good.length > 0) {
        const runId = batch.runId ?? 0
        await copyRows(pg, ctx, "claims_in", ["ord", ...CLAIM_WRITE_COLUMNS], good.map(({ ord, claim }) => {
          const row: Record<string, unknown> = { ...claim, run_id: runId, recorded: batch.recorded }
          return [ord, ...CLAIM_WRITE_COLUMNS.map((c) => row[c] ?? null)]
        }))
        const stored = await pg.rows<{ content_hash: string }>(sql`INSERT INTO claims (${sql.raw(COLUMN_LIST)})
          SELECT ${sql.raw(COLUMN_LIST)} FROM claims_in ORDER BY ord ON CONFLICT DO NOTHING RETURNING content_hash`)
        // The first record of a content in the batch is the one inserted (rows go in in their order).
        const fresh = new Set(stored.map((r) => r.content_hash))
        const skipped: { ord: number; claim: NewClaim }[] = []
        for (const g of good) (fresh.delete(g.claim.content_hash) ? inserted : skipped).push(g)
        const under = await storedUnder(pg, skipped.map((s) => s.claim))
        for (const { ord, claim } of skipped) {
          const found = under.get(`${claim.dataset}\u0000${claim.claim_id}`)
          // Skipped without a claim under its id: its content (which includes the id) is stored, a duplicate.
          outcomes[ord] = found === undefined ? { kind: "duplicate" } : outcomeAgainst(claim, found)
        }
        const links = inserted.flatMap(({ claim: c }) => [
          ...(c.supersedes ? [[c.dataset, c.claim_id, "supersedes", c.supersedes]] : []),
          ...(c.retracts ? [[c.dataset, c.claim_id, "retracts", c.retracts]] : []),
        ])
        if (links.length > 0) {
          await pg.exec(sql`INSERT INTO claim_links (dataset, claim_id, kind, target_claim_id)
            SELECT * FROM unnest(${links.map((l) => l[0])}::text[], ${links.map((l) => l[1])}::text[], ${links.map((l) => l[2])}::text[], ${links.map((l) => l[3])}::text[])
            ON CONFLICT (dataset, claim_id, kind) DO NOTHING`)
        }
      }
      const rejections: { line: number; reason: string }[] = []
      const quarantined: RejectedRow[] = []
      let duplicates = 0
      batch.items.forEach((item, ord) => {
        const o = outcomes[ord]!
        if (o.kind === "duplicate") duplicates++
        if (o.kind !== "rejected") return
        rejections.push({ line: item.line, reason: o.reason })
        quarantined.push({ line: item.line, raw: item.raw, reason: o.reason })
      })
      if (batch.runId !== null) await rejectRecords(pg, batch.runId, batch.file, quarantined, batch.recorded)
      const stale = new Map(inserted.map(({ claim }) => [claim.component, claim.dataset]))
      await markStale(pg, stale, batch.recorded)
      const counts = { read: batch.items.length, inserted: inserted.length, duplicates, rejected: rejections.length }
      if (batch.runId !== null) await updateRunCounts(pg, batch.runId, addCounts(batch.before, counts))
      if (job) {
        await updateJobRun(pg, job.runId, addCounts(job.before, counts), job.attempts)
        if (job.state) await writeItemState(pg, job.name, job.state.item, job.state.state, batch.recorded)
      }
      return { kind: "written", counts, rejections, components: [...stale.keys()] }
    })
  })
