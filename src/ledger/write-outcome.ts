import type { NewClaim, WriteOutcome } from "./claim-batch.js"

/** What the ledger holds under a claim's (dataset, id): enough to tell a duplicate from a clash. */
export interface StoredIdentity {
  readonly content_hash: string
  readonly file: string
  readonly line: number
}

/**
 * What storing `c` does, given the claim stored under its (dataset, id), if any. A record whose
 * content is already in the ledger is a duplicate; a different record reusing a stored id is
 * rejected, since ids are the handles of supersession and expectations.
 */
export const outcomeAgainst = (c: NewClaim, found: StoredIdentity | undefined): WriteOutcome => {
  if (!found) return { kind: "inserted" }
  if (found.content_hash === c.content_hash) return { kind: "duplicate" }
  return { kind: "rejected", reason: `duplicate id "${c.claim_id}": a different claim with this id is stored (${found.file}:${found.line})` }
}
