import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { auditDataset, datasetFolders, type DatasetAudit } from "../../src/audit/audit-datasets.js"
import { findingLine } from "../../src/audit/audit-finding.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const SPIDER = path.resolve("datasets/spider-web")
const audit = (folder: string): Promise<DatasetAudit> => Effect.runPromise(auditDataset(folder))
const lines = (a: DatasetAudit) => a.failures.map(findingLine)

/** A copy of the spider-web dataset whose claims pass through `edit` (one JSON object per line). */
const brokenSpiderWeb = (edit: (records: Record<string, unknown>[]) => Record<string, unknown>[], expectYaml?: string) => {
  const dir = path.join(tempDir(), "spider-web")
  fs.cpSync(SPIDER, dir, { recursive: true })
  const file = path.join(dir, "claims.ndjson")
  const records = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)
  fs.writeFileSync(file, edit(records).map((r) => JSON.stringify(r)).join("\n") + "\n")
  if (expectYaml !== undefined) fs.writeFileSync(path.join(dir, "expect.yaml"), expectYaml)
  return { dir, file }
}
const lineOf = (records: Record<string, unknown>[], id: string) => records.findIndex((r) => r["id"] === id) + 1

describe("reckon audit over the shipped datasets", () => {
  const folders = datasetFolders("datasets")

  it("finds the bundled datasets, each with expect.yaml and README.md", () => {
    expect(folders.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["spider-web", "ua-losses-vs-oryx"]))
    for (const f of folders) {
      expect(fs.existsSync(path.join(f, "expect.yaml")), f).toBe(true)
      expect(fs.existsSync(path.join(f, "README.md")), f).toBe(true)
    }
  })

  for (const folder of datasetFolders("datasets")) {
    it(`passes on ${folder}`, async () => {
      const a = await audit(folder)
      expect(lines(a)).toEqual([])
      expect(a.ok).toBe(true)
      expect(a.checked.figures).toBeGreaterThan(0)
    })
  }
})

describe("reckon audit catches each kind of damage, precisely", () => {
  it("an undeclared source id: the record is rejected and named by file and line", async () => {
    let line = 0
    const { file } = brokenSpiderWeb((rs) => {
      line = lineOf(rs, "maxar-belaya-tu22-2")
      return rs.map((r) => (r["id"] === "maxar-belaya-tu22-2" ? { ...r, source: "nobody" } : r))
    })
    const a = await audit(path.dirname(file))
    expect(a.ok).toBe(false)
    expect(lines(a)).toContain(`${file}:${line}: unknown source "nobody"`)
  })

  it("lo > hi", async () => {
    let line = 0
    const { file } = brokenSpiderWeb((rs) => {
      line = lineOf(rs, "sbu-footage-hit-a-50")
      return rs.map((r) => (r["id"] === "sbu-footage-hit-a-50" ? { ...r, value: { lo: 15, hi: 10 } } : r))
    })
    expect(lines(await audit(path.dirname(file)))).toContainEqual(expect.stringMatching(new RegExp(`^${file}:${line}: .*15.*10`)))
  })

  it("a claim without provenance (no quote, no url)", async () => {
    let line = 0
    const { file } = brokenSpiderWeb((rs) => {
      line = lineOf(rs, "nato-damaged-40")
      return rs.map((r) => {
        if (r["id"] !== "nato-damaged-40") return r
        const { quote: _q, url: _u, ...rest } = r
        return rest
      })
    })
    expect(lines(await audit(path.dirname(file)))).toContain(`${file}:${line}: claim "nato-damaged-40" has no provenance (a quote or a url)`)
  })

  it("a quote that does not contain the claimed number", async () => {
    const { file } = brokenSpiderWeb((rs) => rs.map((r) => (r["id"] === "sbu-hit-41" ? { ...r, value: 42 } : r)))
    expect(lines(await audit(path.dirname(file)))).toContain(`${file}:1: quote does not contain 42`)
  })

  it("a curated {lo, hi} value without a note", async () => {
    let line = 0
    const { file } = brokenSpiderWeb((rs) => {
      line = lineOf(rs, "sbu-footage-hit-a-50")
      return rs.map((r) => {
        if (r["id"] !== "sbu-footage-hit-a-50") return r
        const { note: _n, ...rest } = r
        return rest
      })
    })
    expect(lines(await audit(path.dirname(file)))).toContainEqual(expect.stringMatching(new RegExp(`^${file}:${line}: claim "sbu-footage-hit-a-50": the curated value .* needs a note`)))
  })

  it("a source contradicting itself in one statement", async () => {
    const { file } = brokenSpiderWeb((rs) => [...rs, { ...rs[0]!, id: "sbu-hit-45", value: 45, quote: "hit 45 Russian aircraft" }])
    expect(lines(await audit(path.dirname(file)))).toContainEqual(expect.stringMatching(new RegExp(`^${file}:1: sbu gives 41 and 45 for aircraft.hit in one statement`)))
  })

  it("a duplicate id", async () => {
    const { file } = brokenSpiderWeb((rs) => [...rs, { ...rs[1]!, id: "sbu-hit-41" }])
    const n = fs.readFileSync(file, "utf8").trim().split("\n").length
    expect(lines(await audit(path.dirname(file)))).toContainEqual(expect.stringMatching(new RegExp(`^${file}:${n}: duplicate id "sbu-hit-41"`)))
  })

  it("an expectation the engine does not meet, at its line of expect.yaml", async () => {
    const yaml = "figures:\n  - { event: spider-web, metric: aircraft.destroyed, scope: {}, range: [12, 14] }\n"
    const { dir } = brokenSpiderWeb((rs) => rs, yaml)
    expect(lines(await audit(dir))).toEqual([`${path.join(dir, "expect.yaml")}:2: spider-web aircraft.destroyed {}: expected range [12, 14], got [12, 13]`])
  })

  it("a conflict that is not there, and a pinned finding that is not found", async () => {
    const yaml = [
      "conflicts:",
      "  - { event: spider-web, metric: aircraft.destroyed, scope: {}, kind: direct, claims: [nato-destroyed-13] }",
      "findings:",
      "  - { rule: tally-down, source: sbu, metric: aircraft.hit }",
    ].join("\n")
    const { dir } = brokenSpiderWeb((rs) => rs, yaml)
    const got = lines(await audit(dir))
    expect(got[0]).toMatch(/expect\.yaml:2: spider-web aircraft\.destroyed \{\}: expected direct conflict on nato-destroyed-13, found none$/)
    expect(got[1]).toMatch(/expect\.yaml:4: expected finding \{"rule":"tally-down","source":"sbu","metric":"aircraft.hit"\} not found$/)
  })

  it("a cumulative tally that goes down without a correction fails; with one, or a lowered floor, it is information", async () => {
    const dir = writeFiles(tempDir(), {
      "t/dataset.yaml": "name: t\nevents: [{ id: war }]\nsources: [{ id: gs }, { id: oryx }]\nmetrics: [{ id: tanks, cumulative: true }]\n",
      "t/claims.ndjson": [
        { id: "gs-1", at: "2025-01-01", value: 100 },
        { id: "gs-2", at: "2025-01-02", value: 98 },
        { id: "gs-3", at: "2025-01-03", value: 99 },
        { id: "gs-4", at: "2025-01-04", value: 97, supersedes: "gs-3" },
      ].map((r) => JSON.stringify({ event: "war", metric: "tanks", source: "gs", quote: `tanks: ${r.value}`, ...r })).concat(
        [{ id: "o-1", at: "2025-01-01", value: "at least 50" }, { id: "o-2", at: "2025-01-03", value: "at least 49" }]
          .map((r) => JSON.stringify({ event: "war", metric: "tanks", source: "oryx", quote: `${r.value.slice(9)} tanks`, ...r })),
      ).join("\n"),
    })
    const a = await audit(path.join(dir, "t"))
    const file = path.join(dir, "t", "claims.ndjson")
    expect(lines(a)).toEqual([`${file}:2: gs's tanks tally goes down on 2025-01-02 from 100 to 98 without a correction`])
    expect(a.findings.filter((f) => f.severity === "info").map((f) => f.message)).toEqual([
      "gs's tanks tally goes down on 2025-01-04 from 99 to 97 (corrected: supersedes gs-3)",
      "oryx's tanks tally goes down on 2025-01-03 from 50 to 49 (a floor lowered, not a contradiction)",
    ])
  })
})
