import type { Certainty } from "./claim.js"
import type { JsonInterval } from "./interval.js"
import type { Scope } from "./scope.js"

export type FigureStatus = "single-source" | "consistent" | "conflict" | "derived" | "no-data"

export type ClaimRole = "support" | "excluded" | "contested" | "possible" | "superseded" | "repeat" | "relayed"

/** One claim as listed in a figure, with the part it played (SPEC §6). */
export interface FigureClaim {
  readonly id: string
  readonly source: string
  readonly via: readonly string[]
  readonly value: string
  readonly lo: number | null
  readonly hi: number | null
  readonly certainty: Certainty
  readonly role: ClaimRole
  /** The weight of the voice this claim belongs to (0 for possible, superseded and relayed claims). */
  readonly weight: number
  readonly at: string | null
  readonly stated: string | null
  readonly quote?: string | null
  readonly url?: string | null
}

export type ConflictKind = "direct" | "cross-cell"

export interface Conflict {
  readonly kind: ConflictKind
  /** The excluded (or contested) claims. */
  readonly claims: readonly string[]
  /** The kept claims that rule them out. */
  readonly against: readonly string[]
  readonly reason: string
}

/** The reconciled result for one cell at one valid time (SPEC §4, §6). */
export interface Figure {
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  readonly at: string | null
  readonly status: FigureStatus
  readonly range: JsonInterval | null
  readonly best: number | null
  /** When the kept voices' weights split exactly between two values: both (best is null), else empty. */
  readonly best_candidates: readonly number[]
  readonly direct: JsonInterval | null
  readonly implied: JsonInterval | null
  /** Number of voices on this cell (not counting possible claims). */
  readonly voices: number
  readonly claims: readonly FigureClaim[]
  readonly conflicts: readonly Conflict[]
  /** Sentences that tell how the figure was reached, in order; `reckon explain` prints them. */
  readonly explanation: readonly string[]
  /** Set when the component was too large for the exact search: names the heuristic used. */
  readonly heuristic: string | null
}
