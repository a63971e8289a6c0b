import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { looksLikeStackTrace, packagesLoadedBy, runCli } from "../../support/run-cli.js"
import { tempDir } from "../../support/temp-dir.js"
import { PG_SKIP_REASON, TEST_PG } from "../../support/postgres.js"

/** A PostgreSQL ledger that cannot be used: one line naming it and why, exit 2, no stack trace. */
describe("a postgres:// ledger that cannot be opened", () => {
  const refused = (args: readonly string[]) => {
    const r = runCli(args)
    expect(r.code).toBe(2)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
    return r.stderr
  }

  it("names the server that refused the connection (no server needed to test this)", () => {
    for (const args of [["figures"], ["ingest", "datasets/spider-web"]]) {
      expect(refused([...args, "--db", "postgres://root@127.0.0.1:1/test"]))
        .toBe("reckon: ledger postgres://root@127.0.0.1:1/test?schema=reckon: cannot open the ledger: connect ECONNREFUSED 127.0.0.1:1\n")
    }
  })

  it("says what is wrong with a URL it cannot use, without showing its password", () => {
    expect(refused(["figures", "--db", "postgres://root:hunter2@127.0.0.1:1"])).toMatch(/^reckon: ledger postgres:\/\/root:\*\*\*@127\.0\.0\.1:1: cannot open the ledger: the URL names no database/)
    const bad = refused(["figures", "--db", "postgres://root:hunter2@127.0.0.1:1/test?schema=Bad-Name"])
    expect(bad).toMatch(/schema "Bad-Name": use lower-case letters/)
    expect(bad).not.toContain("hunter2")
    const hidden = refused(["figures", "--db", "postgres://root:hunter2@127.0.0.1:1/test"])
    expect(hidden).toContain("postgres://root:***@127.0.0.1:1/test?schema=reckon")
    expect(hidden).not.toContain("hunter2")
  })

  it.skipIf(TEST_PG === undefined)(`a read of a schema that holds no ledger creates nothing (${TEST_PG === undefined ? PG_SKIP_REASON : "server given"})`, () => {
    const url = new URL(TEST_PG!)
    url.searchParams.set("schema", `reckon_absent_${process.pid}`)
    expect(refused(["figures", "--db", url.toString()])).toMatch(/: no such ledger \(ingest something first\)\n$/)
    expect(refused(["figures", "--db", url.toString()])).toMatch(/no such ledger/)
  })
})

describe("the bundled CLI", () => {
  it("loads the PostgreSQL driver only for a postgres:// ledger (packages outside the bundle, required on demand)", () => {
    const pg = packagesLoadedBy(["figures", "--db", "postgres://root@127.0.0.1:1/test"])
    expect(pg.run.code).toBe(2)
    const sqlite = packagesLoadedBy(["figures", "--db", path.join(tempDir(), "absent.db")])
    expect(sqlite.run.stderr).toMatch(/no such ledger/)
    for (const m of ["pg", "pg-cursor", "pg-copy-streams"]) {
      expect(pg.packages).toContain(m)
      expect(sqlite.packages).not.toContain(m)
    }
    expect(sqlite.packages).toContain("better-sqlite3")
  })
})
