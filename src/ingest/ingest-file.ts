import type { LedgerHandle } from "../ledger/ledger.js"
import { ClaimWriter } from "../ledger/claim-writer.js"
import { finishRun, rejectRecord, startRun } from "../ledger/ingest-runs.js"
import type { CatalogIndex } from "./catalog-index.js"
import { type PreparedClaim, prepareClaim } from "./prepare-claim.js"
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
  let inserted = 0
  let duplicates = 0
  let rejected = 0
  const counts = () => ({ read, inserted, duplicates, rejected })
  const updateRun = handle.sqlite.prepare("UPDATE ingest_runs SET read = ?, inserted = ?, duplicates = ?, rejected = ? WHERE id = ?")

  /** What a batch keeps of a record until it is written: its line and raw text, not the parsed object. */
  type Origin = { readonly line: number; readonly raw: string }
  type Item = { readonly origin: Origin; readonly result: { ok: true; claim: PreparedClaim } | { ok: false; reason: string } }
  const prepare = (item: ReadItem): Item["result"] =>
    item.kind === "bad"
      ? { ok: false, reason: item.reason }
      : prepareClaim(item.value, { file: name, line: item.line, raw: item.raw }, options.index, options.dataset)

  const reject = (item: Origin, reason: string, stamp: string) => {
    rejected++
    rejectRecord(handle, runId, name, item.line, item.raw, reason, stamp)
    options.onRejection?.({ file: name, line: item.line, reason })
  }

  const writeBatch = handle.sqlite.transaction((batch: Item[]) => {
    const stamp = now()
    for (const { origin, result } of batch) {
      if (!result.ok) {
        reject(origin, result.reason, stamp)
        continue
      }
      const outcome = writer.write(result.claim, runId, stamp)
      if (outcome.kind === "inserted") {
        inserted++
        components.add(result.claim.component)
      } else if (outcome.kind === "duplicate") duplicates++
      else reject(origin, outcome.reason, stamp)
    }
    updateRun.run(read, inserted, duplicates, rejected, runId)
  })

  // Outside the try: records read before a read error are still stored and accounted for.
  let batch: Item[] = []
  try {
    if (options.strict) {
      // First pass: would anything be rejected? Ids already used within this file count too.
      const seen = new Map<string, string>()
      const problems: { item: ReadItem; reason: string }[] = []
      for await (const item of readRecords(file)) {
        read++
        const result = prepare(item)
        if (!result.ok) {
          problems.push({ item, reason: result.reason })
          continue
        }
        const c = result.claim
        const key = `${c.dataset}\u0000${c.claim_id}`
        const earlier = seen.get(key)
        const outcome = writer.check(c)
        if (outcome.kind === "rejected") problems.push({ item, reason: outcome.reason })
        else if (earlier !== undefined && earlier !== c.content_hash) {
          problems.push({ item, reason: `duplicate id "${c.claim_id}" within the file` })
        } else seen.set(key, c.content_hash)
      }
      if (problems.length > 0) {
        handle.sqlite.transaction(() => {
          const stamp = now()
          for (const p of problems) reject(p.item, p.reason, stamp)
        })()
        // Strict: the whole file is refused. The records that were fine are quarantined too, with
        // that reason, so that nothing read is lost and read = inserted + duplicates + rejected.
        const bad = new Set(problems.map((p) => p.item.line))
        const heldBack = `not stored: --strict, and this file has ${problems.length} rejected record(s)`
        let held: ReadItem[] = []
        const holdBatch = handle.sqlite.transaction((items: ReadItem[]) => {
          const stamp = now()
          for (const item of items) {
            rejected++
            rejectRecord(handle, runId, name, item.line, item.raw, heldBack, stamp)
          }
        })
        for await (const item of readRecords(file)) {
          if (bad.has(item.line)) continue
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
      batch.push({ origin: { line: item.line, raw: item.raw }, result: prepare(item) })
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
    const outcome = stopped ? "interrupted" : rejected > 0 ? "rejected" : "ok"
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
