import type { LedgerHandle } from "../ledger/ledger.js"

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Takes the lease of `job` for `holder` until `now + ttlMs`, when nobody holds it, its holder's
 * lease has expired (a crashed process), or `holder` already has it. One statement, so two
 * processes racing for the lease cannot both win: SQLite serializes writers. Returns whether
 * `holder` holds the lease now.
 */
export const acquireLease = (handle: LedgerHandle, job: string, holder: string, ttlMs: number, now: number): boolean => {
  const result = handle.sqlite.prepare(`INSERT INTO job_leases (job, holder, acquired, expires) VALUES (?, ?, ?, ?)
    ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, acquired = excluded.acquired, expires = excluded.expires
    WHERE job_leases.expires <= ? OR job_leases.holder = excluded.holder`)
    .run(job, holder, iso(now), iso(now + ttlMs), iso(now))
  return result.changes > 0
}

/** Extends a lease `holder` still holds; false when it was lost (expired and taken over). */
export const renewLease = (handle: LedgerHandle, job: string, holder: string, ttlMs: number, now: number): boolean =>
  handle.sqlite.prepare("UPDATE job_leases SET expires = ? WHERE job = ? AND holder = ?")
    .run(iso(now + ttlMs), job, holder).changes > 0

/** Whether `holder` holds an unexpired lease on `job` (checked inside a batch's transaction, as a fence). */
export const holdsLease = (handle: LedgerHandle, job: string, holder: string, now: number): boolean =>
  handle.sqlite.prepare("SELECT 1 FROM job_leases WHERE job = ? AND holder = ? AND expires > ?").get(job, holder, iso(now)) !== undefined

/** Gives the lease back so that another process may run the job at once. */
export const releaseLease = (handle: LedgerHandle, job: string, holder: string): void => {
  handle.sqlite.prepare("DELETE FROM job_leases WHERE job = ? AND holder = ?").run(job, holder)
}

/** Who holds the lease of `job` now, if anyone. */
export const leaseHolder = (handle: LedgerHandle, job: string, now: number): string | null =>
  (handle.sqlite.prepare("SELECT holder FROM job_leases WHERE job = ? AND expires > ?").get(job, iso(now)) as { holder: string } | undefined)
    ?.holder ?? null
