import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { runFlightEval, runFlightEvalReport } from "../../src/eval/flight-eval.js"
import { stabbingConsensus } from "../../src/eval/consensus-engine.js"

// A tiny benchmark folder: two days, one gold flight a day; "good" is right, the two copies of
// "bad" repeat the same wrong actual departure, "ok" is right but in another format.
const write = (dir: string): void => {
  fs.mkdirSync(path.join(dir, "claims"), { recursive: true })
  fs.mkdirSync(path.join(dir, "truth"), { recursive: true })
  for (const [file, day, d] of [["20111201", "12/01/2011", "Dec 01"], ["20111202", "12/02/2011", "Dec 02"]] as const) {
    const rows = [
      `good\tAA-1-TPA-MIA\t${day} 01:55 PM\t${day} 02:07 PM\tF7\t${day} 03:00 PM\t${day} 02:57 PM\tD5`,
      `ok\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:07 PM, ${d}\t\t3:00 PM, ${d}\tNot Available\t`,
      `bad\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:30 PM, ${d}\t\t3:00 PM, ${d}\t3:20 PM, ${d}\t`,
      `bad-copy\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:30 PM, ${d}\t\t3:00 PM, ${d}\t3:20 PM, ${d}\t`,
    ]
    fs.writeFileSync(path.join(dir, "claims", `${file}.txt.gz`), gzipSync(rows.join("\n") + "\n"))
    fs.writeFileSync(path.join(dir, "truth", `${file}.txt`), `AA-1-TPA-MIA\t${day} 01:55 PM\t${day} 02:07 PM\tF7\t${day} 03:00 PM\t${day} 02:57 PM\tD5\n`)
  }
}

describe("runFlightEval", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flight-eval-"))
  write(dir)
  const grid = [{ lossScale: 0, priorClaims: 1, falseValues: 10, copyScore: Infinity }]

  it("scores every method on every attribute against the gold standard", async () => {
    const rows = await runFlightEval({ dataDir: dir, grid })
    expect(rows.map((r) => `${r.method}/${r.attribute}`)).toHaveLength(16)
    for (const r of rows) expect(r.items).toBe(2)
    const get = (m: string, a: string) => rows.find((r) => r.method === m && r.attribute === a)!
    // Everyone agrees on the scheduled times.
    for (const m of ["reckon", "reckon-equal", "vote", "median"]) expect(get(m, "scheduled_departure").precision).toBe(1)
    // The copied mistake (2 voices) outvotes the truth (2 voices) on actual departure only by the
    // vote's tie rule (smallest value wins: the truth); reckon-equal sees a tie and gives no best.
    expect(get("reckon-equal", "actual_departure")).toMatchObject({ precision: 0, coverage: 1, width: 23 })
    expect(get("vote", "actual_departure").precision).toBe(1)
    // Actual arrival: "ok" says Not Available, so the copied mistake has 2 voices against 1.
    expect(get("vote", "actual_arrival").precision).toBe(0)
    expect(get("median", "actual_arrival")).toMatchObject({ precision: 0, precision10: 0 })
  })

  it("reports folds, rejections and timings; the stand-in engine gives the same table", async () => {
    const report = await runFlightEvalReport({ dataDir: dir, grid })
    expect(report.folds.map((f) => f.day)).toEqual(["2011-12-01", "2011-12-02"])
    expect(report.rejections).toEqual([{ source: "ok", format: "status", reason: 'status "Not Available", not a time', count: 2 }])
    expect(report.counts).toMatchObject({ rows: 8, claims: 30, goldCells: 8, days: 2 })
    expect(report.millis.total).toBeGreaterThan(0)
    const standIn = await runFlightEval({ dataDir: dir, grid, engine: stabbingConsensus })
    expect(standIn).toEqual(report.rows)
  })
})
