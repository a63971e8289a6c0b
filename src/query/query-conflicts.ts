import type { ConflictKind } from "../domain/figure.js"
import { parseScopeKey, type Scope } from "../domain/scope.js"
import type { LedgerHandle } from "../ledger/ledger.js"
import type { FigureFilter } from "./figure-filter.js"
import { computeFigures } from "./query-figures.js"
import { whereEqual } from "./where-equal.js"
import { cellColumns } from "./query-figures.js"

/** One conflict as `reckon conflicts --format json` prints it (SPEC §6). */
export interface ConflictRecord {
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  readonly at: string | null
  readonly kind: ConflictKind
  readonly claims: readonly string[]
  readonly against: readonly string[]
  readonly reason: string
}

/**
 * Every conflict matching the filter, with the claims on each side: from the materialized
 * conflicts (at every valid time), or reconciled on the fly under `--at`/`--as-of`.
 */
export const queryConflicts = (handle: LedgerHandle, filter: FigureFilter): ConflictRecord[] => {
  if (filter.at !== undefined || filter.asOf !== undefined) {
    return computeFigures(handle, filter).flatMap((f) =>
      f.conflicts.map((c) => ({ event: f.event, metric: f.metric, scope: f.scope, at: f.at, ...c })))
  }
  const where = whereEqual(cellColumns(filter))
  const rows = handle.sqlite.prepare(`SELECT * FROM conflicts ${where.sql}
    ORDER BY event, metric, scope_key, at_key, kind, claims_json`).all(...where.params) as {
      event: string; metric: string; scope_key: string; at_key: string; kind: ConflictKind; claims_json: string; against_json: string; reason: string
    }[]
  return rows.map((r) => ({
    event: r.event, metric: r.metric, scope: parseScopeKey(r.scope_key), at: r.at_key === "" ? null : r.at_key,
    kind: r.kind, claims: JSON.parse(r.claims_json) as string[], against: JSON.parse(r.against_json) as string[], reason: r.reason,
  }))
}
