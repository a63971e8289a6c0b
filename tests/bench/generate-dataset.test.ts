import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { countPhrase, numberWords, realPhrase } from "../../bench/phrases.js"
import { Random } from "../../bench/random.js"
import { generateDataset } from "../../bench/generate-dataset.js"
import { normalizeValue } from "../../src/domain/normalize-value.js"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { prepareClaim } from "../../src/ingest/prepare-claim.js"
import { tempDir } from "../support/temp-dir.js"

describe("generateDataset", () => {
  it("is deterministic: the same seed gives the same bytes, another seed other bytes", () => {
    const dir = tempDir()
    const a = generateDataset({ dir: path.join(dir, "a"), records: 3000, seed: 7 })
    const b = generateDataset({ dir: path.join(dir, "b"), records: 3000, seed: 7 })
    const c = generateDataset({ dir: path.join(dir, "c"), records: 3000, seed: 8 })
    expect(fs.readFileSync(a.file, "utf8")).toBe(fs.readFileSync(b.file, "utf8"))
    expect(fs.readFileSync(path.join(a.dir, "dataset.yaml"), "utf8")).toBe(fs.readFileSync(path.join(b.dir, "dataset.yaml"), "utf8"))
    expect(fs.readFileSync(a.file, "utf8")).not.toBe(fs.readFileSync(c.file, "utf8"))
    expect(a.records).toBe(3000)
    expect(fs.readFileSync(a.file, "utf8").split("\n").filter((l) => l !== "")).toHaveLength(3000)
  })

  it("writes a valid catalog, and only its deliberate bad records are rejected", () => {
    const dir = tempDir()
    const stats = generateDataset({ dir: path.join(dir, "bench"), records: 6000, seed: 11 })
    const parsed = parseCatalog(fs.readFileSync(path.join(stats.dir, "dataset.yaml"), "utf8"))
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
    const index = buildCatalogIndex([parsed.catalog])
    let rejected = 0
    const certainties = new Set<string>()
    const lines = fs.readFileSync(stats.file, "utf8").split("\n").filter((l) => l !== "")
    lines.forEach((line, i) => {
      let record: unknown
      try {
        record = JSON.parse(line)
      } catch {
        rejected++
        return
      }
      const r = prepareClaim(record, { file: "claims.ndjson", line: i + 1, raw: line }, index, "bench")
      if (!r.ok) rejected++
      else certainties.add(r.claim.certainty)
    })
    expect(stats.bad).toBeGreaterThan(0)
    expect(rejected).toBe(stats.bad)
    expect(stats.duplicates).toBeGreaterThan(0)
    expect([...certainties].sort()).toEqual(["asserted", "estimated", "possible"])
    for (const form of ["number", "digits", "words", "at-least", "more-than", "up-to", "fewer-than", "range", "about", "nearly", "estimated", "possibly", "vague", "object"]) {
      expect(stats.forms[form] ?? 0).toBeGreaterThan(0)
    }
    expect(lines.some((l) => l.includes('"supersedes"'))).toBe(true)
    expect(lines.some((l) => l.includes('"at"'))).toBe(true)
    // about 10 records per cell, so that 1M records are about 100k cells
    expect(stats.records / stats.cells).toBeGreaterThan(6)
    expect(stats.records / stats.cells).toBeLessThan(14)
  })
})

describe("phrases", () => {
  it("spells numbers in words", () => {
    expect(numberWords(41)).toBe("forty-one")
    expect(numberWords(712)).toBe("seven hundred and twelve")
    expect(numberWords(0)).toBe("zero")
  })

  it("every count phrase reads back as an interval that holds the believed value", () => {
    const rng = new Random(3)
    for (let i = 0; i < 3000; i++) {
      const c = rng.chance(0.1) ? rng.int(1, 30) * 100_000 : rng.int(0, 3000)
      const p = countPhrase(rng, c, "aircraft")
      const r = normalizeValue(p.value, { kind: "count" })
      if (!r.ok) throw new Error(`${JSON.stringify(p)}: ${r.reason}`)
      expect(r.value.lo).toBeLessThanOrEqual(c)
      expect(r.value.hi).toBeGreaterThanOrEqual(c)
    }
  })

  it("every real phrase reads back as an interval that holds the value", () => {
    const rng = new Random(5)
    for (let i = 0; i < 1000; i++) {
      const x = Math.round(rng.next() * 500000) / 100
      const p = realPhrase(rng, x, "km2")
      const r = normalizeValue(p.value, { kind: "real", unit: "km2" })
      if (!r.ok) throw new Error(`${JSON.stringify(p)}: ${r.reason}`)
      expect(r.value.lo).toBeLessThanOrEqual(x + 0.01)
      expect(r.value.hi).toBeGreaterThanOrEqual(x - 0.01)
    }
  })
})
