import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CLAIM_SORT_FIELDS } from "../../ledger/ledger-rows.js"
import { countClaims, streamClaims } from "../../query/query-claims.js"
import { checkNames } from "../check-names.js"
import { effectiveLimit, parseSort, writeStream } from "../list-options.js"
import { claimColumns } from "../record-views.js"
import { ledgerDimensions, ledgerFor, parseScopeArgs } from "../run-support.js"
import type { ClaimsArgs } from "./claims-command.js"

/** `reckon claims`: the stored claims asked for, streamed from the ledger. */
export const runClaims = (o: ClaimsArgs) =>
  Effect.gen(function* () {
    const names = yield* checkNames({
      event: Option.getOrUndefined(o.event), metric: Option.getOrUndefined(o.metric), scope: yield* parseScopeArgs(o.scope),
      source: Option.getOrUndefined(o.source), dataset: Option.getOrUndefined(o.dataset),
    })
    const sort = yield* parseSort(Option.getOrUndefined(o.sort), CLAIM_SORT_FIELDS)
    const offset = Option.getOrUndefined(o.offset)
    const { limit, defaulted } = effectiveLimit(o)
    const filter = { ...names, limit, offset, sort }
    const columns = claimColumns(o.format, yield* ledgerDimensions)
    // Streamed from the ledger: the first rows print at once on a ledger of millions, and `| head` ends it.
    yield* writeStream(streamClaims(filter), o.format, columns, defaulted && limit !== undefined
      ? { shown: limit, count: Effect.map(countClaims(filter), (n) => n - (offset ?? 0)) }
      : undefined)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false })))
