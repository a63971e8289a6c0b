import type { ReliabilityOptions } from "./learn-reliability.js"

/**
 * What `reckon learn` uses unless told otherwise: the parameters leave-one-day-out
 * cross-validation chose on every fold of the Flight benchmark (exact-match loss, a light prior of
 * 10 pseudo-claims, two plausible false values per item; copies need a log-likelihood score of 50,
 * 99.5% of shared mistakes alike and at least 20 of them).
 */
export const DEFAULT_RELIABILITY_OPTIONS: ReliabilityOptions = {
  lossScale: 0,
  priorClaims: 10,
  falseValues: 2,
  copyScore: 50,
  copyMinShare: 0.995,
  copyMinSharedFalse: 20,
  maxRounds: 4,
}
