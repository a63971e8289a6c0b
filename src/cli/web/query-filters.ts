import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { figureFilterFrom } from "../commands/figure-options.js"
import { UsageError } from "../usage-error.js"
import type { ClaimFilter } from "../../query/query-claims.js"
import type { FigureFilter } from "../../query/figure-filter.js"
import { parseScopeArgs } from "../run-support.js"
import { STATUSES } from "../report/statuses.js"

/**
 * The query parameters of a page or `/api/…` URL, checked: only the names given (the CLI's option
 * names), each at most once except `scope` (repeatable, `scope=dim=value`). Anything else is a
 * usage error, as an unknown option is on the command line.
 */
export const queryParams = (query: URLSearchParams, names: readonly string[]): Effect.Effect<{ readonly one: ReadonlyMap<string, string>; readonly scope: readonly string[] }, UsageError> =>
  Effect.gen(function* () {
    const one = new Map<string, string>()
    const scope: string[] = []
    for (const [name, value] of query) {
      if (!names.includes(name)) {
        return yield* Effect.fail(new UsageError({ message: `unknown parameter ${name} (known: ${names.join(", ")})` }))
      }
      if (name === "scope") {
        scope.push(value)
        continue
      }
      if (one.has(name)) return yield* Effect.fail(new UsageError({ message: `parameter ${name} given twice` }))
      one.set(name, value)
    }
    return { one, scope }
  })

const opt = (m: ReadonlyMap<string, string>, name: string): Option.Option<string> => Option.fromNullable(m.get(name))

/** `figures` and `conflicts` filters from `event`, `metric`, `scope`, `at`, `as-of` (and `status` where given). */
export const figureFilterFromQuery = (query: URLSearchParams, withStatus: boolean): Effect.Effect<FigureFilter, UsageError> =>
  Effect.gen(function* () {
    const { one, scope } = yield* queryParams(query, ["event", "metric", "scope", "at", "as-of", ...(withStatus ? ["status"] : [])])
    const status = one.get("status")
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      return yield* Effect.fail(new UsageError({ message: `status ${status}: expected one of ${STATUSES.join(", ")}` }))
    }
    return yield* figureFilterFrom({
      event: opt(one, "event"), metric: opt(one, "metric"), scope, at: opt(one, "at"), asOf: opt(one, "as-of"), status: opt(one, "status"),
    })
  })

/** `claims` filters from `event`, `metric`, `scope`, `source`, `dataset`, `limit`. */
export const claimFilterFromQuery = (query: URLSearchParams): Effect.Effect<ClaimFilter, UsageError> =>
  Effect.gen(function* () {
    const { one, scope } = yield* queryParams(query, ["event", "metric", "scope", "source", "dataset", "limit"])
    const limit = one.get("limit")
    if (limit !== undefined && !/^\d+$/.test(limit)) {
      return yield* Effect.fail(new UsageError({ message: `limit ${limit}: expected a whole number` }))
    }
    return {
      event: one.get("event"), metric: one.get("metric"), source: one.get("source"), dataset: one.get("dataset"),
      scope: yield* parseScopeArgs(scope), limit: limit === undefined ? undefined : Number(limit),
    }
  })

/** `copies` of `/api/sources`: `true`/`1` as `reckon sources --copies`, absent, `false` or `0` without. */
export const copiesFromQuery = (query: URLSearchParams): Effect.Effect<boolean, UsageError> =>
  Effect.gen(function* () {
    const { one } = yield* queryParams(query, ["copies"])
    const v = one.get("copies")
    if (v === undefined || v === "false" || v === "0") return false
    if (v === "" || v === "true" || v === "1") return true
    return yield* Effect.fail(new UsageError({ message: `copies ${v}: expected true or false` }))
  })
