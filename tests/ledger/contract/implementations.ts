import * as path from "node:path"
import { tempDir } from "../../support/temp-dir.js"

/**
 * A ledger implementation the contract suite runs against: how to make a fresh, empty ledger
 * (a location `--db` and `ledgerLayer` accept) and how to remove it. PostgreSQL adds a factory
 * here when `RECKON_TEST_PG` is set (issue 13).
 */
export interface LedgerImplementation {
  readonly name: string
  /** A fresh ledger's location (nothing there yet). */
  readonly fresh: () => Promise<string>
  /** Removes what `fresh` made (after the test). */
  readonly drop: (location: string) => Promise<void>
}

export const sqliteImplementation: LedgerImplementation = {
  name: "sqlite",
  // temp-dir removes the folder after each test
  fresh: async () => path.join(tempDir("reckon-contract-"), "ledger.db"),
  drop: async () => {},
}

/** Every implementation available here: SQLite always. */
export const IMPLEMENTATIONS: readonly LedgerImplementation[] = [sqliteImplementation]
