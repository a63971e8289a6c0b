import { createHash } from "node:crypto"
import type { LedgerHandle } from "./ledger.js"

export interface RunCounts {
  readonly read: number
  readonly inserted: number
  readonly duplicates: number
  readonly rejected: number
}

/** Opens an ingest run row (outcome `running` until finished) and returns its id. */
export const startRun = (handle: LedgerHandle, what: string, dataset: string | null, job: string | null, now: string): number =>
  Number(handle.sqlite.prepare(
    "INSERT INTO ingest_runs (started, what, dataset, job, read, inserted, duplicates, rejected, outcome) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 'running')",
  ).run(now, what, dataset, job).lastInsertRowid)

/** Records how a run ended: `ok`, `rejected` (some records quarantined), `rolled-back` (strict), `failed`, `interrupted`. */
export const finishRun = (handle: LedgerHandle, id: number, counts: RunCounts, outcome: string, error: string | null, now: string): void => {
  handle.sqlite.prepare(
    "UPDATE ingest_runs SET finished = ?, read = ?, inserted = ?, duplicates = ?, rejected = ?, outcome = ?, error = ? WHERE id = ?",
  ).run(now, counts.read, counts.inserted, counts.duplicates, counts.rejected, outcome, error, id)
}

/**
 * Quarantines a record that could not be stored, with its raw text and reason: nothing read is
 * lost. The same rejection (file, line, raw text, reason) is stored once, with the run that first
 * found it, however often the file is read again (SPEC §8); the run's own count still counts it.
 */
export const rejectRecord = (handle: LedgerHandle, runId: number, file: string, line: number, raw: string, reason: string, now: string): void => {
  const key = createHash("sha256").update(`${file}\u0000${line}\u0000${reason}\u0000`).update(raw).digest("hex")
  handle.sqlite.prepare(
    "INSERT INTO rejected_records (run_id, file, line, raw, reason, recorded, rejection_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rejection_key) DO NOTHING",
  ).run(runId, file, line, raw, reason, now, key)
}
