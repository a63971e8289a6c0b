import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { sharedSeedFile } from "../support/shared-data.js"
import type { Candidate } from "../../src/extract/candidate.js"
import { type CuratedClaim, measureExtraction } from "../../src/extract/measure-extraction.js"
import { catalogOf, extract } from "./extract-support.js"

const ROOT = path.resolve(import.meta.dirname, "../..")
const FOUND = sharedSeedFile("spider-web-isw-2025-06-05.txt")
const SEED = FOUND ?? "(no seed article: ../shared/seeds is missing)"
const withSeed = it.skipIf(FOUND === null)

const curatedOf = (dir: string): CuratedClaim[] =>
  fs.readFileSync(path.join(dir, "claims.ndjson"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as CuratedClaim)

const measure = async (article: string, dataset: string, options: { publisher?: string } = {}) => {
  const dir = path.join(ROOT, "datasets", dataset)
  const catalog = catalogOf(fs.readFileSync(path.join(dir, "dataset.yaml"), "utf8"))
  const { candidates } = await extract(fs.readFileSync(article, "utf8"), catalog, options)
  return measureExtraction(candidates, curatedOf(dir), catalog)
}

const rate = (r: { matched: number; of: number }) => r.matched / r.of

describe("extraction measured against hand-curated datasets (README: Claims from text)", () => {
  withSeed("the seed against datasets/spider-web: recall and precision at least 0.8", async () => {
    const m = await measure(SEED, "spider-web", { publisher: "fakti" })
    // The 12 curated claims whose values are phrases of the text (the 11 others are {lo, hi} floors).
    expect(m.recall.of).toBe(12)
    expect(rate(m.recall)).toBeGreaterThanOrEqual(0.8)
    expect(rate(m.precision)).toBeGreaterThanOrEqual(0.8)
  })

  it("the second article, curated before extraction ran on it: recall and precision at least 0.8", async () => {
    const dir = path.join(ROOT, "datasets", "derna-floods")
    const m = await measure(path.join(dir, "article.txt"), "derna-floods")
    expect(m.recall.of).toBe(12)
    expect(rate(m.recall)).toBeGreaterThanOrEqual(0.8)
    expect(rate(m.precision)).toBeGreaterThanOrEqual(0.8)
  })
})

describe("measureExtraction", () => {
  const catalog = catalogOf(`
name: m
events: [{ id: e }]
sources: [{ id: s, name: Src, aliases: [S] }, { id: t, name: Other }]
metrics: [{ id: x }, { id: y, kind: real }]
`)
  const cand = (over: Partial<Candidate>): Candidate => ({
    event: "e", metric: "x", scope: {}, value: "12", source: "s", certainty: "asserted", quote: "12", span: [0, 2], confidence: 1, ...over,
  })
  it("matches on event, metric, scope, source (alias resolved) and interval, one to one", () => {
    const m = measureExtraction(
      [cand({ value: "twelve" }), cand({ value: "12" }), cand({ value: "at least 3", scope: { d: "v" } }), cand({ source: "t" })],
      [
        { event: "e", metric: "x", source: "S", value: 12 },
        { event: "e", metric: "x", source: "s", value: "12" },
        { event: "e", metric: "x", source: "s", scope: { d: "v" }, value: { lo: 3 } },
        { event: "e", metric: "x", source: "s", value: "13" },
      ],
      catalog,
    )
    expect(m.recall).toEqual({ matched: 2, of: 3 })
    expect(m.curatedIntervals).toEqual({ matched: 1, of: 1 })
    expect(m.precision).toEqual({ matched: 3, of: 4 })
    expect(m.missed).toEqual([3])
    expect(m.unmatched).toEqual([3])
  })
  it("a different interval, scope or metric is no match", () => {
    const curated = [{ event: "e", metric: "x", source: "s", value: "up to 12" }]
    for (const c of [cand({}), cand({ scope: { d: "v" }, value: "up to 12" }), cand({ metric: "y", value: "up to 12" })]) {
      expect(measureExtraction([c], curated, catalog).recall.matched).toBe(0)
    }
    expect(measureExtraction([cand({ value: "no more than 12" })], curated, catalog).recall.matched).toBe(1)
  })
})
