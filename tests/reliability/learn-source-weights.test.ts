import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { learnSourceWeights } from "../../src/reliability/learn-source-weights.js"
import { indexObservations } from "../../src/reliability/observation-index.js"
import { robustLoss } from "../../src/reliability/robust-loss.js"
import { weightedVote } from "../../src/reliability/weighted-vote.js"
import { synthesize } from "./synthetic.js"

const OPTIONS = { lossScale: 0, priorClaims: 10, falseValues: 10 }

describe("learnSourceWeights", () => {
  const { observations, truth } = synthesize(
    [
      { name: "good", accuracy: 0.95 },
      { name: "fair-1", accuracy: 0.7 },
      { name: "fair-2", accuracy: 0.7 },
      { name: "poor", accuracy: 0.3 },
      { name: "noise", accuracy: 0.05 },
    ],
    2000,
  )

  it("gives a more reliable source a higher weight", () => {
    const r = learnSourceWeights(observations, OPTIONS)
    const w = (s: string): number => r.weights.get(s)!
    expect(w("good")).toBeGreaterThan(w("fair-1"))
    expect(w("fair-1")).toBeGreaterThan(w("poor"))
    expect(w("poor")).toBeGreaterThan(w("noise"))
    // The error estimates land near the true error rates.
    const err = new Map(r.sources.map((s) => [s.source, s.error]))
    expect(err.get("good")!).toBeLessThan(0.1)
    expect(err.get("noise")!).toBeGreaterThan(0.85)
  })

  it("stabilizes: converges, and running it again gives the same weights", () => {
    const a = learnSourceWeights(observations, OPTIONS)
    const b = learnSourceWeights([...observations].reverse(), OPTIONS)
    expect(a.converged).toBe(true)
    expect(a.iterations).toBeLessThan(50)
    expect([...b.weights]).toEqual([...a.weights])
  })

  it("beats the equal-weight vote against the known truth", () => {
    // Mediocre sources whose independent mistakes often coincide outvote the good one when weights are equal.
    const { observations, truth } = synthesize(
      [
        { name: "good", accuracy: 0.9 },
        { name: "fair-1", accuracy: 0.45, spread: 3 },
        { name: "fair-2", accuracy: 0.45, spread: 3 },
        { name: "fair-3", accuracy: 0.45, spread: 3 },
        { name: "fair-4", accuracy: 0.45, spread: 3 },
      ],
      2000,
      11,
    )
    const learned = learnSourceWeights(observations, OPTIONS)
    const index = indexObservations(observations)
    const ones = new Float64Array(index.sources.length).fill(1)
    const equalHits = index.items.filter((item, i) => weightedVote(index, i, ones) === truth.get(item)).length
    const learnedHits = [...truth].filter(([k, v]) => learned.truth.get(k) === v).length
    expect(learnedHits).toBeGreaterThan(equalHits + 50)
  })

  it("shrinks the weight of a source with few claims toward the mean", () => {
    const { observations: obs } = synthesize(
      [
        { name: "many", accuracy: 1 },
        { name: "few", accuracy: 1, coverage: 0.01 },
        { name: "other-1", accuracy: 0.6 },
        { name: "other-2", accuracy: 0.6 },
      ],
      3000,
      7,
    )
    const r = learnSourceWeights(obs, { ...OPTIONS, priorClaims: 50 })
    const few = r.sources.find((s) => s.source === "few")!
    expect(few.claims).toBeLessThan(100)
    expect(r.weights.get("few")!).toBeLessThan(r.weights.get("many")!)
    // Without the prior, the same perfect record earns the same weight as the big source.
    const raw = learnSourceWeights(obs, { ...OPTIONS, priorClaims: 0 })
    expect(raw.weights.get("few")).toBeCloseTo(raw.weights.get("many")!, 6)
  })

  it("splits a source's voice over the values it gives on one item", () => {
    const obs = [
      { item: "x", source: "a", value: 1 },
      { item: "x", source: "a", value: 2 },
      { item: "x", source: "b", value: 1 },
    ]
    const r = learnSourceWeights(obs, { ...OPTIONS, maxIterations: 1 })
    expect(r.truth.get("x")).toBe(1)
    expect(r.sources.find((s) => s.source === "a")!.claims).toBeCloseTo(1)
  })
})

describe("robustLoss", () => {
  test.prop([fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true })])(
    "is bounded in [0, 1) and grows with the error",
    (d, c) => {
      const l = robustLoss(d, c)
      expect(l).toBeGreaterThanOrEqual(0)
      expect(l).toBeLessThanOrEqual(1)
      expect(robustLoss(d + 1, c)).toBeGreaterThanOrEqual(l)
    },
  )
  it("is 0/1 at scale 0 and one half at the scale", () => {
    expect(robustLoss(0, 0)).toBe(0)
    expect(robustLoss(3, 0)).toBe(1)
    expect(robustLoss(5, 5)).toBe(0.5)
  })
})
