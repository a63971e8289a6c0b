import type { Catalog } from "../domain/catalog.js"
import type { Certainty, Claim } from "../domain/claim.js"
import type { Figure, FigureClaim } from "../domain/figure.js"
import { finiteOrNull } from "../domain/interval.js"
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
 * read by `reckon explain`, which reconciles its one component again to tell them, and each claim
 * it lists as its id, role and weight only (`storedClaim`): the rest is the claim's own row, which
 * `withListedClaims` reads back. A figure row is written again by every reconciliation of its
 * component; the claims' fields were two thirds of it (1.8 KB a figure on the bench's data).
 */
export const storedFigureJson = ({ explanation: _e, ...rest }: Figure, claims: ReadonlyMap<string, Claim>): string =>
  // `claims` replaced where it stands: the figure's keys keep the order the core gives them
  JSON.stringify({ ...rest, claims: rest.claims.map((c) => storedClaim(c, claims.get(c.id))) })

/**
 * A listed claim as stored: `{ id, role, weight }`, with `lo`/`hi` only where the figure lists a
 * bound other than the claim's own (a retracted claim's are null), when every other field is the
 * claim's as its row gives it back; otherwise (a claim not among the component's) the whole entry
 * without quote and url, as figures were stored before.
 */
const storedClaim = (c: FigureClaim, claim: Claim | undefined): object => {
  if (claim === undefined || c.source !== claim.source || c.value !== claim.value || c.certainty !== claim.certainty
    || c.at !== claim.at || c.stated !== claim.stated || c.via.length !== claim.via.length || c.via.some((v, i) => v !== claim.via[i])) {
    const { quote: _q, url: _u, ...whole } = c
    return whole
  }
  return {
    id: c.id, role: c.role, weight: c.weight,
    ...(c.lo !== finiteOrNull(claim.lo) ? { lo: c.lo } : {}), ...(c.hi !== finiteOrNull(claim.hi) ? { hi: c.hi } : {}),
  }
}

/** What a figure lists of a claim that its row holds (`listedClaimFromValues` reads it). */
export type ListedClaimRow = Required<Omit<FigureClaim, "id" | "role" | "weight">>

/** The columns of `claims` a listed claim is read back from, after `claim_id`, in `listedClaimFromValues`' order. */
export const LISTED_CLAIM_COLUMNS = ["claim_id", "source", "via_json", "value_text", "lo", "hi", "certainty", "at", "stated", "quote", "url"] as const

/** A claim id and its `ListedClaimRow`, from the values of `LISTED_CLAIM_COLUMNS`. */
export const listedClaimFromValues = (v: readonly unknown[]): [string, ListedClaimRow] => [v[0] as string, {
  source: v[1] as string, via: JSON.parse(v[2] as string) as string[], value: v[3] as string, lo: v[4] as number | null,
  hi: v[5] as number | null, certainty: v[6] as Certainty, at: v[7] as string | null, stated: v[8] as string | null,
  quote: v[9] as string | null, url: v[10] as string | null,
}]

type StoredListing = Partial<FigureClaim> & Pick<FigureClaim, "id" | "role" | "weight">

/** Whether `rows` hold every claim a stored figure lists (else its event's rows do: `withListedClaims`). */
export const holdsListedClaims = (figure: Pick<Figure, "claims">, rows: ReadonlyMap<string, ListedClaimRow>): boolean =>
  figure.claims.every((c) => rows.has(c.id))

/**
 * A stored figure with its claims whole again, from claim rows by claim id: its component's, or
 * its event's, which hold them whatever a catalog change did (an event's claims are of one
 * dataset, so an id names one claim there; and a claim's event never changes, unlike its
 * component). A claim stored whole (by a reckon before, or not among its component's) gets only
 * its quote and url back.
 */
export const withListedClaims = <F extends Pick<Figure, "claims" | "event">>(figure: F, rows: ReadonlyMap<string, ListedClaimRow>): F => ({
  ...figure,
  claims: (figure.claims as readonly StoredListing[]).map((c): FigureClaim => {
    const r = rows.get(c.id)
    if (c.source !== undefined) return { ...(c as FigureClaim), quote: r?.quote ?? c.quote ?? null, url: r?.url ?? c.url ?? null }
    if (r === undefined) throw new Error(`a stored figure of event "${figure.event}" lists claim "${c.id}", which the ledger does not hold`)
    return {
      id: c.id, source: r.source, via: r.via, value: r.value, lo: c.lo !== undefined ? c.lo : r.lo, hi: c.hi !== undefined ? c.hi : r.hi,
      certainty: r.certainty, role: c.role, weight: c.weight, at: r.at, stated: r.stated, quote: r.quote, url: r.url,
    }
  }),
})
