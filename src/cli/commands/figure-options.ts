import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { FigureFilter } from "../../query/figure-filter.js"
import { parseScopeArgs, parseTimeOption } from "../run-support.js"

/** The filter of `figures`, `conflicts` and `explain` from their options, checked. */
export const figureFilterFrom = (o: {
  readonly event: Option.Option<string>
  readonly metric: Option.Option<string>
  readonly scope: readonly string[]
  readonly at: Option.Option<string>
  readonly asOf: Option.Option<string>
  readonly status?: Option.Option<string>
}) =>
  Effect.gen(function* () {
    const filter: FigureFilter = {
      event: Option.getOrUndefined(o.event),
      metric: Option.getOrUndefined(o.metric),
      scope: yield* parseScopeArgs(o.scope),
      at: yield* parseTimeOption("at", o.at),
      asOf: yield* parseTimeOption("as-of", o.asOf),
      status: o.status ? Option.getOrUndefined(o.status) : undefined,
    }
    return filter
  })
