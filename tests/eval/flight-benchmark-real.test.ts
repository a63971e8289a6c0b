import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { CLI } from "../support/run-cli.js"
import { sharedDataDir } from "../support/shared-data.js"

// The real benchmark takes minutes (1.1M claims through ingest, 32 settings of cross-validation), so
// it runs only when asked: RECKON_FLIGHT_BENCH=1 npx vitest run tests/eval/flight-benchmark-real.test.ts
const shared = sharedDataDir()
const flight = shared === null ? null : path.join(shared, "flight")
const wanted = process.env["RECKON_FLIGHT_BENCH"] === "1" && flight !== null && fs.existsSync(flight)

describe.skipIf(!wanted)("reckon eval flight on the real benchmark", () => {
  it("beats vote and median on precision for every attribute", () => {
    // runCli stops a child after 2 minutes; this one may take longer on a busy machine.
    const r = spawnSync(process.execPath, [CLI, "eval", "flight", "--data", flight!, "--format", "json"], { encoding: "utf8", timeout: 900_000 })
    expect(r.status).toBe(0)
    const rows = JSON.parse(r.stdout) as { method: string; attribute: string; items: number; precision: number }[]
    const p = (m: string, a: string) => rows.find((x) => x.method === m && x.attribute === a)!.precision
    for (const a of ["scheduled_departure", "actual_departure", "scheduled_arrival", "actual_arrival"]) {
      expect(p("reckon", a)).toBeGreaterThan(p("vote", a))
      expect(p("reckon", a)).toBeGreaterThan(p("median", a))
    }
    expect(rows.find((x) => x.method === "reckon" && x.attribute === "actual_departure")!.items).toBeGreaterThan(1000)
  }, 900_000)
})
