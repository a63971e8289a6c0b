import type { Certainty } from "../../domain/claim.js"
import type { Figure } from "../../domain/figure.js"
import type { Scope } from "../../domain/scope.js"
import type { ConflictRecord } from "../../query/query-conflicts.js"
import type { SourceRecord } from "../../query/query-sources.js"
import type { StoredCopyGroup } from "../../reliability/stored-reliability.js"

/** A figure as `reckon figures --format json` prints it (SPEC §6). */
export type FigureRecord = Omit<Figure, "explanation">

/** One stored claim of a tally, as the tally plot draws it. */
export interface TallyClaim {
  readonly id: string
  readonly source: string
  readonly value: string
  readonly lo: number | null
  readonly hi: number | null
  readonly certainty: Certainty
  readonly at: string
}

/** The consensus of a cell at one valid time. */
export interface TallyPoint {
  readonly at: string
  readonly lo: number | null
  readonly hi: number | null
  readonly best: number | null
}

/** A cell's figures along `at`: every stored claim and the consensus at sampled dates. */
export interface Tally {
  readonly claims: readonly TallyClaim[]
  readonly band: readonly TallyPoint[]
}

/** What a figure's page shows: the figure with its explanation, and the tally when it has a valid time. */
export interface FigureDetail {
  readonly figure: Figure
  readonly tally: Tally | null
}

/** The cell a figure page is about. */
export interface CellRef {
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  readonly at: string | null
}

/** Everything the report file holds, as plain data. */
export interface ReportData {
  /** The ledger it was read from, and the filters, for the page header. */
  readonly ledger: string
  readonly filter: { readonly event?: string | undefined; readonly metric?: string | undefined; readonly status?: string | undefined }
  readonly figures: readonly FigureRecord[]
  readonly details: readonly FigureDetail[]
  readonly conflicts: readonly ConflictRecord[]
  readonly sources: readonly SourceRecord[]
  readonly copyGroups: readonly StoredCopyGroup[]
}
