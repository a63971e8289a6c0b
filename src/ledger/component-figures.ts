import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { Figure } from "../domain/figure.js"
import { reconcile } from "../domain/reconcile.js"
import { scopeKey } from "../domain/scope.js"

/**
 * A running tally is asked for "now" more than for any other day: without `--at`, a cumulative
 * figure is shown at the latest `at` that has claims (SPEC §6). The core reports a cell only at the
 * times it has claims of its own, so a tally that last changed months ago (an Oryx row holds until
 * its next row) would show its old date; this adds every cell's figure at the component's latest
 * `at`, so that the newest figure of every cell is the one at the newest date.
 */
const withLatestSlice = (catalog: Catalog, claims: readonly Claim[], figures: Figure[], learned: LearnedVoices): Figure[] => {
  const cumulative = new Set(catalog.metrics.filter((m) => m.cumulative).map((m) => m.id))
  let latest: string | null = null
  for (const c of claims) if (c.at !== null && cumulative.has(c.metric) && (latest === null || c.at > latest)) latest = c.at
  if (latest === null) return figures
  const have = new Set(figures.filter((f) => f.at === latest).map((f) => `${f.metric}\u0000${scopeKey(f.scope)}`))
  const extra = reconcile({ catalog, claims, ...learned, at: latest })
    .filter((f) => cumulative.has(f.metric) && !have.has(`${f.metric}\u0000${scopeKey(f.scope)}`))
  return [...figures, ...extra]
}

/** What learning (SPEC §4.3) tells reconcile: learned weights by source, and copy groups (source → group id). */
export interface LearnedVoices {
  readonly weights: ReadonlyMap<string, number>
  readonly copyGroups: ReadonlyMap<string, string>
}

/**
 * The figures a component materializes: every cell at every valid time it has claims, and at the
 * latest, with the learned weights and copy groups.
 */
export const componentFigures = (catalog: Catalog, claims: readonly Claim[], learned: LearnedVoices): Figure[] =>
  withLatestSlice(catalog, claims, reconcile({ catalog, claims, ...learned }), learned)

/**
 * A figure as stored: without its explanation sentences, which are most of its size and are only
 * read by `reckon explain`, which reconciles its one component again to tell them.
 */
export const storedFigureJson = ({ explanation: _e, ...rest }: Figure): string => JSON.stringify(rest)
