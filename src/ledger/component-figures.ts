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
 * read by `reckon explain`, which reconciles its one component again to tell them, and without its
 * claims' quotes and urls, which the claims table holds (`withClaimTexts` puts them back): a
 * third of what a figure row was, written again by every reconciliation of its component.
 */
export const storedFigureJson = ({ explanation: _e, ...rest }: Figure): string =>
  // `claims` replaced where it stands: the figure's keys keep the order the core gives them
  JSON.stringify({ ...rest, claims: rest.claims.map(({ quote: _q, url: _u, ...c }) => c) })

/** A claim's quote and url, as the claims table holds them. */
export interface ClaimTexts {
  readonly quote: string | null
  readonly url: string | null
}

/**
 * A stored figure with its claims' quotes and urls again, from the claims of its component by
 * claim id (an event's claims are of one dataset, so an id names one claim there). A row stored
 * before figures left them out has them already: the claims table gives the same.
 */
export const withClaimTexts = <F extends Pick<Figure, "claims">>(figure: F, texts: ReadonlyMap<string, ClaimTexts>): F => ({
  ...figure,
  claims: figure.claims.map((c) => {
    const t = texts.get(c.id)
    return { ...c, quote: t?.quote ?? c.quote ?? null, url: t?.url ?? c.url ?? null }
  }),
})
