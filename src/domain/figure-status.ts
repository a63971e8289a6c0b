import type { FigureStatus } from "./figure.js"

/** What decides a cell's status (SPEC §4.5). */
export interface StatusFacts {
  /** Voices on the cell (possible claims excluded). */
  readonly voices: number
  /** Some voice of the cell is excluded or contested. */
  readonly voiceRuledOut: boolean
  /** The cell's range differs between the sets that tie for the greatest weight. */
  readonly rangeDiffersAcrossTies: boolean
  /** The relations bound the cell beyond its domain. */
  readonly hasImpliedBounds: boolean
  /** Distinct sources standing behind the range: own kept voices and those behind binding implied bounds. */
  readonly sourcesBehindRange: number
}

/**
 * The status of a figure: `conflict` when a voice of the cell was ruled out or the range depends on
 * a tie; `no-data` / `derived` without own voices (derived when relations bound it); otherwise
 * `single-source` or `consistent` by the number of sources behind the range.
 */
export const figureStatus = (f: StatusFacts): FigureStatus => {
  if (f.voiceRuledOut || f.rangeDiffersAcrossTies) return "conflict"
  if (f.voices === 0) return f.hasImpliedBounds ? "derived" : "no-data"
  return f.sourcesBehindRange > 1 ? "consistent" : "single-source"
}
