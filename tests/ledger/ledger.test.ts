import { Effect, Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { Ledger, resolveLedgerPath } from "../../src/ledger/ledger.js"
import { ledgerLayer } from "../../src/ledger/ledger-layer.js"
import { migrations } from "../../src/ledger/migrations.js"
import { query, runWithLedger } from "../support/run-with-ledger.js"
import { tempDir } from "../support/temp-dir.js"

const open = (file: string) => Effect.runPromise(Effect.either(Effect.provide(Ledger, ledgerLayer(file))))

describe("the SQLite ledger", () => {
  it("is created on open with WAL, a busy timeout and every migration applied", async () => {
    const file = path.join(tempDir(), "new.db")
    const migrated = await runWithLedger(file, Effect.map(Ledger, (l) => l.migrated))
    expect(migrated).toEqual(Object.keys(migrations))
    expect(query<{ journal_mode: string }>(file, "PRAGMA journal_mode")[0]!.journal_mode).toBe("wal")
    expect(query(file, "SELECT name FROM kysely_migration ORDER BY name").map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations).sort())
    const names = query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining([
      "claims", "claim_links", "rejected_records", "ingest_runs", "sources", "source_aliases", "events", "metrics",
      "metric_parts", "dimensions", "dimension_values", "datasets", "figures", "conflicts", "stale_components", "process_leases",
      "claims_readable", "figures_readable", "conflicts_readable", "ingest_runs_readable", "rejected_records_readable",
    ]))
  })

  it("keeps SQLite's column types: integer keys that number themselves, real bounds", () => {
    const file = path.join(tempDir(), "types.db")
    return runWithLedger(file, Effect.void).then(() => {
      const claims = query<{ name: string; type: string; pk: number }>(file, "PRAGMA table_info(claims)")
      expect(claims.find((c) => c.name === "seq")).toMatchObject({ type: "INTEGER", pk: 1 })
      expect(claims.find((c) => c.name === "lo")).toMatchObject({ type: "REAL" })
      expect(query(file, "SELECT sql FROM sqlite_master WHERE name = 'claims'")[0]).toMatchObject({ sql: expect.stringMatching(/"seq" integer primary key autoincrement/) })
    })
  })

  it("opens an existing ledger again without re-applying migrations", async () => {
    const file = path.join(tempDir(), "again.db")
    await runWithLedger(file, Effect.void)
    expect(await runWithLedger(file, Effect.map(Ledger, (l) => l.migrated))).toEqual([])
    expect(query(file, "SELECT COUNT(*) AS n FROM kysely_migration")).toEqual([{ n: Object.keys(migrations).length }])
  })

  it("fails with a LedgerError, not an exception, when the folder does not exist or the file is not SQLite", async () => {
    const dir = tempDir()
    const missing = await open(path.join(dir, "no", "such", "x.db"))
    expect(Either.isLeft(missing) && missing.left).toMatchObject({ _tag: "LedgerError", retryable: false, message: expect.stringMatching(/does not exist/) })
    fs.writeFileSync(path.join(dir, "text.db"), "this is not a database, just text that is long enough to be read as a header")
    const notDb = await open(path.join(dir, "text.db"))
    expect(Either.isLeft(notDb) && notDb.left).toMatchObject({ _tag: "LedgerError", retryable: false })
  })

  it("is found at --db, else $RECKON_DB, else ./reckon.db", () => {
    expect(resolveLedgerPath("a.db", { RECKON_DB: "b.db" })).toBe("a.db")
    expect(resolveLedgerPath(undefined, { RECKON_DB: "b.db" })).toBe("b.db")
    expect(resolveLedgerPath(undefined, {})).toBe("reckon.db")
  })
})
