import * as crypto from "node:crypto"
import { dropPostgresLedger } from "../../src/ledger/postgres/drop-ledger.js"

/**
 * The PostgreSQL server the tests may use: `RECKON_TEST_PG` (.ci/run sets it to the local
 * server); unset, the PostgreSQL tests are skipped and say why.
 */
export const TEST_PG = process.env["RECKON_TEST_PG"] || undefined

export const PG_SKIP_REASON = "RECKON_TEST_PG is not set (e.g. RECKON_TEST_PG=postgres://root@127.0.0.1:5432/test): PostgreSQL tests skipped"

/** A fresh, empty ledger on the test server: a schema of its own (drop it with `dropPgLedger`). */
export const freshPgLedger = (base: string = TEST_PG!): string => {
  const url = new URL(base)
  url.searchParams.set("schema", `reckon_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`)
  return url.toString()
}

export const dropPgLedger = (url: string): Promise<void> => dropPostgresLedger(url)
