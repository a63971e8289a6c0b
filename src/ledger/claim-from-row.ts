import type { Certainty, Claim } from "../domain/claim.js"
import type { ClaimsTable } from "./schema.js"

export type ClaimRow = Omit<ClaimsTable, "seq"> & { readonly seq: number }

/** The columns `claimFromRow` reads: loading only these keeps `raw`, `document_json`… off the reconcile path. */
export const CLAIM_CORE_COLUMNS = [
  "seq", "claim_id", "event", "metric", "scope_json", "source", "via_json", "value_text", "lo", "hi", "best",
  "lo_strict", "hi_strict", "certainty", "method", "at", "stated", "supersedes", "retracts", "quote", "url",
] as const

export type ClaimCoreRow = Pick<ClaimRow, (typeof CLAIM_CORE_COLUMNS)[number]>

type CoreColumn = (typeof CLAIM_CORE_COLUMNS)[number]

/** Where each core column is among `columns` (-1: not read, null in the claim). */
const positions = (columns: readonly CoreColumn[]) =>
  Object.fromEntries(CLAIM_CORE_COLUMNS.map((c) => [c, columns.indexOf(c)])) as { readonly [C in CoreColumn]: number }

const fromValues = (v: readonly unknown[], at: { readonly [C in CoreColumn]: number }, json: (text: string) => unknown): Claim => ({
  id: v[at.claim_id] as string,
  event: v[at.event] as string,
  metric: v[at.metric] as string,
  scope: json(v[at.scope_json] as string) as Record<string, string>,
  source: v[at.source] as string,
  via: json(v[at.via_json] as string) as string[],
  value: v[at.value_text] as string,
  lo: (v[at.lo] as number | null) ?? -Infinity,
  hi: (v[at.hi] as number | null) ?? Infinity,
  best: v[at.best] as number | null,
  loStrict: v[at.lo_strict] === 1,
  hiStrict: v[at.hi_strict] === 1,
  certainty: v[at.certainty] as Certainty,
  method: v[at.method] as string | null,
  at: v[at.at] as string | null,
  stated: v[at.stated] as string | null,
  supersedes: v[at.supersedes] as string | null,
  retracts: v[at.retracts] as string | null,
  quote: (v[at.quote] ?? null) as string | null,
  url: (v[at.url] ?? null) as string | null,
  seq: v[at.seq] as number,
})

const CORE_AT = positions(CLAIM_CORE_COLUMNS)

/**
 * A stored claim as the reconciliation core sees it, from its `CLAIM_CORE_COLUMNS` values in that
 * order (a raw row: reading a component's rows as arrays halves what reading them costs at 1M
 * claims); null bounds become infinities again.
 */
export const claimFromValues = (v: readonly unknown[]): Claim => fromValues(v, CORE_AT, JSON.parse)

/**
 * The columns reconciling a component into stored figures reads: the core's but quote and url,
 * which a stored figure does not keep (`storedFigureJson` lists a claim of the component by id).
 */
export const CLAIM_RECONCILE_COLUMNS = CLAIM_CORE_COLUMNS.filter((c) => c !== "quote" && c !== "url")

const RECONCILE_AT = positions(CLAIM_RECONCILE_COLUMNS)

/** Distinct scope and via texts a reader keeps parsed before it starts again. */
const MAX_PARSED_TEXTS = 4096

/**
 * Reads claims from `CLAIM_RECONCILE_COLUMNS` values (quote and url null), each distinct scope
 * and via text parsed once and shared, frozen, by the claims that carry it: the bench's ledger of
 * 1M claims has 36 scopes and 901 via chains, and parsing them for every claim was a sixth of
 * reading a component's claims.
 */
export const reconcileClaimReader = (): ((v: readonly unknown[]) => Claim) => {
  const parsed = new Map<string, unknown>()
  const json = (text: string): unknown => {
    let value = parsed.get(text)
    if (value === undefined) {
      if (parsed.size >= MAX_PARSED_TEXTS) parsed.clear()
      value = Object.freeze(JSON.parse(text))
      parsed.set(text, value)
    }
    return value
  }
  return (v) => fromValues(v, RECONCILE_AT, json)
}

/** A stored claim as the reconciliation core sees it, from a row object (`claimFromValues`). */
export const claimFromRow = (r: ClaimCoreRow): Claim => claimFromValues(CLAIM_CORE_COLUMNS.map((c) => r[c]))
