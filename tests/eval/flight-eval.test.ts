import { describe, expect, it } from "vitest"
import { runFlightEvalReport } from "../../src/eval/flight-eval.js"
import { DEFAULT_GRID } from "../../src/eval/reliability-grid.js"
import { tempDir } from "../support/temp-dir.js"
import { writeTinyFlightBenchmark } from "./tiny-flight-benchmark.js"

describe("runFlightEvalReport (in memory)", () => {
  it("scores every method on every attribute of each held-back day, choosing on the other day", async () => {
    const report = await runFlightEvalReport({ dataDir: writeTinyFlightBenchmark(tempDir()) })
    expect(report.rows).toHaveLength(2 * 4 * 4)
    expect([...new Set(report.rows.map((r) => r.split))]).toEqual(["report 2011-12-02, chosen on 2011-12-01", "report 2011-12-01, chosen on 2011-12-02"])
    for (const r of report.rows) expect(r.items).toBe(1)
    const get = (split: number, m: string, a: string) => report.rows.find((r) => r.split === report.choices[split]!.split && r.method === m && r.attribute === a)!
    for (const split of [0, 1]) {
      for (const m of ["reckon", "reckon-equal", "vote", "median"]) expect(get(split, m, "scheduled_departure").precision).toBe(1)
      // The copied mistake (2 voices) against the truth (2 voices): the vote's tie rule picks the
      // smallest value (the truth); the engine sees a tie and gives no best, and nothing could be
      // learned from one flight, so reckon keeps every prior and the tie stays a tie.
      expect(get(split, "reckon", "actual_departure")).toMatchObject({ precision: 0, coverage: 1, width: 23 })
      expect(get(split, "reckon-equal", "actual_departure")).toMatchObject({ precision: 0, coverage: 1, width: 23 })
      expect(get(split, "vote", "actual_departure").precision).toBe(1)
    }
    expect(report.choices.every((c) => c.reliability.nothingToLearn)).toBe(true)
    expect(report.defaults).toEqual({ index: 0, options: DEFAULT_GRID[0], agreed: true })
    expect(report.rejections).toEqual([{ source: "ok", format: "status", reason: 'status "Not Available", not a time', count: 2 }])
    expect(report.counts).toMatchObject({ rows: 14, goldCells: 8, days: 2 })
  })
})
