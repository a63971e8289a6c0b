import * as Effect from "effect/Effect"
import type { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import { DEFAULT_RELIABILITY_OPTIONS } from "./default-reliability-options.js"
import { learnReliability, type Reliability, type ReliabilityOptions } from "./learn-reliability.js"
import { readLedgerObservations } from "./ledger-observations.js"
import { storeReliability } from "./store-reliability.js"

export interface LearnSourceReliabilityOptions {
  /** Learn from this dataset's claims only (and replace only what was learned from it). */
  readonly dataset?: string | undefined
  readonly options?: ReliabilityOptions
  readonly now?: string
}

export interface LearnedSourceReliability {
  readonly reliability: Reliability
  /** Point claims read from the ledger. */
  readonly observations: number
  /** Items (cells) they are about. */
  readonly items: number
  readonly millis: { readonly read: number; readonly learn: number; readonly store: number }
}

/**
 * `reckon learn`: reads the ledger's point claims and the catalog's priors, learns every source's
 * reliability with copy detection (`learnReliability`), and stores the result, replacing the
 * previous one, in one transaction that also marks the affected components stale. It does not
 * reconcile: the caller drains the stale components (`reconcileStale`) so that `figures` uses the
 * weights and copy groups.
 */
export const learnSourceReliability = (
  options: LearnSourceReliabilityOptions = {},
): Effect.Effect<LearnedSourceReliability, LedgerError, Ledger> =>
  Effect.gen(function* () {
    const t0 = performance.now()
    const { index, read, priors } = yield* readLedgerObservations({ dataset: options.dataset })
    const t1 = performance.now()
    const reliability = learnReliability(index, options.options ?? DEFAULT_RELIABILITY_OPTIONS, priors)
    const t2 = performance.now()
    yield* storeReliability(reliability, { dataset: options.dataset, ...(options.now !== undefined ? { now: options.now } : {}) })
    const t3 = performance.now()
    return { reliability, observations: read, items: index.items.length, millis: { read: t1 - t0, learn: t2 - t1, store: t3 - t2 } }
  })
