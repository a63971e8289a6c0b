import type { Certainty, Claim } from "../domain/claim.js"
import type { ClaimsTable } from "./schema.js"

export type ClaimRow = Omit<ClaimsTable, "seq"> & { readonly seq: number }

/** The columns `claimFromRow` reads: loading only these keeps `raw`, `document_json`… off the reconcile path. */
export const CLAIM_CORE_COLUMNS = [
  "seq", "claim_id", "event", "metric", "scope_json", "source", "via_json", "value_text", "lo", "hi", "best",
  "lo_strict", "hi_strict", "certainty", "method", "at", "stated", "supersedes", "retracts", "quote", "url",
] as const

export type ClaimCoreRow = Pick<ClaimRow, (typeof CLAIM_CORE_COLUMNS)[number]>

const at = Object.fromEntries(CLAIM_CORE_COLUMNS.map((c, i) => [c, i])) as { readonly [C in (typeof CLAIM_CORE_COLUMNS)[number]]: number }

/**
 * A stored claim as the reconciliation core sees it, from its `CLAIM_CORE_COLUMNS` values in that
 * order (a raw row: reading a component's rows as arrays halves what reading them costs at 1M
 * claims); null bounds become infinities again.
 */
export const claimFromValues = (v: readonly unknown[]): Claim => ({
  id: v[at.claim_id] as string,
  event: v[at.event] as string,
  metric: v[at.metric] as string,
  scope: JSON.parse(v[at.scope_json] as string) as Record<string, string>,
  source: v[at.source] as string,
  via: JSON.parse(v[at.via_json] as string) as string[],
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
  quote: v[at.quote] as string | null,
  url: v[at.url] as string | null,
  seq: v[at.seq] as number,
})

/** A stored claim as the reconciliation core sees it, from a row object (`claimFromValues`). */
export const claimFromRow = (r: ClaimCoreRow): Claim => claimFromValues(CLAIM_CORE_COLUMNS.map((c) => r[c]))
