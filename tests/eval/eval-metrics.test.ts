import { describe, expect, it } from "vitest"
import { medianPrediction, votePrediction } from "../../src/eval/baseline-methods.js"
import { scoreMethod } from "../../src/eval/eval-metrics.js"
import { reconcileConsensus } from "../../src/eval/reconcile-consensus.js"
import { buildFlightCatalog } from "../../src/adapters/flight/flight-catalog.js"
import type { Claim } from "../../src/domain/claim.js"

describe("scoreMethod", () => {
  it("scores precision, precision within 10 minutes, coverage and width on a tiny fixture", () => {
    const row = scoreMethod("m", "actual_departure", [
      { gold: 600, prediction: { best: 600, range: { lo: 600, hi: 600 } } },
      { gold: 600, prediction: { best: 607, range: { lo: 595, hi: 607 } } },
      { gold: 600, prediction: { best: null, range: { lo: 580, hi: 590 } } },
      { gold: 600, prediction: { best: null, range: null } },
    ])
    expect(row).toEqual({ method: "m", attribute: "actual_departure", items: 4, precision: 0.25, precision10: 0.5, coverage: 0.5, width: (0 + 12 + 10) / 3 })
  })
  it("is all zeros without items", () => {
    expect(scoreMethod("m", "a", [])).toMatchObject({ items: 0, precision: 0, coverage: 0, width: 0 })
  })
})

describe("baselines", () => {
  const voices = [
    { source: "a", values: [5] },
    { source: "b", values: [5] },
    { source: "c", values: [7] },
    { source: "d", values: [9, 7] },
  ]
  it("vote: the most frequent value, a source with k values giving each 1/k; ties to the smallest", () => {
    expect(votePrediction(voices)).toEqual({ best: 5, range: { lo: 5, hi: 5 } })
    expect(votePrediction([{ source: "a", values: [8] }, { source: "b", values: [3] }]).best).toBe(3)
    expect(votePrediction([])).toEqual({ best: null, range: null })
  })
  it("median: the lower median, the range spanning the middle values", () => {
    expect(medianPrediction(voices)).toEqual({ best: 7, range: { lo: 7, hi: 7 } })
    expect(medianPrediction([{ source: "a", values: [1] }, { source: "b", values: [4] }])).toEqual({ best: 1, range: { lo: 1, hi: 4 } })
  })
})

const claim = (source: string, value: number, id = `${source}-${value}`): Claim => ({
  id, event: "F@2011-12-01", metric: "departure.actual", scope: {}, source, via: [], value: String(value),
  lo: value, hi: value, best: null, certainty: "asserted", at: null, stated: null,
})

describe("reconcileConsensus on point claims", () => {
  const catalog = buildFlightCatalog(["F@2011-12-01"], ["a", "b", "c"])
  const cell = "F@2011-12-01|departure.actual"
  const three = [claim("a", 600), claim("b", 600), claim("c", 610)]
  const cases: { name: string; claims: Claim[]; weights: Map<string, number>; copyGroups?: Map<string, string>; best: number | null; range: { lo: number; hi: number } }[] = [
    { name: "majority", claims: three, weights: new Map(), best: 600, range: { lo: 600, hi: 600 } },
    { name: "weights decide", claims: three, weights: new Map([["c", 3]]), best: 610, range: { lo: 610, hi: 610 } },
    { name: "a tie gives the hull and no best", claims: [claim("a", 600), claim("b", 610)], weights: new Map(), best: null, range: { lo: 600, hi: 610 } },
    {
      name: "two copies stating one value are one voice", claims: three, weights: new Map([["c", 1.5]]),
      copyGroups: new Map([["a", "copy:a"], ["b", "copy:a"]]), best: 610, range: { lo: 610, hi: 610 },
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const p = reconcileConsensus({ catalog, claims: c.claims, weights: c.weights, ...(c.copyGroups ? { copyGroups: c.copyGroups } : {}) }).get(cell)
      expect(p).toEqual({ best: c.best, range: c.range })
    })
  }
})
