import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../support/temp-dir.js"

const RUN = path.resolve(import.meta.dirname, "../../dist/bench/run.js")

/**
 * CI smoke test of `npm run bench`: a tiny size end to end in a child process. It checks that the
 * harness produces the JSON with every measure; it never asserts a time (CI machines vary).
 */
describe("npm run bench (smoke, --size 2000)", () => {
  it("writes the results JSON with every measure of issue 6", () => {
    const dir = tempDir()
    const out = path.join(dir, "bench.json")
    const r = spawnSync(process.execPath, [RUN, "--size", "2000", "--out", out, "--work", path.join(dir, "work"), "--no-install"], {
      encoding: "utf8", timeout: 170_000,
    })
    expect(r.stderr).not.toMatch(/bench failed/)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("ingest ÷ raw")
    const result = JSON.parse(fs.readFileSync(out, "utf8"))
    expect(result.sizes).toEqual([2000])
    const run = result.runs[0]
    expect(run.dataset.records).toBe(2000)
    // every record read is accounted for; the generator's bad records are the rejected ones
    expect(run.ingest.read).toBe(2000)
    expect(run.ingest.inserted + run.ingest.duplicates + run.ingest.rejected).toBe(2000)
    expect(run.ingest.rejected).toBe(run.dataset.bad)
    expect(run.ingest.duplicates).toBe(run.dataset.duplicates)
    // the raw baseline inserts exactly the rows the ingest stored
    expect(run.raw.rows).toBe(run.ingest.inserted)
    for (const value of [
      run.ingest.ms, run.ingest.claimsPerSec, run.ingest.peakRssMb, run.raw.rowsPerSec, run.ingestVsRaw,
      run.fullReconcile.ms, run.incremental.libraryMs.p50, run.incremental.cliMs.p50,
      run.figures.libraryMs.p50, run.figures.libraryMs.p99, run.figures.cliMs.p50,
      run.claimsListing.firstRowMs, run.claimsListing.headMs, run.claimsListing.fullCsvMs, run.nodeStartMs, run.threads.ingest.ms, run.threads.fullReconcile.ms,
      result.machineLimits.seqWriteMBps, result.machineLimits.jsonParseRecordsPerSec,
    ]) {
      expect(typeof value).toBe("number")
      expect(Number.isFinite(value) && value > 0).toBe(true)
    }
    // every stored claim is listed (the incremental measure adds a few after the ingest)
    expect(run.claimsListing.rows).toBeGreaterThanOrEqual(run.ingest.inserted)
    expect(run.fullReconcile.components).toBeGreaterThan(0)
    expect(run.fullReconcile.components).toBeLessThanOrEqual(run.dataset.components)
    // with threads the same records come to the same counts
    expect(run.threads.ingest.inserted).toBe(run.ingest.inserted)
    expect(run.threads.ingest.rejected).toBe(run.ingest.rejected)
    expect(run.threads.fullReconcile.components).toBe(run.fullReconcile.components)
    // the peer tool loads the file's JSON lines, or its row says why it was skipped
    if (run.peer.ms === null) expect(run.peer.note).toMatch(/sqlite-utils/)
    else expect(run.peer.rows).toBeGreaterThanOrEqual(2000 - run.dataset.bad)
    // the catalog-only measure: 100k declared events, one claim stored
    expect(result.catalog.events).toBe(100_000)
    expect(result.catalog.ingest.inserted).toBe(1)
    expect(result.catalog.ingest.peakRssMb).toBeGreaterThan(0)
    const measures = result.targets.map((t: { measure: string }) => t.measure).join("\n")
    for (const word of ["raw insert", "full reconcile", "incremental", "library p50", "library p99", "CLI end to end", "peak RSS", "growth", "reckon claims: first row", "| head -3", "start-up", "sqlite-utils", "scaling", "a catalog of 100,000 events"]) {
      expect(measures).toContain(word)
    }
  }, 180_000)
})
