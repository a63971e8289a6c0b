import type { LedgerHandle } from "../ledger/ledger.js"
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
  /** Every source's prior weight in the catalog: what learning shrinks toward. */
  readonly priors: ReadonlyMap<string, number>
}

/**
 * Reads what reliability learning needs from the ledger's `claims` table (and the catalog's prior
 * weights); with `events`, only claims about the events it accepts (the days of a benchmark split): every active point claim
 * ([v, v], not `possible`, not superseded or retracted by an explicit link) as (item, source, v).
 * Rows are streamed with `iterate()` straight into the packed index, so the ~1.1M claims of the
 * Flight benchmark never exist as a million JS objects at once. Range claims say too little about a
 * source's error to score it and are left out.
 */
export const readLedgerObservations = (
  handle: LedgerHandle,
  options: { readonly dataset?: string | undefined; readonly events?: (event: string) => boolean } = {},
): LedgerObservations => {
  const db = handle.sqlite
  const dataset = options.dataset
  const keepEvent = options.events ?? (() => true)
  const replaced = new Set(
    (db.prepare(`SELECT dataset, target_claim_id FROM claim_links${dataset === undefined ? "" : " WHERE dataset = ?"}`)
      .raw().all(...(dataset === undefined ? [] : [dataset])) as [string, string][])
      .map(([d, id]) => `${d}\u0000${id}`),
  )
  // The dataset is filtered here, not in SQL: with `dataset = ?` SQLite walks the (dataset, claim_id)
  // index and fetches a million rows in id order, several times slower than one scan of the table.
  const withIds = replaced.size > 0
  const rows = db.prepare(`SELECT event, metric, scope_key, at, source, lo, dataset${withIds ? ", claim_id" : ""} FROM claims
    WHERE lo IS NOT NULL AND lo = hi AND certainty <> 'possible'`)
    .raw()
    .iterate() as IterableIterator<[string, string, string, string | null, string, number, string, string?]>
  let read = 0
  function* observations(): Generator<Observation> {
    for (const [event, metric, scope, at, source, lo, d, id] of rows) {
      if (dataset !== undefined && d !== dataset) continue
      if (!keepEvent(event)) continue
      if (withIds && replaced.has(`${d}\u0000${id}`)) continue
      read += 1
      yield { item: observationItem(event, metric, scope, at), source, value: lo }
    }
  }
  const index = indexObservations(observations())
  // A source id may be declared by several datasets, each with its own prior: the learned dataset's wins.
  const priors = new Map((db.prepare("SELECT id, weight FROM sources ORDER BY dataset = ?, dataset").raw().all(dataset ?? null) as [string, number][]))
  return { index, read, priors }
}
