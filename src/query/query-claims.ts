import type { Certainty } from "../domain/claim.js"
import { type Scope, scopeKey } from "../domain/scope.js"
import type { ClaimRow } from "../ledger/claim-from-row.js"
import type { LedgerHandle } from "../ledger/ledger.js"
import { whereEqual } from "./where-equal.js"

export interface ClaimFilter {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  readonly source?: string | undefined
  readonly dataset?: string | undefined
  readonly scope?: Scope | undefined
  readonly limit?: number | undefined
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

/** The stored claims (not the rejected records) matching the filter, in the order they were stored. */
export const queryClaims = (handle: LedgerHandle, filter: ClaimFilter): ClaimRecordOut[] => {
  const where = whereEqual({
    event: filter.event, metric: filter.metric, source: filter.source, dataset: filter.dataset,
    scope_key: filter.scope === undefined ? undefined : scopeKey(filter.scope),
  })
  const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : ""
  const rows = handle.sqlite.prepare(`SELECT * FROM claims ${where.sql} ORDER BY seq${limit}`)
    .all(...where.params) as ClaimRow[]
  return rows.map((r) => ({
    id: r.claim_id, dataset: r.dataset, event: r.event, metric: r.metric, scope: JSON.parse(r.scope_json) as Scope,
    source: r.source, via: JSON.parse(r.via_json) as string[], value: r.value_text, lo: r.lo, hi: r.hi,
    certainty: r.certainty as Certainty, method: r.method, at: r.at, stated: r.stated, supersedes: r.supersedes,
    retracts: r.retracts, quote: r.quote, url: r.url, file: r.file, line: r.line, recorded: r.recorded,
  }))
}
