import type { JobSchedule } from "./schedule.js"

/** Where a job's claims come from. Paths are resolved against the config file's folder. */
export type JobSource =
  | { readonly kind: "dir"; readonly path: string }
  | { readonly kind: "file"; readonly path: string }
  | {
    readonly kind: "url"
    readonly url: string
    /** The largest body taken, counted after decompression while it streams. */
    readonly maxBytes: number
    /** `same-origin`: a redirect to another scheme, host or port is a failure. */
    readonly redirects: "same-origin" | "any"
  }

/** One validated job of a jobs config. */
export interface JobConfig {
  readonly name: string
  readonly schedule: JobSchedule
  readonly source: JobSource
  /** The dataset folder whose catalog applies; null: the catalogs already in the ledger. */
  readonly dataset: string | null
  readonly retry: { readonly times: number; readonly backoffMs: number }
  readonly timeoutMs: number | null
  readonly strict: boolean
}

/** A validated jobs config. */
export interface JobsConfig {
  readonly file: string
  readonly jobs: readonly JobConfig[]
  /** How long a lease lasts without renewal: a crashed holder's jobs are free again after this. */
  readonly leaseMs: number
}

/** Retries when the config says nothing: transient failures are common enough to retry a little. */
export const DEFAULT_RETRY = { times: 3, backoffMs: 1000 } as const
export const DEFAULT_LEASE_MS = 30_000
/** A URL job's run ends after this unless `timeout:` says otherwise: a server dripping a byte a second must not hold it forever. */
export const DEFAULT_URL_TIMEOUT_MS = 10 * 60_000
/** A URL job's largest body unless `max_bytes:` says otherwise, after decompression. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024
