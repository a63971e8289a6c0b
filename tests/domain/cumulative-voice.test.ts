import { describe, expect, it } from "vitest"
import { cumulativeVoices } from "../../src/domain/cumulative-voice.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const cat = catalogOf([metric("tally", { cumulative: true })], [source("a"), source("b")])
const c = (id: string, src: string, at: string, lo: number, hi = lo, extra = {}) =>
  claim({ id, metric: "tally", source: src, at, lo, hi, ...extra })

describe("cumulativeVoices", () => {
  it("at T: ≥ the latest value at or before T, ≤ the earliest value after T", () => {
    const [v] = cumulativeVoices("k", [c("1", "a", "2025-01-01", 100), c("2", "a", "2025-01-10", 120)], "2025-01-05", () => 1, 0)
    expect([v!.lo, v!.hi]).toEqual([100, 120])
    expect(v!.primary.map((x) => x.id)).toEqual(["1", "2"])
  })
  it("exactly at a claim's time, its upper bound holds too", () => {
    const [v] = cumulativeVoices("k", [c("1", "a", "2025-01-01", 100), c("2", "a", "2025-01-10", 120)], "2025-01-10", () => 1, 0)
    expect([v!.lo, v!.hi]).toEqual([120, 120])
  })
  it("before every claim: only the upper bound of the earliest later one", () => {
    const [v] = cumulativeVoices("k", [c("1", "a", "2025-01-10", 120)], "2025-01-01", () => 1, 0)
    expect([v!.lo, v!.hi]).toEqual([0, 120])
  })
  it("before the first row of a floor tally (\"at least N\"): no voice at all, since it says nothing", () => {
    expect(cumulativeVoices("k", [c("1", "a", "2025-01-10", 120, Infinity)], "2025-01-01", () => 1, 0)).toEqual([])
    const figures = reconcile({ catalog: cat, claims: [c("1", "a", "2025-01-10", 120, Infinity), c("2", "b", "2025-01-01", 90)] })
    expect(figures.find((f) => f.at === "2025-01-01")).toMatchObject({ status: "single-source", voices: 1, range: { lo: 90, hi: 90 } })
  })
  it("a tally that goes down: the latest claim at or before T stands, flagged", () => {
    const [v] = cumulativeVoices("k", [c("1", "a", "2025-01-01", 100), c("2", "a", "2025-01-10", 90)], "2025-01-05", () => 1, 0)
    expect([v!.lo, v!.hi]).toEqual([100, Infinity])
    expect(v!.selfContradiction).toBe(true)
    expect(v!.primary.map((x) => x.id)).toEqual(["1"])
  })
})

describe("what a cumulative voice stands for (SPEC §4.6)", () => {
  const tally = [c("1", "a", "2017-12-09", 64), c("2", "a", "2018-08-28", 2975)]
  it("between two rows: the latest row at or before the time (a count of 64 holds until the next count)", () => {
    const [v] = cumulativeVoices("k", tally, "2018-06-01", () => 1, 0)
    expect([v!.lo, v!.hi, v!.rep]).toEqual([64, 2975, 64])
  })
  it("at a row: that row", () => {
    expect(cumulativeVoices("k", tally, "2018-08-28", () => 1, 0)[0]!.rep).toBe(2975)
  })
  it("past the last row, or before the first, a bound only: it stands for nothing but keeps the row's value", () => {
    const [after] = cumulativeVoices("k", tally, "2019-01-01", () => 1, 0)
    expect([after!.lo, after!.hi, after!.rep, after!.carriedRep]).toEqual([2975, Infinity, null, 2975])
    const [before] = cumulativeVoices("k", tally, "2017-01-01", () => 1, 0)
    expect([before!.lo, before!.hi, before!.rep, before!.carriedRep]).toEqual([0, 64, null, 64])
  })
  it("a carried voice counts only when no kept voice of the cell stands for a value", () => {
    const claims = [...tally, c("b1", "b", "2019-01-01", 3000, 3100)]
    const [f] = reconcile({ catalog: cat, claims, at: "2019-01-01" })
    expect(f).toMatchObject({ range: { lo: 3000, hi: 3100 }, best: 3050 })
    const [alone] = reconcile({ catalog: cat, claims: tally, at: "2019-01-01" })
    expect(alone).toMatchObject({ range: { lo: 2975, hi: null }, best: 2975 })
  })
})

describe("cumulative figures", () => {
  const claims = [c("a1", "a", "2025-01-01", 100), c("a2", "a", "2025-01-10", 120), c("b1", "b", "2025-01-05", 110)]
  it("a figure at each distinct at, combining every source's tally", () => {
    const figs = reconcile({ catalog: cat, claims })
    expect(figs.map((f) => [f.at, f.range, f.status])).toEqual([
      ["2025-01-01", { lo: 100, hi: 100 }, "consistent"],
      ["2025-01-05", { lo: 110, hi: 110 }, "consistent"],
      ["2025-01-10", { lo: 120, hi: 120 }, "consistent"],
    ])
  })
  it("at a time between claims", () => {
    const [f] = reconcile({ catalog: cat, claims, at: "2025-01-07" })
    expect(f!.range).toEqual({ lo: 110, hi: 120 })
    expect(f!.best).toBe(110)
    expect(f!.claims.map((x) => x.id).sort()).toEqual(["a1", "a2", "b1"])
  })
  it("a correction (supersedes) lets a tally go down without contradiction", () => {
    const down = [c("a1", "a", "2025-01-01", 100), c("a2", "a", "2025-01-10", 90)]
    const [flagged] = reconcile({ catalog: cat, claims: down, at: "2025-01-05" })
    expect(flagged!.range).toEqual({ lo: 100, hi: null })
    expect(flagged!.explanation.join(" ")).toMatch(/went down without a correction/)
    const corrected = [c("a1", "a", "2025-01-01", 100), c("a2", "a", "2025-01-10", 90, 90, { supersedes: "a1" })]
    const [ok] = reconcile({ catalog: cat, claims: corrected, at: "2025-01-05" })
    expect(ok!.range).toEqual({ lo: 0, hi: 90 })
  })
  it("a non-cumulative metric does not carry values across times", () => {
    const plain = catalogOf([metric("tally")], [source("a"), source("b")])
    expect(reconcile({ catalog: plain, claims, at: "2025-01-07" })).toEqual([])
  })
})
