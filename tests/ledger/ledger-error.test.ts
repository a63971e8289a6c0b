import { describe, expect, it } from "vitest"
import { isRetryableCause, ledgerError } from "../../src/ledger/ledger-error.js"

const coded = (code: string) => Object.assign(new Error(code), { code })

describe("isRetryableCause", () => {
  it("retries SQLite's busy and locked codes and PostgreSQL's serialization, deadlock and lock-timeout states", () => {
    for (const code of ["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "40001", "40P01", "55P03"]) expect(isRetryableCause(coded(code))).toBe(true)
  })

  it("does not retry anything else: constraint violations, a corrupt file, syntax errors, plain errors", () => {
    for (const code of ["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_NOTADB", "SQLITE_ERROR", "23505", "42601"]) expect(isRetryableCause(coded(code))).toBe(false)
    expect(isRetryableCause(new Error("database is locked"))).toBe(false)
    expect(isRetryableCause("SQLITE_BUSY")).toBe(false)
  })

  it("is what a LedgerError made from a driver error says", () => {
    expect(ledgerError("l.db", "storing claims", coded("SQLITE_BUSY"))).toMatchObject({ retryable: true, message: "storing claims: SQLITE_BUSY" })
    expect(ledgerError("l.db", "storing claims", coded("SQLITE_FULL"))).toMatchObject({ retryable: false })
  })

  it("retries opening a PostgreSQL ledger when another schema was dropped under the catalog scan, never when its own is missing", () => {
    const dropped = (schema: string) => Object.assign(new Error(`schema "${schema}" does not exist`), { code: "3F000" })
    expect(ledgerError("pg", "cannot open the ledger", dropped("reckon_test_1_other"), "mine")).toMatchObject({ retryable: true })
    expect(ledgerError("pg", "cannot open the ledger", dropped("mine"), "mine")).toMatchObject({ retryable: false })
    // without the ledger's schema (any other unit of work), a missing schema is final
    expect(ledgerError("pg", "reading claims", dropped("reckon_test_1_other"))).toMatchObject({ retryable: false })
  })
})
