import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { reconcile } from "../../src/domain/reconcile.js"
import { agreementWeight, learnSourceWeights, priorAgreement } from "../../src/reliability/learn-source-weights.js"
import { indexObservations } from "../../src/reliability/observation-index.js"
import { itemTally, maxItemSize, tallyItem, tallyWinner } from "../../src/reliability/item-tally.js"
import type { Observation } from "../../src/reliability/observation.js"
import { catalogOf, claim, metric, source } from "../domain/fixtures.js"
import { synthesize } from "./synthetic.js"

const OPTIONS = { falseValues: 2, priorCells: 20, minContested: 30 }

describe("learnSourceWeights", () => {
  const { observations } = synthesize(
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
    expect(w("poor")).toBeGreaterThanOrEqual(w("noise"))
    // Agreement is with the others' consensus, itself imperfect: it orders sources, it is not their accuracy.
    const agreement = (s: string) => r.sources.find((x) => x.source === s)!.agreement!
    expect(agreement("good")).toBeGreaterThan(agreement("fair-1"))
    expect(agreement("fair-1")).toBeGreaterThan(agreement("poor"))
    expect(agreement("poor")).toBeGreaterThan(agreement("noise"))
    expect(r.sources.find((x) => x.source === "good")!.contested).toBe(2000)
  })

  it("stabilizes: converges, and the order of the observations changes nothing", () => {
    const a = learnSourceWeights(observations, OPTIONS)
    const b = learnSourceWeights([...observations].reverse(), OPTIONS)
    expect(a.converged).toBe(true)
    expect([...b.weights]).toEqual([...a.weights])
    expect([...b.truth].sort()).toEqual([...a.truth].sort())
  })

  it("judges a source only where another voice speaks: its own cells are no evidence", () => {
    const obs: Observation[] = []
    for (let i = 0; i < 500; i += 1) obs.push({ item: `alone-${i}`, source: "hoarder", value: i })
    for (let i = 0; i < 100; i += 1) {
      obs.push({ item: `shared-${i}`, source: "hoarder", value: i % 2 === 0 ? i : -1 })
      obs.push({ item: `shared-${i}`, source: "a", value: i }, { item: `shared-${i}`, source: "b", value: i })
    }
    const r = learnSourceWeights(obs, OPTIONS)
    const hoarder = r.sources.find((s) => s.source === "hoarder")!
    expect(hoarder.claims).toBe(600)
    expect(hoarder.contested).toBe(100)
    expect(hoarder.agreement).toBeCloseTo(0.5, 9)
    expect(r.weights.get("hoarder")!).toBeLessThan(r.weights.get("a")!)
    // Its wrong value never outvotes the two that agree.
    expect(r.truth.get("shared-1")).toBe(1)
  })

  it("keeps the prior exactly below minContested, so sources it cannot tell apart stay tied", () => {
    const obs: Observation[] = [
      { item: "x", source: "a", value: 10 }, { item: "x", source: "b", value: 20 },
      { item: "y", source: "a", value: 1 }, { item: "y", source: "b", value: 1 },
    ]
    const r = learnSourceWeights(obs, { ...OPTIONS, priors: new Map([["a", 1], ["b", 1]]) })
    expect(r.sources.map((s) => [s.source, s.contested, s.weight, s.atPrior])).toEqual([["a", 2, 1, true], ["b", 2, 1, true]])
    expect(r.truth.has("x")).toBe(false)
  })

  it("shrinks toward the catalog prior: no evidence keeps it, more evidence moves away from it", () => {
    const { observations: obs } = synthesize([
      { name: "sharp", accuracy: 1 }, { name: "other-1", accuracy: 0.8 }, { name: "other-2", accuracy: 0.8 }, { name: "other-3", accuracy: 0.8 },
    ], 3000, 7)
    const priors = new Map([["sharp", 0.5], ["other-1", 1], ["other-2", 1], ["other-3", 1]])
    const light = learnSourceWeights(obs, { ...OPTIONS, priors })
    const heavy = learnSourceWeights(obs, { ...OPTIONS, priorCells: 100_000, priors })
    expect(heavy.weights.get("sharp")!).toBeLessThan(0.6)
    expect(light.weights.get("sharp")!).toBeGreaterThan(light.weights.get("other-1")!)
    const none = learnSourceWeights([{ item: "only", source: "sharp", value: 1 }], { ...OPTIONS, priors })
    expect(none.weights.get("sharp")).toBe(0.5)
  })

  it("never lets members of a copy group vouch for each other", () => {
    // "bad" is wrong 60% of the time; its three mirrors repeat it. Counted as four voices they would
    // outvote "good" and look reliable; as one voice they are judged against "good" and "fair".
    const { observations: obs, truth } = synthesize([
      { name: "good", accuracy: 0.9 }, { name: "fair", accuracy: 0.75 },
      { name: "bad", accuracy: 0.4, spread: 3 }, { name: "m1", accuracy: 0, copies: "bad" }, { name: "m2", accuracy: 0, copies: "bad" },
      { name: "m3", accuracy: 0, copies: "bad" },
    ], 2000, 3)
    const groups = new Map(["bad", "m1", "m2", "m3"].map((s) => [s, "copy:bad"]))
    const apart = learnSourceWeights(obs, OPTIONS)
    const merged = learnSourceWeights(obs, { ...OPTIONS, groups })
    const hits = (m: Map<string, number>) => [...truth].filter(([k, v]) => m.get(k) === v).length
    expect(hits(merged.truth)).toBeGreaterThan(hits(apart.truth) + 300)
    expect(merged.weights.get("good")!).toBeGreaterThan(merged.weights.get("bad")!)
    expect(merged.weights.get("m1")).toBe(merged.weights.get("bad"))
    expect(apart.weights.get("bad")!).toBeGreaterThan(apart.weights.get("good")!)
  })

  it("splits a source's voice over the values it gives on one item", () => {
    const obs = [
      { item: "x", source: "a", value: 1 },
      { item: "x", source: "a", value: 2 },
      { item: "x", source: "b", value: 1 },
    ]
    const r = learnSourceWeights(obs, { ...OPTIONS, maxIterations: 1 })
    expect(r.truth.get("x")).toBe(1)
    expect(r.sources.find((s) => s.source === "a")).toMatchObject({ claims: 1, contested: 1, agreement: 0.5 })
  })
})

describe("agreementWeight and priorAgreement", () => {
  test.prop([fc.double({ min: 0.01, max: 8, noNaN: true }), fc.integer({ min: 1, max: 20 })])(
    "are inverse: the agreement rate a prior stands for weighs that prior",
    (w, n) => {
      expect(agreementWeight(priorAgreement(w, n), n)).toBeCloseTo(w, 6)
    },
  )
  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 })])(
    "grows with the agreement rate, never below 0",
    (a, b, n) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      expect(agreementWeight(lo, n)).toBeGreaterThanOrEqual(0)
      expect(agreementWeight(hi, n)).toBeGreaterThanOrEqual(agreementWeight(lo, n))
    },
  )
})

describe("the learning's consensus is the core's", () => {
  const SOURCES = ["a", "b", "c", "d", "e", "f"]
  test.prop([
    fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.double({ min: 0.1, max: 4, noNaN: true }), { minLength: 6, maxLength: 6 }),
    fc.array(fc.constantFrom(undefined, "g1", "g2"), { minLength: 6, maxLength: 6 }),
  ])("merged-voice weighted vote on an item = reconcile's best with the same weights and copy groups", (items, ws, gs) => {
    const obs: Observation[] = []
    items.forEach((said, i) => said.forEach((v, s) => { if (v !== undefined) obs.push({ item: `ev${i}|m`, source: SOURCES[s]!, value: v }) }))
    fc.pre(obs.length > 0)
    const index = indexObservations(obs)
    const weight = Float64Array.from(index.sources.map((s) => ws[SOURCES.indexOf(s)]!))
    const groupIds = new Map<string, number>()
    const group = Int32Array.from(index.sources.map((s, k) => {
      const g = gs[SOURCES.indexOf(s)]
      if (g === undefined) return k
      if (!groupIds.has(g)) groupIds.set(g, 100 + groupIds.size)
      return groupIds.get(g)!
    }))
    const catalog = catalogOf([metric("m", { kind: "real" })], SOURCES.map((s) => source(s)))
    const copyGroups = new Map(SOURCES.flatMap((s, k) => (gs[k] === undefined ? [] : [[s, gs[k]!] as const])))
    const figures = reconcile({
      catalog: { ...catalog, events: items.map((_x, i) => ({ id: `ev${i}` })) },
      claims: obs.map((o) => claim({ id: `${o.item}-${o.source}`, event: o.item.split("|")[0]!, metric: "m", source: o.source, lo: o.value, hi: o.value })),
      weights: new Map(SOURCES.map((s, k) => [s, ws[k]!])),
      copyGroups,
    })
    const t = itemTally(maxItemSize(index))
    index.items.forEach((item, i) => {
      tallyItem(index, i, weight, group, t)
      const f = figures.find((x) => `${x.event}|${x.metric}` === item)!
      expect(f.best).toBe(tallyWinner(t))
    })
  })
})
