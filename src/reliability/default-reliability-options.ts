import type { ReliabilityOptions } from "./learn-reliability.js"

/**
 * What `reckon learn` uses unless told otherwise: the setting `reckon eval flight` chose on both
 * halves of the Flight benchmark's days (each half learned from its own claims, chosen on the other
 * half's gold; see README): n = 1 plausible false value, a prior of 20 contested cells (also the
 * strength with which a source's record on one metric is shrunk toward its other metrics), at least
 * 30 contested cells to learn anything (overall, and on a metric for a weight of its own there),
 * mirrors differing on at most 2% of ≥ 1000 shared items that cover ≥ 90% of each other's items.
 */
export const DEFAULT_RELIABILITY_OPTIONS: ReliabilityOptions = {
  falseValues: 1,
  priorCells: 20,
  minContested: 30,
  mirrorDisagreement: 0.02,
  mirrorSubsets: false,
}
