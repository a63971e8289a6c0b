import type { ReliabilityOptions } from "../reliability/learn-reliability.js"

/** Fewer contested cells than this and a source keeps its prior: the agreement rate of 30 cells is known to about ±0.09. */
export const MIN_CONTESTED_CELLS = 30

/** The prior's strength, in contested cells: a source with 20 of them is halfway between its prior and its own record. */
export const PRIOR_CELLS = 20

/**
 * The settings `reckon eval flight` chooses among, on one half of the days, for the other half:
 * the vote weight's number of plausible false values n (weight ln(n·a/(1−a)) for agreement rate a:
 * a larger n weighs sources more alike), and whether a source that copies part of another's items
 * counts as its mirror. Copies found by their shared wrong values against the consensus
 * (detectCopies) are not in the grid: that test trusts the consensus, and where a wrong majority
 * outvotes accurate sources it groups the accurate ones and entrenches the majority.
 */
export const DEFAULT_GRID: readonly ReliabilityOptions[] = [false, true].flatMap((mirrorSubsets) =>
  [1, 2, 4].map((falseValues) => ({
    falseValues, priorCells: PRIOR_CELLS, minContested: MIN_CONTESTED_CELLS, mirrorDisagreement: 0.02, mirrorSubsets,
  })))
