import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { Figure } from "../domain/figure.js"
import { materializedFigures } from "../domain/reconcile.js"

/**
 * What learning (SPEC §4.3) tells reconcile: learned weights by source, by metric where a source
 * has enough evidence on it (metric → source → weight), and copy groups (source → group id).
 */
export interface LearnedVoices {
  readonly weights: ReadonlyMap<string, number>
  readonly metricWeights?: ReadonlyMap<string, ReadonlyMap<string, number>>
  readonly copyGroups: ReadonlyMap<string, string>
}

/**
 * The figures a component materializes: every cell at every valid time it has claims, and — a
 * running tally being asked for "now" more than for any other day (SPEC §6) — every tally's figure
 * at the component's latest `at`, with the learned weights and copy groups (`materializedFigures`).
 */
export const componentFigures = (catalog: Catalog, claims: readonly Claim[], learned: LearnedVoices): Figure[] =>
  materializedFigures({ catalog, claims, ...learned })

/**
 * A figure as stored: without its explanation sentences, which are most of its size and are only
 * read by `reckon explain`, which reconciles its one component again to tell them.
 */
export const storedFigureJson = ({ explanation: _e, ...rest }: Figure): string => JSON.stringify(rest)
