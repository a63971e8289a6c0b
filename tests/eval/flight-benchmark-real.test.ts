import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { CLI } from "../support/run-cli.js"
import { sharedDataDir } from "../support/shared-data.js"

// The real benchmark takes minutes (1.1M claims through ingest, 6 settings learned on each half),
// so it runs only when asked: RECKON_FLIGHT_BENCH=1 npx vitest run tests/eval/flight-benchmark-real.test.ts
const shared = sharedDataDir()
const flight = shared === null ? null : path.join(shared, "flight")
const wanted = process.env["RECKON_FLIGHT_BENCH"] === "1" && flight !== null && fs.existsSync(flight)

describe.skipIf(!wanted)("reckon eval flight on the real benchmark", () => {
  it("on the held-back days of each split: learned weights match or beat the engine with equal weights, the median and the vote (beat it on actual times)", () => {
    const r = spawnSync(process.execPath, [CLI, "eval", "flight", "--data", flight!, "--format", "json"], { encoding: "utf8", timeout: 1_800_000 })
    expect(r.status).toBe(0)
    const rows = JSON.parse(r.stdout) as { split: string; method: string; attribute: string; items: number; precision: number }[]
    const splits = [...new Set(rows.map((x) => x.split))]
    expect(splits).toHaveLength(2)
    for (const split of splits) {
      const p = (m: string, a: string) => rows.find((x) => x.split === split && x.method === m && x.attribute === a)!.precision
      for (const a of ["scheduled_departure", "actual_departure", "scheduled_arrival", "actual_arrival"]) {
        expect(p("reckon", a)).toBeGreaterThanOrEqual(p("reckon-equal", a))
        expect(p("reckon", a)).toBeGreaterThanOrEqual(p("median", a))
      }
      for (const a of ["scheduled_departure", "scheduled_arrival"]) expect(p("reckon", a)).toBeGreaterThanOrEqual(p("vote", a))
      for (const a of ["actual_departure", "actual_arrival"]) expect(p("reckon", a)).toBeGreaterThan(p("vote", a))
      expect(p("reckon", "actual_departure")).toBeGreaterThanOrEqual(0.85)
      expect(p("reckon", "actual_arrival")).toBeGreaterThanOrEqual(0.95)
    }
    // reckon learn's defaults are the setting this run picks.
    expect(r.stderr).toMatch(/\(the defaults of reckon learn\)/)
  }, 1_800_000)
})
