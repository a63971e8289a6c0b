import type { ClaimWriter } from "../ledger/claim-writer.js"
import { rejectRecord } from "../ledger/ingest-runs.js"
import type { LedgerHandle } from "../ledger/ledger.js"
import type { PreparedClaim } from "./prepare-claim.js"

/** A record ready for the ledger: prepared, or refused with its reason, with where it came from. */
export interface BatchItem {
  readonly line: number
  readonly raw: string
  readonly result: { readonly ok: true; readonly claim: PreparedClaim } | { readonly ok: false; readonly reason: string }
}

export interface BatchCounts {
  inserted: number
  duplicates: number
  rejected: number
}

/**
 * Stores a batch of records (call inside the caller's transaction): each is inserted, found to
 * be a duplicate, or quarantined with its reason. Adds to `counts`, reports rejections and the
 * components of inserted claims. Shared by file ingestion and the jobs' append-only files.
 */
export const writeClaimBatch = (
  handle: LedgerHandle, writer: ClaimWriter, runId: number, file: string, batch: readonly BatchItem[], stamp: string,
  counts: BatchCounts, hooks: { readonly onRejection?: (line: number, reason: string) => void; readonly onInserted?: (component: string) => void },
): void => {
  const reject = (item: BatchItem, reason: string) => {
    counts.rejected++
    rejectRecord(handle, runId, file, item.line, item.raw, reason, stamp)
    hooks.onRejection?.(item.line, reason)
  }
  for (const item of batch) {
    if (!item.result.ok) {
      reject(item, item.result.reason)
      continue
    }
    const outcome = writer.write(item.result.claim, runId, stamp)
    if (outcome.kind === "inserted") {
      counts.inserted++
      hooks.onInserted?.(item.result.claim.component)
    } else if (outcome.kind === "duplicate") counts.duplicates++
    else reject(item, outcome.reason)
  }
}
