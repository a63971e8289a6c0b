import type { Scope } from "./scope.js"

export type Certainty = "asserted" | "estimated" | "possible"

/**
 * A stored claim as the reconciliation core sees it: ids resolved (aliases → source ids), value
 * normalized into an interval, the original wording kept. Plain data; the ledger adds file, line,
 * raw record and ingest run next to it.
 */
export interface Claim {
  /** Stable id within its dataset (given, or derived from the record's content). */
  readonly id: string
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  /** The origin source id. */
  readonly source: string
  /** Outlets that passed the claim on, nearest to the origin first. */
  readonly via: readonly string[]
  /** The original wording of the value ("up to 13", "41", "{lo: 10, hi: 15}"). */
  readonly value: string
  readonly lo: number
  /** `Infinity` when unbounded. */
  readonly hi: number
  /** A best value the source gave itself ({ best: 12 }), else null. */
  readonly best: number | null
  /** For `real` metrics: "more than 5.5" excludes 5.5 itself; kept with the claim (SPEC §3). */
  readonly loStrict?: boolean
  readonly hiStrict?: boolean
  readonly certainty: Certainty
  readonly method?: string | null
  /** ISO date or datetime the figure is true at (cumulative tallies), else null. */
  readonly at: string | null
  /** ISO date or datetime of the statement, else null. */
  readonly stated: string | null
  readonly supersedes?: string | null
  readonly retracts?: string | null
  readonly quote?: string | null
  readonly url?: string | null
  /** Order in which the ledger stored it; only used to break exact ties deterministically. */
  readonly seq?: number
}
