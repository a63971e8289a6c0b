import type { ReliabilityOptions } from "./learn-reliability.js"

/**
 * What `reckon learn` uses unless told otherwise: the setting `reckon eval flight` found best over
 * both halves of the Flight benchmark's days, each half learned from its own claims (the two
 * splits chose differently; see README): n = 2 plausible false values, a prior of 20 contested
 * cells, at least 30 contested cells to learn anything, mirrors differing on at most 2% of ≥ 1000
 * shared items that cover ≥ 90% of the smaller source's items.
 */
export const DEFAULT_RELIABILITY_OPTIONS: ReliabilityOptions = {
  falseValues: 2,
  priorCells: 20,
  minContested: 30,
  mirrorDisagreement: 0.02,
  mirrorSubsets: true,
}
