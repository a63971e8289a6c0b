import path from "node:path"
import { describe, expect, it } from "vitest"
import { runFlightEvalReport } from "../../src/eval/flight-eval.js"
import { runLedgerFlightEval } from "../../src/eval/ledger-flight-eval.js"
import { loadStoredReliability } from "../../src/reliability/stored-reliability.js"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { runWithLedger, scalar } from "../support/run-with-ledger.js"
import { tempDir } from "../support/temp-dir.js"
import { writeTinyFlightBenchmark } from "./tiny-flight-benchmark.js"

const ROW_KEYS = ["attribute", "coverage", "items", "method", "precision", "precision10", "split", "width"]

describe("runLedgerFlightEval", () => {
  it("scores the same table through the ledger as the in-memory harness, and stores what it learned from every day", async () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const db = path.join(tempDir(), "eval.db")
    const report = await runWithLedger(db, runLedgerFlightEval({ dataDir: data, workDir: tempDir(), recomputeAll: true }))
    expect(report.counts).toMatchObject({ rows: 14, claims: 48, inserted: 48, duplicates: 0, renamed: 2, observations: 48, goldCells: 8, days: 2 })
    expect(report.ledgerRejections).toEqual([])
    const memory = await runFlightEvalReport({ dataDir: data })
    expect(report.rows).toEqual(memory.rows)
    expect(report.choices.map((c) => c.chosen)).toEqual(memory.choices.map((c) => c.chosen))

    const stored = await runWithLedger(db, loadStoredReliability)
    expect([...stored.keys()].sort()).toEqual(["bad", "bad-copy", "good", "ok"])
    // One flight a day is far too little to learn from: every source keeps its prior.
    expect(report.stored.nothingToLearn).toBe(true)
    for (const r of stored.values()) expect(r).toMatchObject({ weight: null, prior: 1 })
    const figures = scalar(db, "SELECT COUNT(*) FROM figures")
    expect(figures).toBe(16)
  })
})

describe("reckon eval flight (child process)", () => {
  it("prints the table as JSON rows of { split, method, attribute, items, precision, precision10, coverage, width }", () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const r = runCli(["eval", "flight", "--data", data, "--format", "json"])
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(rows).toHaveLength(32)
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(ROW_KEYS)
      expect(row["items"]).toBe(1)
      for (const k of ["precision", "precision10", "coverage"]) {
        expect(row[k]).toBeGreaterThanOrEqual(0)
        expect(row[k]).toBeLessThanOrEqual(1)
      }
    }
    expect(new Set(rows.map((x) => x["method"]))).toEqual(new Set(["reckon", "reckon-equal", "vote", "median"]))
    expect(new Set(rows.map((x) => x["split"]))).toEqual(new Set(["report 2011-12-02, chosen on 2011-12-01", "report 2011-12-01, chosen on 2011-12-02"]))
    // Progress, the choices, what was learned, rejections by source and format, and timings go to stderr.
    expect(r.stderr).toMatch(/ingested: 48 inserted/)
    expect(r.stderr).toMatch(/report 2011-12-02, chosen on 2011-12-01: setting \{"falseValues":1,/)
    expect(r.stderr).toMatch(/both splits chose: /)
    expect(r.stderr).toMatch(/nothing to learn: no source shares 30 or more contested cells/)
    expect(r.stderr).toMatch(/│ ok\s+│ status\s+│ status "Not Available", not a time\s+│ 2\s+│/)
    expect(r.stderr).toMatch(/timings \(ms\)/)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)

    const csv = runCli(["eval", "flight", "--data", data, "--format", "csv"])
    expect(csv.stdout.split("\n")[0]).toBe("split,method,attribute,items,precision,precision10,coverage,width")
    expect(csv.stdout.trim().split("\n")).toHaveLength(33)
  })

  it("keeps the ledger with --db: reckon sources then shows what was learned", () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const db = path.join(tempDir(), "kept.db")
    expect(runCli(["eval", "flight", "--data", data, "--db", db]).code).toBe(0)
    const sources = JSON.parse(runCli(["sources", "--db", db, "--format", "json"]).stdout) as { id: string; contested: number | null; claims: number }[]
    expect(sources.map((s) => s.id)).toEqual(["bad", "bad-copy", "good", "ok"])
    for (const s of sources) expect(s.contested).toBeGreaterThan(0)
    expect(sources.find((s) => s.id === "good")!.claims).toBe(18)
  })

  it("refuses a folder that is not a Flight benchmark, with exit code 2", () => {
    const r = runCli(["eval", "flight", "--data", tempDir()])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not a Flight benchmark folder: no claims\//)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })
})
