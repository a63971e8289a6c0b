import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { writeFlightDataset } from "../../../src/adapters/flight/write-flight-dataset.js"
import { ingestPaths } from "../../../src/ingest/ingest-paths.js"
import { parseCatalog } from "../../../src/ingest/parse-catalog.js"
import { writeTinyFlightBenchmark } from "../../eval/tiny-flight-benchmark.js"
import { query, runWithLedger } from "../../support/run-with-ledger.js"
import { tempDir } from "../../support/temp-dir.js"

describe("writeFlightDataset", () => {
  it("writes a dataset folder that the normal ingestion path stores without a rejection", async () => {
    const data = writeTinyFlightBenchmark(tempDir())
    const out = path.join(tempDir(), "flight")
    const written = await writeFlightDataset(data, out)
    expect(written.days).toEqual(["2011-12-01", "2011-12-02"])
    expect(written.files.map((f) => path.basename(f))).toEqual(["claims-20111201.ndjson", "claims-20111202.ndjson"])
    expect(written.sources).toEqual(["bad", "bad-copy", "good", "ok"])
    expect(written.events).toBe(4)
    // Per day: AA-1 4+3+4+4, UA-2 4+4, and the repeated UA-2 row's one cell.
    expect(written.claims).toBe(2 * 24)
    expect(written.renamed).toBe(2)
    expect(written.rejections).toEqual([{ source: "ok", format: "status", reason: 'status "Not Available", not a time', count: 2 }])

    const catalog = parseCatalog(fs.readFileSync(path.join(out, "dataset.yaml"), "utf8"))
    expect(catalog.ok).toBe(true)
    const lines = fs.readFileSync(written.files[0]!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toEqual({
      id: "good/AA-1-TPA-MIA@2011-12-01/departure.scheduled/835", event: "AA-1-TPA-MIA@2011-12-01", metric: "departure.scheduled",
      source: "good", value: 835, certainty: "asserted", quote: "12/01/2011 01:55 PM", note: "MM/DD/YYYY hh:mm AM",
    })
    expect(lines.filter((l) => String(l["id"]).includes("~L"))).toHaveLength(1)

    const db = path.join(tempDir(), "l.db")
    const summary = await runWithLedger(db, ingestPaths([out]))
    expect(summary.files.map((f) => [f.read, f.inserted, f.duplicates, f.rejected])).toEqual([[24, 24, 0, 0], [24, 24, 0, 0]])
    const stored = query(db, "SELECT lo, hi, value_text FROM claims WHERE claim_id LIKE 'good/AA-1-TPA-MIA@2011-12-02/arrival.actual/%'")[0]
    expect(stored).toEqual({ lo: 14 * 60 + 57, hi: 14 * 60 + 57, value_text: "897" })
  })
})
