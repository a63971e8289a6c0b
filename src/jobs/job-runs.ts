import type { LedgerHandle } from "../ledger/ledger.js"
import type { JobRunsTable } from "../ledger/schema.js"

export type JobRunRow = Omit<JobRunsTable, "id"> & { readonly id: number }

export interface Tally {
  read: number
  inserted: number
  duplicates: number
  rejected: number
}

/** Opens a job run (outcome `running`) and returns its id. */
export const startJobRun = (handle: LedgerHandle, job: string, holder: string, now: string): number =>
  Number(handle.sqlite.prepare("INSERT INTO job_runs (job, holder, started, outcome) VALUES (?, ?, ?, 'running')")
    .run(job, holder, now).lastInsertRowid)

/** Stores a running job run's counts so far (called after each file or batch). */
export const updateJobRun = (handle: LedgerHandle, id: number, tally: Tally, attempts: number): void => {
  handle.sqlite.prepare("UPDATE job_runs SET read = ?, inserted = ?, duplicates = ?, rejected = ?, attempts = ? WHERE id = ?")
    .run(tally.read, tally.inserted, tally.duplicates, tally.rejected, attempts, id)
}

/** Records how a job run ended. */
export const finishJobRun = (
  handle: LedgerHandle, id: number, tally: Tally, attempts: number, outcome: string, error: string | null, detail: string | null, now: string,
): void => {
  handle.sqlite.prepare(`UPDATE job_runs SET finished = ?, read = ?, inserted = ?, duplicates = ?, rejected = ?, attempts = ?,
    outcome = ?, error = ?, detail = ? WHERE id = ?`)
    .run(now, tally.read, tally.inserted, tally.duplicates, tally.rejected, attempts, outcome, error, detail, id)
}

/**
 * Closes the runs of `job` that a killed process left `running`, and returns the components their
 * committed claims touched, which were never reconciled. Call only while holding the job's lease:
 * then no live process is running the job.
 */
export const closeCrashedRuns = (handle: LedgerHandle, job: string, now: string): string[] => {
  const db = handle.sqlite
  return db.transaction(() => {
    db.prepare("UPDATE job_runs SET finished = ?, outcome = 'crashed', error = 'the process ended during this run' WHERE job = ? AND outcome = 'running'")
      .run(now, job)
    const ingestRuns = (db.prepare("SELECT id FROM ingest_runs WHERE job = ? AND outcome = 'running'").all(job) as { id: number }[]).map((r) => r.id)
    const components = new Set<string>()
    const touched = db.prepare("SELECT DISTINCT component FROM claims WHERE run_id = ?")
    const close = db.prepare("UPDATE ingest_runs SET finished = ?, outcome = 'interrupted', error = 'the process ended during this run' WHERE id = ?")
    for (const id of ingestRuns) {
      for (const r of touched.all(id) as { component: string }[]) components.add(r.component)
      close.run(now, id)
    }
    return [...components]
  })()
}

/** The most recent job runs, newest first (`reckon jobs status`). */
export const recentJobRuns = (handle: LedgerHandle, limit: number, job?: string): JobRunRow[] =>
  (job === undefined
    ? handle.sqlite.prepare("SELECT * FROM job_runs ORDER BY id DESC LIMIT ?").all(limit)
    : handle.sqlite.prepare("SELECT * FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT ?").all(job, limit)) as JobRunRow[]
