import type { Certainty, Claim } from "../domain/claim.js"
import type { ClaimsTable } from "./schema.js"

export type ClaimRow = Omit<ClaimsTable, "seq"> & { readonly seq: number }

/** The columns `claimFromRow` reads: loading only these keeps `raw`, `document_json`… off the reconcile path. */
export const CLAIM_CORE_COLUMNS = [
  "seq", "claim_id", "event", "metric", "scope_json", "source", "via_json", "value_text", "lo", "hi", "best",
  "lo_strict", "hi_strict", "certainty", "method", "at", "stated", "supersedes", "retracts", "quote", "url",
] as const

export type ClaimCoreRow = Pick<ClaimRow, (typeof CLAIM_CORE_COLUMNS)[number]>

/** A stored claim as the reconciliation core sees it: null bounds become infinities again. */
export const claimFromRow = (r: ClaimCoreRow): Claim => ({
  id: r.claim_id,
  event: r.event,
  metric: r.metric,
  scope: JSON.parse(r.scope_json) as Record<string, string>,
  source: r.source,
  via: JSON.parse(r.via_json) as string[],
  value: r.value_text,
  lo: r.lo ?? -Infinity,
  hi: r.hi ?? Infinity,
  best: r.best,
  loStrict: r.lo_strict === 1,
  hiStrict: r.hi_strict === 1,
  certainty: r.certainty as Certainty,
  method: r.method,
  at: r.at,
  stated: r.stated,
  supersedes: r.supersedes,
  retracts: r.retracts,
  quote: r.quote,
  url: r.url,
  seq: r.seq,
})
