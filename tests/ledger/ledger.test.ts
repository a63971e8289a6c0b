import { Effect, Either } from "effect"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { closeLedger, openLedger, resolveLedgerPath } from "../../src/ledger/ledger.js"
import { migrations } from "../../src/ledger/migrations.js"
import { tempDir } from "../support/temp-dir.js"

describe("the ledger", () => {
  it("is created on open with WAL, a busy timeout and every migration applied", async () => {
    const file = path.join(tempDir(), "new.db")
    const handle = await Effect.runPromise(openLedger(file))
    expect(handle.sqlite.pragma("journal_mode", { simple: true })).toBe("wal")
    expect(Number(handle.sqlite.pragma("busy_timeout", { simple: true }))).toBeGreaterThan(0)
    const applied = handle.sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").all().map((r) => (r as { name: string }).name)
    expect(applied).toEqual(Object.keys(migrations).sort())
    const names = handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all().map((r) => (r as { name: string }).name)
    expect(names).toEqual(expect.arrayContaining([
      "claims", "claim_links", "rejected_records", "ingest_runs", "sources", "source_aliases", "events", "metrics",
      "metric_parts", "dimensions", "dimension_values", "datasets", "figures", "conflicts",
      "claims_readable", "figures_readable", "conflicts_readable", "ingest_runs_readable", "rejected_records_readable",
    ]))
    await Effect.runPromise(closeLedger(handle))
  })

  it("opens an existing ledger again without re-applying migrations", async () => {
    const file = path.join(tempDir(), "again.db")
    await Effect.runPromise(Effect.flatMap(openLedger(file), closeLedger))
    const handle = await Effect.runPromise(openLedger(file))
    const count = handle.sqlite.prepare("SELECT COUNT(*) AS n FROM kysely_migration").get() as { n: number }
    expect(count.n).toBe(Object.keys(migrations).length)
    await Effect.runPromise(closeLedger(handle))
  })

  it("fails with a LedgerError, not an exception, when the folder does not exist or the file is not SQLite", async () => {
    const dir = tempDir()
    const missing = await Effect.runPromise(Effect.either(openLedger(path.join(dir, "no", "such", "x.db"))))
    expect(Either.isLeft(missing) && missing.left).toMatchObject({ _tag: "LedgerError", message: expect.stringMatching(/does not exist/) })
    const fs = await import("node:fs")
    fs.writeFileSync(path.join(dir, "text.db"), "this is not a database, just text that is long enough to be read as a header")
    const notDb = await Effect.runPromise(Effect.either(openLedger(path.join(dir, "text.db"))))
    expect(Either.isLeft(notDb) && notDb.left).toMatchObject({ _tag: "LedgerError" })
  })

  it("is found at --db, else $RECKON_DB, else ./reckon.db", () => {
    expect(resolveLedgerPath("a.db", { RECKON_DB: "b.db" })).toBe("a.db")
    expect(resolveLedgerPath(undefined, { RECKON_DB: "b.db" })).toBe("b.db")
    expect(resolveLedgerPath(undefined, {})).toBe("reckon.db")
  })
})
