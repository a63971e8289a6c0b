import { Migrator } from "kysely"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { SQLITE_COLUMN_TYPES } from "../../../src/ledger/column-types.js"
import { migrationProvider } from "../../../src/ledger/migrations.js"
import { kyselyFor, openSqlite } from "../../../src/ledger/sqlite/open-sqlite.js"
import { runCli } from "../../support/run-cli.js"
import { execute, query, scalar } from "../../support/run-with-ledger.js"
import { SMALL_CATALOG } from "../../support/small-dataset.js"
import { tempDir, writeFiles } from "../../support/temp-dir.js"

const claim = (id: string | undefined, value: number) =>
  JSON.stringify({ ...(id ? { id } : {}), event: "strike", metric: "aircraft.destroyed", source: "sbu", value, quote: `q ${value}` })

const schemaOf = (db: string) =>
  query<{ type: string; name: string; sql: string | null }>(db, "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('claims', 'claims_readable') ORDER BY type, name")

const migrateTo = async (db: string, name: string): Promise<void> => {
  const sqlite = openSqlite(db)
  try {
    const result = await new Migrator({ db: kyselyFor(sqlite), provider: migrationProvider(SQLITE_COLUMN_TYPES) }).migrateTo(name)
    expect(result.error).toBeUndefined()
  } finally {
    sqlite.close()
  }
}

describe("migration 0012: claims.content_hash not unique", () => {
  it("rebuilds the claims table of a ledger made before it with every row, index, view and seq kept, and duplicates still found", async () => {
    const dir = tempDir()
    const dataset = writeFiles(path.join(dir, "small"), {
      "dataset.yaml": SMALL_CATALOG,
      "claims.ndjson": [claim("a", 1), claim(undefined, 2), claim("c", 3), claim(undefined, 4)].join("\n") + "\n",
    })
    const db = path.join(dir, "ledger.db")
    expect(runCli(["ingest", dataset, "--db", db]).code).toBe(0)
    const now = schemaOf(db)

    // the ledger as reckon left it before 0012, its last claim's row gone so that the counter is past the last seq
    await migrateTo(db, "0011-event-order")
    const before = schemaOf(db)
    expect(before.find((o) => o.name === "claims")?.sql).toMatch(/"content_hash" text not null unique\)$/)
    expect(before.map((o) => o.name)).toContain("sqlite_autoindex_claims_1")
    execute(db, "DELETE FROM claims WHERE seq = (SELECT MAX(seq) FROM claims)")
    // what a user may have added with sqlite3 or Datasette: an index, a trigger, a view of their own
    execute(db, "CREATE INDEX my_claims_stated ON claims (stated)")
    execute(db, "CREATE TABLE my_log (claim_id TEXT)")
    execute(db, "CREATE TRIGGER my_claims_log AFTER INSERT ON claims BEGIN INSERT INTO my_log VALUES (new.claim_id); END")
    execute(db, "CREATE VIEW my_sources AS SELECT DISTINCT source FROM claims")
    const rows = query(db, "SELECT * FROM claims ORDER BY seq")
    const readable = query(db, "SELECT * FROM claims_readable ORDER BY id")
    expect(rows).toHaveLength(3)
    expect(scalar(db, "SELECT seq FROM sqlite_sequence WHERE name = 'claims'")).toBe(4)

    // any command opening it migrates it
    expect(runCli(["migrate", "--db", db]).stdout).toContain("applied 0012-claims-hash-not-unique")
    const mine = ["my_claims_log", "my_claims_stated"]
    expect(schemaOf(db).filter((o) => !mine.includes(o.name))).toEqual(now)
    expect(schemaOf(db).filter((o) => mine.includes(o.name)).map((o) => o.name)).toEqual(["my_claims_stated", "my_claims_log"])
    expect(query(db, "SELECT * FROM my_sources")).toEqual([{ source: "sbu" }])
    expect(schemaOf(db).map((o) => o.name)).not.toContain("sqlite_autoindex_claims_1")
    expect(query(db, "SELECT * FROM claims ORDER BY seq")).toEqual(rows)
    expect(query(db, "SELECT * FROM claims_readable ORDER BY id")).toEqual(readable)
    expect(query(db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }])
    expect(scalar(db, "SELECT seq FROM sqlite_sequence WHERE name = 'claims'")).toBe(4)

    // the same records again are duplicates (with and without ids); a new one gets a seq past the counter
    fs.appendFileSync(path.join(dataset, "claims.ndjson"), `${claim("e", 5)}\n`)
    const again = runCli(["ingest", dataset, "--db", db, "--format", "json"])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject([{ read: 5, inserted: 2, duplicates: 3, rejected: 0 }])
    expect(query(db, "SELECT claim_id FROM my_log")).toHaveLength(2) // the trigger still fires
    const added = query<{ seq: number }>(db, "SELECT seq FROM claims WHERE seq > 3 ORDER BY seq").map((r) => r.seq)
    expect(added).toHaveLength(2)
    expect(added[0]).toBeGreaterThan(4) // a seq once given (4, whose row is gone) is not given again
  })

  it("goes back down to the unique constraint", async () => {
    const dir = tempDir()
    const dataset = writeFiles(path.join(dir, "small"), { "dataset.yaml": SMALL_CATALOG, "claims.ndjson": `${claim("a", 1)}\n` })
    const db = path.join(dir, "ledger.db")
    expect(runCli(["ingest", dataset, "--db", db]).code).toBe(0)
    await migrateTo(db, "0011-event-order")
    expect(() => execute(db, "INSERT INTO claims SELECT NULL, 'b', dataset, event, metric, component, scope_key, scope_json, source, via_json, value_text, lo, hi, lo_strict, hi_strict, best, certainty, method, at, stated, recorded, quote, url, document_json, supersedes, retracts, note, raw, file, line, run_id, content_hash FROM claims"))
      .toThrow(/UNIQUE constraint failed: claims.content_hash/)
  })
})
