import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../src/reliability/default-reliability-options.js"
import { learnReliability } from "../../src/reliability/learn-reliability.js"
import type { Observation } from "../../src/reliability/observation.js"
import { rng } from "./synthetic.js"

/**
 * A long tail of sources, as real truth-discovery data has it: a prolific source whose claims sit
 * mostly on cells nobody else speaks to, two accurate sources with few claims, plain sources, and a
 * cluster of three mirrors around an accurate original. True accuracies, best first.
 */
const LONG_TAIL = [
  { name: "sharp-1", accuracy: 0.99, coverage: 0.15 },
  { name: "sharp-2", accuracy: 0.94, coverage: 0.15 },
  { name: "original", accuracy: 0.85, coverage: 1 },
  { name: "plain-1", accuracy: 0.78, coverage: 1 },
  { name: "prolific", accuracy: 0.7, coverage: 1 },
  { name: "plain-2", accuracy: 0.62, coverage: 1 },
  { name: "plain-3", accuracy: 0.52, coverage: 1 },
] as const
const MIRRORS = ["mirror-1", "mirror-2", "mirror-3"]

const longTail = (seed: number, shared = 2500, alone = 8000): { observations: Observation[]; truth: Map<string, number> } => {
  const r = rng(seed)
  const observations: Observation[] = []
  const truth = new Map<string, number>()
  for (let i = 0; i < shared; i += 1) {
    const item = `shared-${i}`
    const t = Math.floor(r() * 1440)
    truth.set(item, t)
    for (const s of LONG_TAIL) {
      if (r() >= s.coverage) continue
      // Wrong values come from a few plausible ones, so independent mistakes sometimes coincide.
      const v = r() < s.accuracy ? t : t + 1 + Math.floor(r() * 4)
      observations.push({ item, source: s.name, value: v })
      if (s.name === "original") for (const m of MIRRORS) observations.push({ item, source: m, value: v })
    }
  }
  // The prolific source alone: right or wrong, nobody can tell.
  for (let i = 0; i < alone; i += 1) observations.push({ item: `alone-${i}`, source: "prolific", value: r() < 0.5 ? 1 : 2 })
  return { observations, truth }
}

describe("learnReliability on a long tail (defaults of reckon learn)", () => {
  const { observations, truth } = longTail(11)
  const r = learnReliability(observations, DEFAULT_RELIABILITY_OPTIONS)
  const w = (s: string) => r.weights.get(s)!
  const row = (s: string) => r.sources.find((x) => x.source === s)!

  it("orders sources by true accuracy; mirrors weigh what their original weighs", () => {
    const order = LONG_TAIL.map((s) => s.name)
    for (let k = 1; k < order.length; k += 1) expect(w(order[k - 1]!), `${order[k - 1]} > ${order[k]}`).toBeGreaterThan(w(order[k]!))
    for (const m of MIRRORS) expect(w(m)).toBe(w("original"))
  })

  it("finds the mirrors as one copy group, with evidence", () => {
    expect(r.groups.map((g) => g.sources)).toEqual([["mirror-1", "mirror-2", "mirror-3", "original"]])
    const e = r.groups[0]!.evidence[0]!
    expect(e.same).toBe(e.overlap)
    expect(e.sharedFalse).toBe(e.bothFalse)
    expect(e.sharedFalse).toBeGreaterThan(e.expectedSharedFalse)
  })

  it("counts only the prolific source's contested cells as evidence", () => {
    expect(row("prolific").claims).toBe(2500 + 8000)
    expect(row("prolific").contested).toBe(2500)
    expect(row("sharp-1").contested).toBeLessThan(400)
  })

  it("beats the plain vote against the known truth, and the prolific source's mistakes do not outvote agreeing sources", () => {
    const tallies = new Map<string, Map<number, number>>()
    for (const o of observations) {
      const tally = tallies.get(o.item) ?? new Map<number, number>()
      tally.set(o.value, (tally.get(o.value) ?? 0) + 1)
      tallies.set(o.item, tally)
    }
    const voteHits = [...truth].filter(([item, t]) => {
      const tally = tallies.get(item)!
      const top = Math.max(...tally.values())
      const winners = [...tally].filter(([, n]) => n === top)
      return winners.length === 1 && winners[0]![0] === t
    }).length
    const learnedHits = [...truth].filter(([item, t]) => r.truth.get(item) === t).length
    expect(learnedHits).toBeGreaterThan(voteHits)
  })

  // Other draws with 6000 shared cells: at 2500, sharp-1 (0.99) and sharp-2 (0.94) have ~375 contested cells each, and
  // their agreement rates (±0.015 each) swap in 2–4% of draws (7 of 300 with n = 2, 12 of 300 with n = 1), more noise
  // than a test of the ordering should rest on; at 6000 (~900 cells each) none of 100 draws swapped them with either n.
  test.prop([fc.integer({ min: 1, max: 10_000 })], { numRuns: 4 })("holds on other draws of the same long tail", (seed) => {
    const other = learnReliability(longTail(seed, 6000).observations, DEFAULT_RELIABILITY_OPTIONS)
    const ow = (s: string) => other.weights.get(s)!
    const order = LONG_TAIL.map((s) => s.name)
    for (let k = 1; k < order.length; k += 1) expect(ow(order[k - 1]!)).toBeGreaterThan(ow(order[k]!))
  })
})

describe("learnReliability with nothing to learn", () => {
  it("says so and keeps every prior when no source shares enough contested cells", () => {
    const obs: Observation[] = [
      { item: "hit", source: "sbu", value: 41 }, { item: "damaged", source: "nato", value: 40 },
      { item: "destroyed", source: "avivector", value: 12 }, { item: "destroyed", source: "nato", value: 13 },
    ]
    const r = learnReliability(obs, DEFAULT_RELIABILITY_OPTIONS, new Map([["sbu", 1], ["nato", 1.5], ["avivector", 1]]))
    expect(r.nothingToLearn).toBe(true)
    expect(r.weights.size).toBe(0)
    expect(r.sources.map((s) => [s.source, s.weight, s.atPrior])).toEqual([["avivector", 1, true], ["nato", 1.5, true], ["sbu", 1, true]])
    expect(r.groups).toEqual([])
  })
})
