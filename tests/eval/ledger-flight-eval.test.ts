import path from "node:path"
import { describe, expect, it } from "vitest"
import { DEFAULT_GRID, runFlightEval } from "../../src/eval/flight-eval.js"
import { runLedgerFlightEval } from "../../src/eval/ledger-flight-eval.js"
import { loadCopyGroups, loadStoredReliability } from "../../src/reliability/stored-reliability.js"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { runWithLedger, scalar } from "../support/run-with-ledger.js"
import { tempDir } from "../support/temp-dir.js"
import { writeTinyFlightBenchmark } from "./tiny-flight-benchmark.js"

const ROW_KEYS = ["attribute", "coverage", "items", "method", "precision", "precision10", "width"]

describe("runLedgerFlightEval", () => {
  it("scores the same table through the ledger as the in-memory harness, and stores the learned weights", async () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const db = path.join(tempDir(), "eval.db")
    const report = await runWithLedger(db, runLedgerFlightEval({ dataDir: data, workDir: tempDir(), recomputeAll: true }))
    expect(report.counts).toMatchObject({ rows: 14, claims: 48, inserted: 48, duplicates: 0, renamed: 2, observations: 48, goldCells: 8, days: 2 })
    expect(report.ledgerRejections).toEqual([])
    expect(report.rows.map((r) => `${r.method}/${r.attribute}`)).toHaveLength(16)
    expect(report.rows).toEqual(await runFlightEval({ dataDir: data, grid: DEFAULT_GRID }))
    const get = (m: string, a: string) => report.rows.find((r) => r.method === m && r.attribute === a)!
    for (const m of ["reckon", "reckon-equal", "vote", "median"]) expect(get(m, "scheduled_departure").precision).toBe(1)
    // Two voices for the truth, two for the copied mistake: equal weights cannot choose.
    expect(get("reckon-equal", "actual_departure")).toMatchObject({ precision: 0, coverage: 1, width: 23 })

    const stored = await runWithLedger(db, loadStoredReliability)
    expect([...stored.keys()].sort()).toEqual(["bad", "bad-copy", "good", "ok"])
    expect(stored.get("good")!.weight).toBe(report.overall.reliability.weights.get("good"))
    expect(await runWithLedger(db, loadCopyGroups)).toHaveLength(report.overall.reliability.groups.length)
    const figures = scalar(db, "SELECT COUNT(*) FROM figures")
    expect(figures).toBe(16)
  })
})

describe("reckon eval flight (child process)", () => {
  it("prints the table as JSON rows of { method, attribute, items, precision, precision10, coverage, width }", () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const r = runCli(["eval", "flight", "--data", data, "--format", "json"])
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(rows).toHaveLength(16)
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(ROW_KEYS)
      expect(row["items"]).toBe(2)
      for (const k of ["precision", "precision10", "coverage"]) {
        expect(row[k]).toBeGreaterThanOrEqual(0)
        expect(row[k]).toBeLessThanOrEqual(1)
      }
    }
    expect(new Set(rows.map((x) => x["method"]))).toEqual(new Set(["reckon", "reckon-equal", "vote", "median"]))
    // Progress, rejections by source and format, and timings go to stderr.
    expect(r.stderr).toMatch(/ingested: 48 inserted/)
    expect(r.stderr).toMatch(/│ ok\s+│ status\s+│ status "Not Available", not a time\s+│ 2\s+│/)
    expect(r.stderr).toMatch(/timings \(ms\)/)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)

    const csv = runCli(["eval", "flight", "--data", data, "--format", "csv"])
    expect(csv.stdout.split("\n")[0]).toBe("method,attribute,items,precision,precision10,coverage,width")
    expect(csv.stdout.trim().split("\n")).toHaveLength(17)
  })

  it("keeps the ledger with --db: reckon sources then shows the learned weights", () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const db = path.join(tempDir(), "kept.db")
    expect(runCli(["eval", "flight", "--data", data, "--db", db]).code).toBe(0)
    const sources = JSON.parse(runCli(["sources", "--db", db, "--format", "json"]).stdout) as { id: string; learned: number | null; claims: number }[]
    expect(sources.map((s) => s.id)).toEqual(["bad", "bad-copy", "good", "ok"])
    for (const s of sources) expect(s.learned).not.toBeNull()
    expect(sources.find((s) => s.id === "good")!.claims).toBe(18)
  })

  it("refuses a folder that is not a Flight benchmark, with exit code 2", () => {
    const r = runCli(["eval", "flight", "--data", tempDir()])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not a Flight benchmark folder: no claims\//)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })
})
