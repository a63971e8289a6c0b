import * as Effect from "effect/Effect"
import { Ledger } from "../ledger/ledger.js"
import { checkFilter, type NamedFilter } from "../query/check-filter.js"
import { vocabularyFrom } from "../domain/vocabulary.js"
import { UsageError } from "./usage-error.js"

/**
 * Checks the names of a command's filter against the ledger (SPEC §6): an event, metric, source,
 * dataset, dimension or value it does not know is a usage error naming the closest known names,
 * never an empty result. A source may be named by an alias: the filter comes back with its id.
 */
export const checkNames = <F extends NamedFilter>(filter: F) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    // Of the events, only the one named is read: a catalog may declare a hundred thousand.
    let vocabulary = vocabularyFrom(yield* ledger.declaredNames(filter.event === undefined ? [] : [filter.event]))
    // Events a catalog does not list may still have claims (open catalogs): look only when needed.
    if (filter.event !== undefined && !vocabulary.events.includes(filter.event)) {
      vocabulary = vocabularyFrom(yield* ledger.declaredNames(), (yield* ledger.componentsOf({})).map((c) => c.event))
    }
    const problems = checkFilter(vocabulary, filter)
    if (problems.length > 0) return yield* Effect.fail(new UsageError({ message: problems.join("; ") }))
    const source = filter.source
    if (source === undefined) return filter
    const ids = vocabulary.sourceIds.get(source) ?? []
    return ids.includes(source) || ids.length !== 1 ? filter : { ...filter, source: ids[0]! }
  })
