import { Data } from "effect"

/** The ledger could not be opened, migrated, read or written. */
export class LedgerError extends Data.TaggedError("LedgerError")<{
  readonly path: string
  readonly message: string
}> {}
