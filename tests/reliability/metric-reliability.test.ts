import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { reconcile } from "../../src/domain/reconcile.js"
import { learnSourceWeights, metricAgreement } from "../../src/reliability/learn-source-weights.js"
import type { Observation } from "../../src/reliability/observation.js"
import { catalogOf, claim, metric, source } from "../domain/fixtures.js"
import { synthesize, type SyntheticSource } from "./synthetic.js"

const OPTIONS = { falseValues: 2, priorCells: 20, minContested: 30 }

/** Synthetic observations of one metric per call, items named apart, each observation naming its metric. */
const ofMetric = (name: string, sources: readonly SyntheticSource[], items: number, seed: number): Observation[] =>
  synthesize(sources, items, seed).observations.map((o) => ({ ...o, item: `${name}:${o.item}`, metric: name }))

const recordOf = (r: ReturnType<typeof learnSourceWeights>, s: string, m: string) =>
  r.sources.find((x) => x.source === s)!.metrics.find((x) => x.metric === m)

describe("reliability per source and metric", () => {
  test.prop([
    fc.double({ min: 0.85, max: 1, noNaN: true }),
    fc.double({ min: 0.1, max: 0.5, noNaN: true }),
    fc.integer({ min: 1, max: 1_000_000 }),
  ], { numRuns: 15 })(
    "a source accurate on one metric and poor on another weighs more on the first",
    (good, poor, seed) => {
      const others = [{ name: "o-1", accuracy: 0.75 }, { name: "o-2", accuracy: 0.75 }, { name: "o-3", accuracy: 0.75 }]
      const obs = [
        ...ofMetric("scheduled", [{ name: "airline", accuracy: good }, ...others], 300, seed),
        ...ofMetric("actual", [{ name: "airline", accuracy: poor }, ...others], 300, seed + 1),
      ]
      const r = learnSourceWeights(obs, OPTIONS)
      const onScheduled = r.metricWeights.get("scheduled")!.get("airline")!
      const onActual = r.metricWeights.get("actual")!.get("airline")!
      expect(onScheduled).toBeGreaterThan(onActual)
      // Its overall weight lies between the two: the whole record, both metrics together.
      expect(r.weights.get("airline")!).toBeLessThan(onScheduled)
      expect(r.weights.get("airline")!).toBeGreaterThanOrEqual(onActual)
      expect(recordOf(r, "airline", "actual")).toMatchObject({ contested: 300, atOverall: false })
    },
  )

  it("keeps the source's overall weight on a metric where it has few contested cells", () => {
    const others = [{ name: "o-1", accuracy: 0.8 }, { name: "o-2", accuracy: 0.8 }, { name: "o-3", accuracy: 0.8 }]
    const obs = [
      ...ofMetric("busy", [{ name: "s", accuracy: 0.95 }, ...others], 600, 3),
      // 20 cells of another metric, on which it is always wrong: too little to tell.
      ...ofMetric("rare", [{ name: "s", accuracy: 0 }, ...others], 20, 4),
    ]
    const r = learnSourceWeights(obs, OPTIONS)
    const rare = recordOf(r, "s", "rare")!
    expect(rare.contested).toBe(20)
    expect(rare.atOverall).toBe(true)
    expect(rare.weight).toBe(r.weights.get("s"))
    // Absent from the metric's weights, so the reconciliation falls back to the overall weight there.
    expect(r.metricWeights.get("rare")?.has("s") ?? false).toBe(false)
    expect(r.metricWeights.get("busy")!.has("s")).toBe(true)
  })

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.3, max: 1, noNaN: true })], { numRuns: 15 })(
    "one metric: the same weights as learning without metrics (each level shrinks with the same strength)",
    (seed, accuracy) => {
      const { observations } = synthesize([
        { name: "a", accuracy }, { name: "b", accuracy: 0.7 }, { name: "c", accuracy: 0.6, coverage: 0.5 },
        { name: "d", accuracy: 0.9, coverage: 0.05 },
      ], 400, seed)
      const plain = learnSourceWeights(observations, OPTIONS)
      const named = learnSourceWeights(observations.map((o) => ({ ...o, metric: "m" })), OPTIONS)
      for (const [s, w] of plain.weights) {
        expect(named.weights.get(s)!).toBeCloseTo(w, 9)
        const own = named.metricWeights.get("m")?.get(s)
        if (own !== undefined) expect(own).toBeCloseTo(w, 9)
      }
      expect(plain.metricWeights.size).toBe(0)
      expect(plain.sources.every((s) => s.metrics.length === 0)).toBe(true)
    },
  )

  test.prop([
    fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }),
    fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  ])("metricAgreement lies between the metric's own rate and the rest of the source's record", (c, cOther, seed, prior) => {
    const agree = (seed % (c + 1))
    const agreeOther = (seed * 7) % (cOther + 1)
    const rate = metricAgreement(agree, c, agree + agreeOther, c + cOther, prior, 20)
    const rest = (agreeOther + 20 * prior) / (cOther + 20)
    const own = c === 0 ? rest : agree / c
    expect(rate).toBeGreaterThanOrEqual(Math.min(own, rest) - 1e-12)
    expect(rate).toBeLessThanOrEqual(Math.max(own, rest) + 1e-12)
    if (c === 0) expect(rate).toBeCloseTo(rest, 12)
  })

  it("keeps every weight at the prior, on every metric, without enough contested cells", () => {
    const obs: Observation[] = [
      { item: "x", source: "a", value: 10, metric: "m1" }, { item: "x", source: "b", value: 20, metric: "m1" },
      { item: "y", source: "a", value: 1, metric: "m2" }, { item: "y", source: "b", value: 2, metric: "m2" },
    ]
    const r = learnSourceWeights(obs, { ...OPTIONS, priors: new Map([["a", 1], ["b", 1]]) })
    expect(r.metricWeights.size).toBe(0)
    expect(r.sources.flatMap((s) => s.metrics.map((m) => [s.source, m.metric, m.weight, m.atOverall]))).toEqual([
      ["a", "m1", 1, true], ["a", "m2", 1, true], ["b", "m1", 1, true], ["b", "m2", 1, true],
    ])
    expect(r.truth.size).toBe(0)
  })
})

describe("reconcile with per-metric weights", () => {
  it("weighs a source by its weight on the cell's metric, and by its overall weight elsewhere", () => {
    const catalog = catalogOf([metric("sched", { kind: "real" }), metric("actual", { kind: "real" }), metric("other", { kind: "real" })],
      [source("airline"), source("agg")])
    const claims = (["sched", "actual", "other"] as const).flatMap((m) => [
      claim({ id: `airline-${m}`, metric: m, source: "airline", lo: 10, hi: 10 }),
      claim({ id: `agg-${m}`, metric: m, source: "agg", lo: 20, hi: 20 }),
    ])
    const best = (figures: ReturnType<typeof reconcile>) => Object.fromEntries(figures.map((f) => [f.metric, f.best]))
    const weights = new Map([["airline", 2], ["agg", 1]])
    const metricWeights = new Map([["actual", new Map([["airline", 0.5]])]])
    expect(best(reconcile({ catalog, claims, weights }))).toEqual({ sched: 10, actual: 10, other: 10 })
    expect(best(reconcile({ catalog, claims, weights, metricWeights }))).toEqual({ sched: 10, actual: 20, other: 10 })
  })
})
