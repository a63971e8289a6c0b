import type { LedgerHandle } from "../ledger/ledger.js"
import type { JobStateTable } from "../ledger/schema.js"

/** What a job remembers about one item (a folder's file, the append-only file, the URL). */
export type ItemState = Omit<JobStateTable, "job" | "item" | "updated">

const EMPTY: ItemState = {
  offset: null, line: null, file_id: null, head_length: null, head_hash: null, content_hash: null, etag: null, last_modified: null,
}

/** The remembered state of `item` for `job`, or null before its first complete ingest. */
export const readItemState = (handle: LedgerHandle, job: string, item: string): ItemState | null => {
  const row = handle.sqlite.prepare("SELECT * FROM job_state WHERE job = ? AND item = ?").get(job, item) as JobStateTable | undefined
  if (!row) return null
  const { job: _j, item: _i, updated: _u, ...state } = row
  return state
}

/**
 * Stores the state of `item` (fields not given are cleared). Call it inside the transaction that
 * commits the claims the state covers, or after they are committed — never before.
 */
export const writeItemState = (handle: LedgerHandle, job: string, item: string, state: Partial<ItemState>, now: string): void => {
  const s = { ...EMPTY, ...state }
  handle.sqlite.prepare(`INSERT INTO job_state (job, item, "offset", line, file_id, head_length, head_hash, content_hash, etag, last_modified, updated)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (job, item) DO UPDATE SET "offset" = excluded."offset", line = excluded.line, file_id = excluded.file_id,
      head_length = excluded.head_length, head_hash = excluded.head_hash, content_hash = excluded.content_hash,
      etag = excluded.etag, last_modified = excluded.last_modified, updated = excluded.updated`)
    .run(job, item, s.offset, s.line, s.file_id, s.head_length, s.head_hash, s.content_hash, s.etag, s.last_modified, now)
}
