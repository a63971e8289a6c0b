import type { Scope } from "../domain/scope.js"
import { closestNames, didYouMean } from "./closest-names.js"
import type { Vocabulary } from "../domain/vocabulary.js"

/** The names a query filter may hold (from `--event`, `--metric`, `--source`, `--dataset`, `--scope`). */
export interface NamedFilter {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  readonly source?: string | undefined
  readonly dataset?: string | undefined
  readonly scope?: Scope | undefined
}

/**
 * Why a filter cannot match anything because it names what the ledger does not know (SPEC §6:
 * a typo is a usage error naming the closest names, never an empty result), one line per name;
 * empty when every name is known.
 * @example checkFilter(v, { metric: "aircraft.destroyd" }) // ["--metric aircraft.destroyd: no such metric in the ledger (did you mean aircraft.destroyed?)"]
 */
export const checkFilter = (v: Vocabulary, f: NamedFilter): string[] => {
  const problems: string[] = []
  const check = (option: string, value: string | undefined, what: string, known: readonly string[]) => {
    if (value !== undefined && !known.includes(value)) {
      problems.push(`${option} ${value}: no such ${what} in the ledger${didYouMean(closestNames(value, known))}`)
    }
  }
  check("--dataset", f.dataset, "dataset", v.datasets)
  check("--event", f.event, "event", v.events)
  check("--metric", f.metric, "metric", v.metrics)
  check("--source", f.source, "source", v.sources)
  for (const [dim, value] of Object.entries(f.scope ?? {})) {
    const values = v.dimensions.get(dim)
    if (values === undefined) {
      problems.push(`--scope ${dim}=${value}: no dimension "${dim}" in the ledger${didYouMean(closestNames(dim, [...v.dimensions.keys()]))}`)
    } else if (!values.includes(value)) {
      problems.push(`--scope ${dim}=${value}: ${dim} has no value "${value}"${didYouMean(closestNames(value, values))}`)
    }
  }
  return problems
}
