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

/**
 * What storing `c` does, given the dataset already holding claims of its event when no catalog
 * declares the event (`open_events`), if any: a claim of another dataset is rejected. An event's
 * claims are reconciled under one catalog (a catalog cannot declare an event another dataset
 * holds claims of, for the same reason): two catalogs could group its metrics differently, and
 * each group's figures would overwrite the other's for the cells they share. Null: no clash.
 */
export const eventClash = (c: NewClaim, holder: string | null | undefined): Extract<WriteOutcome, { kind: "rejected" }> | null =>
  holder == null || holder === c.dataset ? null : {
    kind: "rejected",
    reason: `event "${c.event}" already has claims of dataset "${holder}" (an event's claims are reconciled under one catalog)`,
  }
