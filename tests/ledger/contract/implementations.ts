import * as path from "node:path"
import { dropPgLedger, freshPgLedger, TEST_PG } from "../../support/postgres.js"
import { tempDir } from "../../support/temp-dir.js"

/**
 * A ledger implementation the contract suite runs against: how to make a fresh, empty ledger
 * (a location `--db` and `ledgerLayer` accept) and how to remove it.
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

/** PostgreSQL: a fresh schema on the `RECKON_TEST_PG` server per ledger, dropped after the test. */
export const postgresImplementation: LedgerImplementation = {
  name: "postgres",
  fresh: async () => freshPgLedger(),
  drop: dropPgLedger,
}

/** Every implementation available here: SQLite always, PostgreSQL when `RECKON_TEST_PG` names a server. */
export const IMPLEMENTATIONS: readonly LedgerImplementation[] = TEST_PG === undefined ? [sqliteImplementation] : [sqliteImplementation, postgresImplementation]
