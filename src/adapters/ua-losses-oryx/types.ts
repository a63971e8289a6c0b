/**
 * The records this adapter writes (SPEC §2.2 claim records) and what it reports back.
 */

export const EVENT_ID = "ru-equipment-losses"
export const GS_SOURCE = "general-staff"
export const ORYX_SOURCE = "oryx"

/**
 * One claim record as written to NDJSON. Field order here is the order in the file, which keeps
 * the output byte-stable.
 */
export interface ClaimRecord {
  readonly id: string
  readonly event: string
  readonly metric: string
  readonly source: string
  /** A number (exact) or a SPEC §3 phrase ("at least 137"). */
  readonly value: number | string
  readonly at: string
  readonly stated: string
  readonly method: string
  /** Verbatim source text containing the number; absent where the url (with line) is the provenance. */
  readonly quote?: string
  readonly url: string
  readonly supersedes?: string
  readonly note?: string
}

/** What `writeUaLossesOryxDataset` did, for the CLI to print. */
export interface AdapterSummary {
  readonly outDir: string
  /** Files written, relative to outDir, sorted. */
  readonly files: readonly string[]
  readonly claims: { readonly "general-staff": number; readonly oryx: number; readonly total: number }
  readonly metrics: number
  readonly findings: {
    readonly tallyDowns: number
    readonly tallyDownsCorrected: number
    readonly conflicts: number
    readonly figures: number
  }
}
