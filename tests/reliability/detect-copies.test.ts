import { describe, expect, it } from "vitest"
import { copyDiscount, detectCopies } from "../../src/reliability/detect-copies.js"
import { findNearDuplicates } from "../../src/reliability/find-near-duplicates.js"
import { learnReliability } from "../../src/reliability/learn-reliability.js"
import { indexObservations } from "../../src/reliability/observation-index.js"
import { synthesize } from "./synthetic.js"

const SOURCES = [
  { name: "a", accuracy: 0.9 },
  { name: "b", accuracy: 0.8 },
  { name: "c", accuracy: 0.8 },
  { name: "d", accuracy: 0.7 },
  { name: "e", accuracy: 0.7 },
  { name: "bad", accuracy: 0.4 },
  { name: "bad-copy-1", accuracy: 0, copies: "bad" },
  { name: "bad-copy-2", accuracy: 0, copies: "bad" },
  { name: "bad-copy-3", accuracy: 0, copies: "bad" },
]

describe("detectCopies", () => {
  const { observations, truth } = synthesize(SOURCES, 3000, 3)

  it("finds synthetic copiers, with evidence, and leaves independent sources alone", () => {
    const { groups, baseline } = detectCopies(observations, truth, { minScore: 10, minShare: 0.9 })
    expect(groups).toHaveLength(1)
    expect(groups[0]!.sources).toEqual(["bad", "bad-copy-1", "bad-copy-2", "bad-copy-3"])
    const e = groups[0]!.evidence.find((x) => x.sources.join() === "bad,bad-copy-1")!
    expect(e.sharedFalse).toBe(e.bothFalse)
    expect(e.sharedFalse).toBeGreaterThan(1000)
    expect(e.expectedSharedFalse).toBeLessThan(e.sharedFalse / 5)
    expect(e.score).toBeGreaterThan(10)
    expect(baseline).toBeLessThan(0.1)
  })

  it("finds no group among independent sources only", () => {
    const { observations: obs, truth: t } = synthesize(SOURCES.filter((s) => s.copies === undefined), 3000, 4)
    expect(detectCopies(obs, t, { minScore: 10 }).groups).toEqual([])
  })

  it("discounts each member of a clique of k to 1/k", () => {
    const { groups } = detectCopies(observations, truth, { minScore: 10 })
    const d = copyDiscount(groups)
    expect(d.get("bad-copy-2")).toBeCloseTo(1 / 4)
    expect(d.get("a")).toBeUndefined()
  })

  it("near-duplicates are found without any consensus", () => {
    const pairs = findNearDuplicates(indexObservations(observations), { minOverlap: 100 })
    expect(new Set(pairs.flatMap((p) => p.sources))).toEqual(new Set(["bad", "bad-copy-1", "bad-copy-2", "bad-copy-3"]))
  })
})

describe("learnReliability", () => {
  it("with copy detection recovers the truth a copying clique outvotes", () => {
    const { observations, truth } = synthesize(SOURCES, 3000, 5)
    const options = { lossScale: 0, priorClaims: 10, falseValues: 10, copyScore: 10, copyMinShare: 0.95 }
    const withCopies = learnReliability(observations, options)
    const without = learnReliability(observations, { ...options, copyScore: Infinity })
    const hits = (m: Map<string, number>): number => [...truth].filter(([k, v]) => m.get(k) === v).length
    expect(hits(withCopies.truth)).toBeGreaterThan(hits(without.truth))
    expect(withCopies.groups.map((g) => g.sources)).toEqual([["bad", "bad-copy-1", "bad-copy-2", "bad-copy-3"]])
    const row = withCopies.sources.find((s) => s.source === "bad-copy-1")!
    expect(row).toMatchObject({ group: "copy:bad", discount: 0.25 })
    expect(withCopies.weights.get("bad-copy-1")).toBeCloseTo(row.weight * 0.25)
    expect(withCopies.weights.get("a")!).toBeGreaterThan(withCopies.weights.get("bad")!)
  })
})
