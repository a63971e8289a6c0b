import * as Effect from "effect/Effect"
import type { ConflictKind } from "../domain/figure.js"
import { parseScopeKey, type Scope } from "../domain/scope.js"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { FigureFilter } from "./figure-filter.js"
import { cellColumns, computeFigures } from "./query-figures.js"

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
export const queryConflicts = (filter: FigureFilter): Effect.Effect<ConflictRecord[], LedgerError, Ledger> =>
  Effect.gen(function* () {
    if (filter.at !== undefined || filter.asOf !== undefined) {
      return (yield* computeFigures(filter)).flatMap((f) =>
        f.conflicts.map((c) => ({ event: f.event, metric: f.metric, scope: f.scope, at: f.at, ...c })))
    }
    const ledger = yield* Ledger
    return (yield* ledger.conflicts(cellColumns(filter))).map((r) => ({
      event: r.event, metric: r.metric, scope: parseScopeKey(r.scopeKey), at: r.at,
      kind: r.kind as ConflictKind, claims: r.claims, against: r.against, reason: r.reason,
    }))
  })
