import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Certainty } from "../domain/claim.js"
import { type Scope, scopeKey } from "../domain/scope.js"
import { Ledger } from "../ledger/ledger.js"
import type { ClaimRow } from "../ledger/claim-from-row.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { ClaimSelection } from "../ledger/ledger-rows.js"

export interface ClaimFilter {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  readonly source?: string | undefined
  readonly dataset?: string | undefined
  readonly scope?: Scope | undefined
  readonly limit?: number | undefined
  readonly offset?: number | undefined
  readonly sort?: ClaimSelection["sort"]
}

/** A stored claim as `reckon claims --format json` prints it (SPEC §6), with its provenance. */
export interface ClaimRecordOut {
  readonly id: string
  readonly dataset: string
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  readonly source: string
  readonly via: readonly string[]
  readonly value: string
  readonly lo: number | null
  readonly hi: number | null
  readonly certainty: Certainty
  readonly method: string | null
  readonly at: string | null
  readonly stated: string | null
  readonly supersedes: string | null
  readonly retracts: string | null
  readonly quote: string | null
  readonly url: string | null
  readonly file: string
  readonly line: number
  readonly recorded: string
}

const selectionOf = (filter: ClaimFilter): ClaimSelection => ({
  event: filter.event, metric: filter.metric, source: filter.source, dataset: filter.dataset,
  scopeKey: filter.scope === undefined ? undefined : scopeKey(filter.scope), limit: filter.limit, offset: filter.offset, sort: filter.sort,
})

/** A stored claim's row as the SPEC §6 record. */
const claimRecord = (r: ClaimRow): ClaimRecordOut => ({
  id: r.claim_id, dataset: r.dataset, event: r.event, metric: r.metric, scope: JSON.parse(r.scope_json) as Scope,
  source: r.source, via: JSON.parse(r.via_json) as string[], value: r.value_text, lo: r.lo, hi: r.hi,
  certainty: r.certainty as Certainty, method: r.method, at: r.at, stated: r.stated, supersedes: r.supersedes,
  retracts: r.retracts, quote: r.quote, url: r.url, file: r.file, line: r.line, recorded: r.recorded,
})

/** The stored claims (not the rejected records) matching the filter, in the order they were stored (or sorted as asked). */
export const queryClaims = (filter: ClaimFilter): Effect.Effect<ClaimRecordOut[], LedgerError, Ledger> =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    return (yield* ledger.claims(selectionOf(filter))).map(claimRecord)
  })

/** The same claims as a stream, read as it is consumed (`reckon claims` on a ledger of millions). */
export const streamClaims = (filter: ClaimFilter): Stream.Stream<ClaimRecordOut, LedgerError, Ledger> =>
  Stream.unwrap(Effect.map(Ledger, (ledger) => Stream.map(ledger.streamClaims(selectionOf(filter)), claimRecord)))

/** How many claims match the filter, without its limit and offset. */
export const countClaims = (filter: ClaimFilter): Effect.Effect<number, LedgerError, Ledger> =>
  Effect.flatMap(Ledger, (ledger) => ledger.countClaims(selectionOf(filter)))
