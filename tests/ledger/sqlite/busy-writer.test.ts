import { spawn } from "node:child_process"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Ledger } from "../../../src/ledger/ledger.js"
import { query, runWithLedger } from "../../support/run-with-ledger.js"
import { tempDir } from "../../support/temp-dir.js"

/** Another process that takes the write lock, writes a run row, holds the lock for `ms`, then commits. */
const holdWriteLock = (db: string, ms: number) => {
  const script = `
    const Database = require("better-sqlite3")
    const db = new Database(${JSON.stringify(db)})
    db.exec("BEGIN IMMEDIATE")
    db.prepare("INSERT INTO ingest_runs (started, what, read, inserted, duplicates, rejected, outcome) VALUES ('x', 'other process', 0, 0, 0, 0, 'ok')").run()
    process.stdout.write("locked\\n")
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms})
    db.exec("COMMIT")
    db.close()`
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] })
  const locked = new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()))
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve))
  return { locked, exited }
}

describe("a writer on a ledger another process is writing to (SQLite)", () => {
  it("waits for the other's transaction instead of failing, and writes after it", async () => {
    const db = path.join(tempDir(), "busy.db")
    await runWithLedger(db, Effect.void)
    const other = holdWriteLock(db, 1500)
    await other.locked
    const mine = await runWithLedger(db, Effect.flatMap(Ledger, (l) =>
      l.startRun({ what: "this process", dataset: null, job: null, started: "y" })))
    expect(await other.exited).toBe(0)
    // The other process's row was written first, though it committed only after this write began.
    expect(query(db, "SELECT id, what FROM ingest_runs ORDER BY id")).toEqual([{ id: 1, what: "other process" }, { id: mine, what: "this process" }])
    expect(mine).toBe(2)
  })
})
