/**
 * Issue 10 as an analyst meets it: the Hurricane Maria death toll (datasets/hurricane-maria,
 * curated from real reporting), through the CLI and the audit. Each case is one the engine used
 * to get wrong.
 */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { auditDataset, type DatasetAudit } from "../../src/audit/audit-datasets.js"
import { findingLine } from "../../src/audit/audit-finding.js"
import { runCli } from "../support/run-cli.js"
import { tempDir } from "../support/temp-dir.js"

const MARIA = path.resolve("datasets/hurricane-maria")
const EVENT = "hurricane-maria-pr"
const audit = (folder: string): Promise<DatasetAudit> => Effect.runPromise(auditDataset(folder))

type Rec = Record<string, unknown>
/** A copy of the dataset whose claims pass through `edit`, with an expect.yaml that pins nothing. */
const editedMaria = (edit: (records: Rec[]) => Rec[]): string => {
  const dir = path.join(tempDir(), "hurricane-maria")
  fs.cpSync(MARIA, dir, { recursive: true })
  const file = path.join(dir, "claims.ndjson")
  const records = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Rec)
  fs.writeFileSync(file, edit(records).map((r) => JSON.stringify(r)).join("\n") + "\n")
  fs.writeFileSync(path.join(dir, "expect.yaml"), "figures: []\n")
  return dir
}

const ingested = (): { db: string } => {
  const db = path.join(tempDir(), "maria.db")
  const r = runCli(["ingest", MARIA, "--db", db])
  expect(r.code, r.stderr).toBe(0)
  return { db }
}

const figureAt = (db: string, metric: string, at: string, extra: string[] = []) => {
  const r = runCli(["figures", "--db", db, "--event", EVENT, "--metric", metric, "--at", at, "--format", "json", ...extra])
  expect(r.code, r.stderr).toBe(0)
  return (JSON.parse(r.stdout) as Rec[])[0]!
}

describe("the Hurricane Maria death toll, as an analyst queries it", () => {
  it("between two rows of the official tally the best is the count that stood (64), not a midpoint (1520)", () => {
    const { db } = ingested()
    expect(figureAt(db, "deaths.official", "2018-08-20")).toMatchObject({ range: { lo: 64, hi: 2975 }, best: 64, best_candidates: [] })
    expect(figureAt(db, "deaths.official", "2017-11-15")).toMatchObject({ range: { lo: 34, hi: 64 }, best: 34 })
  })

  it("an exact split between the two studies gives no best and names both candidates", () => {
    const { db } = ingested()
    expect(figureAt(db, "deaths.excess", "2018-06-01")).toMatchObject({ range: { lo: 2658, hi: null }, best: null, best_candidates: [2975, 4645] })
    const table = runCli(["figures", "--db", db, "--event", EVENT, "--metric", "deaths.excess", "--at", "2018-06-01"])
    expect(table.stdout).toContain("2975 or 4645")
  })

  it("explain lists every kept voice with what it stands for and its weight, and how the median was taken", () => {
    const { db } = ingested()
    const official = runCli(["explain", "--db", db, "--event", EVENT, "--metric", "deaths.official", "--at", "2018-08-20"])
    expect(official.code).toBe(0)
    expect(official.stdout).toContain("Voice of pr-government (weight 1), kept: [64, 2975]")
    expect(official.stdout).toContain("stands for 64")
    expect(official.stdout).toContain("Best estimate 64: the weighted median of the values the kept voices stand for, in order: 64 (pr-government, weight 1); total weight 1, half 0.5; the cumulative weight first reaches half at 64.")
    const excess = runCli(["explain", "--db", db, "--event", EVENT, "--metric", "deaths.excess", "--at", "2017-12-31"])
    // Each kept voice, its value and weight; the clamping said in words.
    expect(excess.stdout).toContain("Voice of harvard-nejm (weight 0.8), kept: [793, 8498], stands for 4645")
    expect(excess.stdout).toMatch(/Voice of gwu-milken \(weight 0\.8\), kept: \[0, 3290\] .*stands for no value, a bound only/)
    expect(excess.stdout).toContain("4645 (harvard-nejm, weight 0.8); total weight 0.8, half 0.4; the cumulative weight first reaches half at 4645, then clamped into the range: 3290")
    const split = runCli(["explain", "--db", db, "--event", EVENT, "--metric", "deaths.excess", "--at", "2018-06-01"])
    expect(split.stdout).toContain("No best estimate: the voices split evenly between 2975 and 4645")
    expect(split.stdout).toContain("2975 (gwu-milken, weight 0.8), 4645 (harvard-nejm, weight 0.8); total weight 1.6, half 0.8")
  })

  it("a relay stated later does not overrule the study: its role is relayed and the figure is the study's", () => {
    const { db } = ingested()
    const f = figureAt(db, "deaths.excess", "2017-12-31", ["--as-of", "2018-05-31"])
    expect(f).toMatchObject({ range: { lo: 793, hi: 8498 }, best: 4645, voices: 1 })
    const roles = Object.fromEntries((f["claims"] as Rec[]).map((c) => [c["id"], c["role"]]))
    expect(roles).toMatchObject({ "harvard-nejm-4645": "support", "timestribune-harvard-at-least-4645": "relayed" })
    expect((f["claims"] as Rec[]).find((c) => c["id"] === "timestribune-harvard-at-least-4645")).toMatchObject({ weight: 0 })
  })
})

describe("the Hurricane Maria death toll under audit", () => {
  it("warns about a relay that differs from the study, naming both claims, and finds no self-contradiction", async () => {
    const a = await audit(MARIA)
    expect(a.ok).toBe(true)
    expect(a.findings.filter((f) => f.rule === "self-contradiction")).toEqual([])
    const warnings = a.findings.filter((f) => f.severity === "warning")
    expect(warnings.map((f) => f.key["claim"])).toEqual(["byuiscroll-harvard-4645"])
    expect(warnings[0]!.message).toContain('claim "byuiscroll-harvard-4645" relays harvard-nejm via byu-i-scroll as "4,645"')
    expect(warnings[0]!.message).toContain('"harvard-nejm-4645"')
  })

  it("three outlets reporting the estimate, a floor and a relay on the day of the study are three statements, not one", async () => {
    // Keep only what was stated on 2018-05-29: the study and four outlets' reports of it, same source, same day.
    const dir = editedMaria((rs) => rs.filter((r) => r["stated"] === "2018-05-29"))
    const a = await audit(dir)
    expect(a.findings.filter((f) => f.rule === "self-contradiction")).toEqual([])
    expect(a.findings.filter((f) => f.rule === "relay-differs").map((f) => f.key["claim"]).sort()).toEqual([
      "abccolumbia-harvard-4645", "sciencenews-harvard-at-least-4645", "usatoday-harvard-likely-over-5000", "wapo-harvard-4645",
    ])
  })

  it("one article giving two values with nothing in common is a self-contradiction", async () => {
    const dir = editedMaria((rs) => rs.map((r) => (r["id"] === "byuiscroll-harvard-4645"
      ? { ...r, value: "9,000", quote: "Harvard researchers released a study on May 29 reporting 9,000 Americans died." }
      : r)))
    const a = await audit(dir)
    expect(a.ok).toBe(false)
    expect(a.failures.map(findingLine)).toContainEqual(expect.stringMatching(
      /claims\.ndjson:\d+: harvard-nejm gives \[793, 8498\] and 9000 for deaths\.excess at 2017-12-31 in one statement, values with nothing in common/))
  })

  it("the same two values in two documents are two statements", async () => {
    const dir = editedMaria((rs) => rs.map((r) => (r["id"] === "byuiscroll-harvard-4645"
      ? { ...r, value: "9,000", quote: "reporting 9,000 Americans died", url: "https://example.org/other-article", document: { title: "another" } }
      : r)))
    const a = await audit(dir)
    expect(a.findings.filter((f) => f.rule === "self-contradiction")).toEqual([])
    expect(a.ok).toBe(true)
  })
})
