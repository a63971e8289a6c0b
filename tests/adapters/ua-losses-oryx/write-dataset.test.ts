import { mkdtempSync, readFileSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { sharedDataDir } from "../../support/shared-data.js"
import { parse } from "yaml"
import { writeUaLossesOryxDataset } from "../../../src/adapters/ua-losses-oryx/write-dataset.js"
import type { ClaimRecord } from "../../../src/adapters/ua-losses-oryx/types.js"

const FOUND = sharedDataDir()
const DATA = FOUND ?? join(process.cwd(), "../shared/data")
/** Tests that read the real third-party data; skipped (and said so) where a clone has none. */
const withData = it.skipIf(FOUND === null)
const COMMITTED = join(process.cwd(), "datasets/ua-losses-vs-oryx")

const listFiles = (dir: string, prefix = ""): string[] =>
  readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]).sort()

const readClaims = (dir: string): ClaimRecord[] =>
  ["general-staff.ndjson.gz", "oryx.ndjson.gz"].flatMap((f) =>
    gunzipSync(readFileSync(join(dir, f))).toString("utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as ClaimRecord))

describe.skipIf(FOUND === null)("writing the dataset from the real data", () => {
  const a = mkdtempSync(join(tmpdir(), "ua-oryx-a-"))
  const b = mkdtempSync(join(tmpdir(), "ua-oryx-b-"))
  let written: ReturnType<typeof write> | undefined
  const write = () => Promise.all([writeUaLossesOryxDataset({ dataDir: DATA, outDir: a }), writeUaLossesOryxDataset({ dataDir: DATA, outDir: b })])
  const run = () => (written ??= write())

  it("is deterministic: two runs give byte-identical files", async () => {
    const [summary] = await run()
    expect(listFiles(a)).toEqual([...summary.files].sort())
    expect(listFiles(b)).toEqual(listFiles(a))
    for (const f of listFiles(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true)
  })

  it("matches the committed dataset (regenerate it when the adapter changes)", async () => {
    await run()
    expect(listFiles(COMMITTED)).toEqual(listFiles(a))
    for (const f of listFiles(a)) expect(readFileSync(join(COMMITTED, f)).equals(readFileSync(join(a, f))), f).toBe(true)
  })

  it("reports what it wrote", async () => {
    const [summary] = await run()
    const claims = readClaims(a)
    expect(summary.claims.total).toBe(claims.length)
    expect(summary.claims["general-staff"]).toBe(claims.filter((c) => c.source === "general-staff").length)
    expect(summary.findings.tallyDowns).toBeGreaterThan(summary.findings.tallyDownsCorrected)
  })

  it("carries the seed event's numbers", async () => {
    await run()
    const byId = new Map(readClaims(a).map((c) => [c.id, c]))
    expect(byId.get("gs-aircraft-2025-06-02")?.value).toBe(372)
    expect(byId.get("gs-aircraft-2025-06-03")?.value).toBe(413)
    expect(byId.get("oryx-aircraft-destroyed-2025-05-18")?.value).toBe("at least 124")
    expect(byId.get("oryx-aircraft-damaged-2025-05-18")?.value).toBe("at least 17")
    expect(byId.get("oryx-aircraft-destroyed-2025-06-08")?.value).toBe("at least 137")
    expect(byId.get("oryx-aircraft-damaged-2025-06-08")?.value).toBe("at least 20")
  })
})

describe("the committed dataset", () => {
  const catalog = parse(readFileSync(join(COMMITTED, "dataset.yaml"), "utf8")) as {
    events: { id: string }[]; sources: { id: string }[]; metrics: { id: string; parts?: string[]; cumulative?: boolean }[]
  }
  const claims = readClaims(COMMITTED)
  const metricIds = new Set(catalog.metrics.map((m) => m.id))

  it("declares every id its claims use, and every part", () => {
    const events = new Set(catalog.events.map((e) => e.id))
    const sources = new Set(catalog.sources.map((s) => s.id))
    for (const c of claims) {
      expect(events.has(c.event), c.id).toBe(true)
      expect(sources.has(c.source), c.id).toBe(true)
      expect(metricIds.has(c.metric), c.id).toBe(true)
    }
    for (const m of catalog.metrics) for (const p of m.parts ?? []) expect(metricIds.has(p), p).toBe(true)
    expect(catalog.metrics.every((m) => m.cumulative === true)).toBe(true)
  })

  it("has unique claim ids, and every supersedes points at an earlier claim of the same cell", () => {
    const byId = new Map(claims.map((c) => [c.id, c]))
    expect(byId.size).toBe(claims.length)
    for (const c of claims.filter((x) => x.supersedes)) {
      const old = byId.get(c.supersedes ?? "")
      expect(old?.metric).toBe(c.metric)
      expect(old?.source).toBe(c.source)
      expect((old?.at ?? "") < c.at).toBe(true)
    }
  })

  withData("points at the upstream line that holds the number (General Staff quote, Oryx note)", () => {
    const gsLines = readFileSync(join(DATA, "ua-losses/russia_losses_equipment.json"), "utf8").split("\n")
    const oryxLines = readFileSync(join(DATA, "oryx/daily_count.csv"), "utf8").split("\n")
    for (const c of claims) {
      const line = Number(/#L(\d+)$/.exec(c.url)?.[1])
      const text = c.source === "general-staff" ? gsLines[line - 1] : oryxLines[line - 1]
      if (c.source === "general-staff") {
        expect(text, c.id).toContain(c.quote)
        expect(c.quote, c.id).toBe(`${/^\s*("[^"]+": -?\d+)/.exec(text ?? "")?.[1]}`)
        expect(c.quote, c.id).toContain(String(c.value))
      } else {
        const fragment = /: (Russia,.*) \(country,/.exec(c.note ?? "")?.[1] ?? "no fragment"
        expect(text?.startsWith(fragment), c.id).toBe(true)
        expect(c.note, c.id).toContain(`= ${String(c.value).replace("at least ", "")} in daily_count.csv line ${line}:`)
      }
    }
  })

  it("expects only ids the catalog declares and claims that exist", () => {
    const expectations = parse(readFileSync(join(COMMITTED, "expect.yaml"), "utf8")) as {
      figures: { metric: string }[]; conflicts: { metric: string; claims: string[] }[]; findings: { metric: string; source: string }[]
    }
    const ids = new Set(claims.map((c) => c.id))
    for (const f of expectations.figures) expect(metricIds.has(f.metric), f.metric).toBe(true)
    for (const f of expectations.findings) expect(metricIds.has(f.metric), f.metric).toBe(true)
    for (const c of expectations.conflicts) for (const id of c.claims) expect(ids.has(id), id).toBe(true)
    expect(expectations.findings.length).toBeGreaterThan(0)
  })
})
