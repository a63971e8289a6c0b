import { describe, expect, it } from "vitest"
import { detectCopies, groupPairs } from "../../src/reliability/detect-copies.js"
import { findNearDuplicates } from "../../src/reliability/find-near-duplicates.js"
import { indexObservations } from "../../src/reliability/observation-index.js"
import type { Observation } from "../../src/reliability/observation.js"
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
  const index = indexObservations(observations)

  it("finds synthetic copiers by their shared wrong values, with evidence, and leaves independent sources alone", () => {
    const { dependent, baseline } = detectCopies(index, truth, { minScore: 10, minShare: 0.9 })
    expect(groupPairs(dependent).map((g) => g.sources)).toEqual([["bad", "bad-copy-1", "bad-copy-2", "bad-copy-3"]])
    const e = dependent.find((x) => x.sources.join() === "bad,bad-copy-1")!
    expect(e.sharedFalse).toBe(e.bothFalse)
    expect(e.same).toBe(e.overlap)
    expect(e.sharedFalse).toBeGreaterThan(1000)
    expect(e.expectedSharedFalse).toBeLessThan(e.sharedFalse / 5)
    expect(e.score).toBeGreaterThan(10)
    expect(baseline).toBeLessThan(0.1)
  })

  it("finds none among independent sources only", () => {
    const { observations: obs, truth: t } = synthesize(SOURCES.filter((s) => s.copies === undefined), 3000, 4)
    expect(detectCopies(indexObservations(obs), t, { minScore: 10 }).dependent).toEqual([])
  })
})

describe("findNearDuplicates (mirrors)", () => {
  it("finds mirrors without any consensus", () => {
    const pairs = findNearDuplicates(indexObservations(synthesize(SOURCES, 3000, 3).observations))
    expect(groupPairs(pairs).map((g) => g.sources)).toEqual([["bad", "bad-copy-1", "bad-copy-2", "bad-copy-3"]])
    for (const p of pairs) expect(p).toMatchObject({ overlap: 3000, same: 3000, coverage: 1 })
  })

  it("does not take an accurate source that covers a part of another's items for its mirror", () => {
    // An airline's own site speaks on its flights only; an aggregator covers every airline and
    // agrees with it on almost all of the airline's flights. Both right is not a copy.
    const obs: Observation[] = []
    for (let i = 0; i < 5000; i += 1) {
      obs.push({ item: `f${i}`, source: "aggregator", value: i })
      if (i % 3 === 0) obs.push({ item: `f${i}`, source: "airline", value: i })
    }
    expect(findNearDuplicates(indexObservations(obs))).toEqual([])
    // …while a site that republishes the aggregator's flights, all of them, is its mirror.
    for (let i = 0; i < 5000; i += 1) obs.push({ item: `f${i}`, source: "republisher", value: i % 97 === 0 ? i + 1 : i })
    expect(findNearDuplicates(indexObservations(obs)).map((p) => p.sources)).toEqual([["aggregator", "republisher"]])
  })

  it("needs many shared items and near-total agreement", () => {
    const obs: Observation[] = []
    for (let i = 0; i < 999; i += 1) obs.push({ item: `i${i}`, source: "x", value: i }, { item: `i${i}`, source: "y", value: i })
    expect(findNearDuplicates(indexObservations(obs))).toEqual([])
    const more = [...obs, { item: "last", source: "x", value: 1 }, { item: "last", source: "y", value: 1 }]
    expect(findNearDuplicates(indexObservations(more))).toHaveLength(1)
    expect(findNearDuplicates(indexObservations(more), { maxDisagreement: 0 })).toHaveLength(1)
    const differ = more.map((o, k) => (o.source === "y" && k < 100 ? { ...o, value: -1 } : o))
    expect(findNearDuplicates(indexObservations(differ))).toEqual([])
  })
})

describe("groupPairs", () => {
  it("joins pairs into connected groups named after their first member, largest first", () => {
    const groups = groupPairs([
      { sources: ["d", "e"] as const }, { sources: ["b", "c"] as const }, { sources: ["a", "b"] as const },
    ])
    expect(groups.map((g) => [g.id, g.sources, g.pairs.length])).toEqual([["copy:a", ["a", "b", "c"], 2], ["copy:d", ["d", "e"], 1]])
  })
})
