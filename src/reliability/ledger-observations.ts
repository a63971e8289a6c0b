import { Effect } from "effect"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { Observation } from "./observation.js"
import { indexObservations, type ObservationIndex } from "./observation-index.js"

/**
 * The item an observation is about: the cell (event, metric, scope) and its valid time. A cell
 * without scope and `at` is `event|metric`, the same key as its component and as the Flight gold.
 * @example observationItem("AA-1-TPA-MIA@2011-12-01", "departure.actual", "", null) === "AA-1-TPA-MIA@2011-12-01|departure.actual"
 */
export const observationItem = (event: string, metric: string, scopeKey: string, at: string | null): string =>
  `${event}|${metric}${scopeKey === "" ? "" : `|${scopeKey}`}${at === null ? "" : `|at=${at}`}`

export interface LedgerObservations {
  readonly index: ObservationIndex
  /** Point claims read (before a source's repeated values on one item collapse). */
  readonly read: number
}

/**
 * Reads what reliability learning needs from the ledger's claims: every active point claim
 * ([v, v], not `possible`, not superseded or retracted by an explicit link) as (item, source, v).
 * The ledger streams them straight into the packed index, so the ~1.1M claims of the Flight
 * benchmark never exist as a million JS objects at once. Range claims say too little about a
 * source's error to score it and are left out.
 */
export const readLedgerObservations = (options: { readonly dataset?: string | undefined } = {}): Effect.Effect<LedgerObservations, LedgerError, Ledger> =>
  Effect.flatMap(Ledger, (ledger) => ledger.readPointClaims(options.dataset, (claims) => {
    let read = 0
    function* observations(): Generator<Observation> {
      for (const c of claims) {
        read += 1
        yield { item: observationItem(c.event, c.metric, c.scopeKey, c.at), source: c.source, value: c.value }
      }
    }
    const index = indexObservations(observations())
    return { index, read }
  }))
