import type { LedgerHandle } from "../ledger/ledger.js"
import { ClaimWriter } from "../ledger/claim-writer.js"
import { finishRun, rejectRecord, startRun } from "../ledger/ingest-runs.js"
import type { CatalogIndex } from "./catalog-index.js"
import { prepareClaim } from "./prepare-claim.js"
import { type BatchCounts, type BatchItem, writeClaimBatch } from "./write-claim-batch.js"
import { type ReadItem, readRecords } from "./read-records.js"

export interface Rejection {
  readonly file: string
  readonly line: number
  readonly reason: string
}

export interface FileSummary {
  readonly file: string
  readonly runId: number
  readonly read: number
  readonly inserted: number
  readonly duplicates: number
  readonly rejected: number
  /** `ok`, `rejected` (some records quarantined), `rolled-back` (strict), `failed`, `interrupted`. */
  readonly outcome: string
  readonly error: string | null
  /** Components whose claims changed: only these are reconciled again. */
  readonly components: ReadonlySet<string>
}

export interface IngestFileOptions {
  readonly index: CatalogIndex
  /** The dataset the file belongs to, when known (a dataset folder, or `--dataset`). */
  readonly dataset: string | null
  readonly strict: boolean
  /** How the file is named in messages and in the ledger (relative path as the user gave it). */
  readonly displayName: string
  readonly job?: string | null
  readonly batchSize?: number
  readonly now?: () => string
  readonly onRejection?: (r: Rejection) => void
  readonly onBytes?: (bytes: number) => void
  /** Asked between batches: stop after the batch in hand (SIGINT/SIGTERM in jobs). */
  readonly shouldStop?: () => boolean
}

const isoNow = (): string => new Date().toISOString()

/**
 * Ingests one claim file into the ledger, streaming it in batches of `batchSize` records, each
 * batch one transaction (claims, quarantined records and the run's counts together, so a killed
 * process leaves a consistent ledger and a re-run only finds duplicates). Every record read ends
 * up inserted, duplicate or rejected. Under `strict`, the file is checked completely first and
 * nothing from it is stored when any record is rejected (the rejections are still recorded).
 */
export const ingestFile = async (handle: LedgerHandle, file: string, options: IngestFileOptions): Promise<FileSummary> => {
  const now = options.now ?? isoNow
  const batchSize = options.batchSize ?? 10_000
  const name = options.displayName
  const runId = startRun(handle, name, options.dataset, options.job ?? null, now())
  const writer = new ClaimWriter(handle)
  const components = new Set<string>()
  let read = 0
  const tally: BatchCounts = { inserted: 0, duplicates: 0, rejected: 0 }
  const counts = () => ({ read, ...tally })
  const updateRun = handle.sqlite.prepare("UPDATE ingest_runs SET read = ?, inserted = ?, duplicates = ?, rejected = ? WHERE id = ?")

  const prepare = (item: ReadItem): BatchItem["result"] =>
    item.kind === "bad"
      ? { ok: false, reason: item.reason }
      : prepareClaim(item.value, { file: name, line: item.line, raw: item.raw }, options.index, options.dataset)

  const reject = (item: { readonly line: number; readonly raw: string }, reason: string, stamp: string) => {
    tally.rejected++
    rejectRecord(handle, runId, name, item.line, item.raw, reason, stamp)
    options.onRejection?.({ file: name, line: item.line, reason })
  }

  const hooks = {
    onRejection: (line: number, reason: string) => options.onRejection?.({ file: name, line, reason }),
    onInserted: (component: string) => void components.add(component),
  }
  const writeBatch = handle.sqlite.transaction((batch: BatchItem[]) => {
    writeClaimBatch(handle, writer, runId, name, batch, now(), tally, hooks)
    updateRun.run(read, tally.inserted, tally.duplicates, tally.rejected, runId)
  })

  // Outside the try: records read before a read error are still stored and accounted for.
  let batch: BatchItem[] = []
  try {
    if (options.strict) {
      // First pass: would anything be rejected? Ids already used within this file count too.
      const seen = new Map<string, string>()
      // Problems are known by their position in the file, not their line: a JSON array on one line has many records.
      const problems: { item: ReadItem; reason: string; position: number }[] = []
      for await (const item of readRecords(file)) {
        const position = read++
        const result = prepare(item)
        if (!result.ok) {
          problems.push({ item, reason: result.reason, position })
          continue
        }
        const c = result.claim
        const key = `${c.dataset}\u0000${c.claim_id}`
        const earlier = seen.get(key)
        const outcome = writer.check(c)
        if (outcome.kind === "rejected") problems.push({ item, reason: outcome.reason, position })
        else if (earlier !== undefined && earlier !== c.content_hash) {
          problems.push({ item, reason: `duplicate id "${c.claim_id}" within the file`, position })
        } else seen.set(key, c.content_hash)
      }
      if (problems.length > 0) {
        handle.sqlite.transaction(() => {
          const stamp = now()
          for (const p of problems) reject(p.item, p.reason, stamp)
        })()
        // Strict: the whole file is refused. The records that were fine are quarantined too, with
        // that reason, so that nothing read is lost and read = inserted + duplicates + rejected.
        const bad = new Set(problems.map((p) => p.position))
        const heldBack = `not stored: --strict, and this file has ${problems.length} rejected record(s)`
        let held: ReadItem[] = []
        const holdBatch = handle.sqlite.transaction((items: ReadItem[]) => {
          const stamp = now()
          for (const item of items) {
            tally.rejected++
            rejectRecord(handle, runId, name, item.line, item.raw, heldBack, stamp)
          }
        })
        let position = 0
        for await (const item of readRecords(file)) {
          if (bad.has(position++)) continue
          held.push(item)
          if (held.length >= batchSize) {
            holdBatch(held)
            held = []
          }
        }
        holdBatch(held)
        finishRun(handle, runId, counts(), "rolled-back", `${problems.length} record(s) rejected; --strict stored nothing from this file`, now())
        return { file: name, runId, ...counts(), outcome: "rolled-back", error: null, components: new Set() }
      }
      read = 0
    }
    let stopped = false
    for await (const item of readRecords(file, options.onBytes ? { onBytes: options.onBytes } : {})) {
      read++
      // A batch keeps each record's line and raw text, not the parsed object: less to hold in memory.
      batch.push({ line: item.line, raw: item.raw, result: prepare(item) })
      if (batch.length >= batchSize) {
        writeBatch(batch)
        batch = []
        if (options.shouldStop?.()) {
          stopped = true
          break
        }
      }
    }
    if (batch.length > 0) writeBatch(batch)
    const outcome = stopped ? "interrupted" : tally.rejected > 0 ? "rejected" : "ok"
    finishRun(handle, runId, counts(), outcome, null, now())
    return { file: name, runId, ...counts(), outcome, error: null, components }
  } catch (e) {
    // The file could not be read on (corrupt gzip, wrong encoding): what was read is accounted for.
    const message = e instanceof Error ? e.message : String(e)
    if (batch.length > 0) writeBatch(batch)
    finishRun(handle, runId, counts(), "failed", message, now())
    return { file: name, runId, ...counts(), outcome: "failed", error: message, components }
  }
}
