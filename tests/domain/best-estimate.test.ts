import { describe, expect, it } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { bestEstimate, weightedMedian } from "../../src/domain/best-estimate.js"

const v = (value: number, weight = 1) => ({ value, weight })

describe("bestEstimate", () => {
  it("the point when the range is one", () => expect(bestEstimate({ lo: 7, hi: 7 }, [v(1, 9)], true)).toMatchObject({ best: 7, how: "point" }))
  it("the weighted median of kept voices, clamped into the range", () => {
    expect(bestEstimate({ lo: 0, hi: 100 }, [v(10), v(20), v(90, 3)], true)).toMatchObject({ best: 90, candidates: [], how: "median" })
    expect(bestEstimate({ lo: 12, hi: 13 }, [v(6.5)], true).best).toBe(12)
    expect(bestEstimate({ lo: 0, hi: 100 }, [v(10), v(12.5)], true).candidates).toEqual([10, 13])
  })
  it("never interpolates: an exact split has no best and names both candidates", () => {
    expect(weightedMedian([v(10), v(20)])).toEqual({ value: null, split: [10, 20], total: 2 })
    expect(bestEstimate({ lo: 64, hi: 2975 }, [v(64), v(2975)], true)).toEqual({
      best: null, candidates: [64, 2975], how: "split", median: { value: null, split: [64, 2975], total: 2 },
    })
    expect(bestEstimate({ lo: 0, hi: 100 }, [v(10), v(13)], false)).toMatchObject({ best: null, candidates: [10, 13] })
    // estimated voices weigh 0.8: 0.8 + 0.8 against 1.6 is still an exact split
    expect(bestEstimate({ lo: 0, hi: 100 }, [v(10, 0.8), v(10, 0.8), v(50, 1.6)], true).candidates).toEqual([10, 50])
  })
  it("a split that the range makes one value is no split", () => {
    expect(bestEstimate({ lo: 12, hi: 13 }, [v(3), v(8)], true)).toMatchObject({ best: 12, candidates: [], how: "median" })
    expect(bestEstimate({ lo: 0, hi: 100 }, [v(10), v(10.2)], true)).toMatchObject({ best: 10, candidates: [] })
  })
  it("equal values are one: a split between 64 and 64 is no split", () => {
    expect(weightedMedian([v(64), v(64)])).toEqual({ value: 64, split: null, total: 2 })
  })
  it("voices that all weigh 0 count once each", () => {
    expect(weightedMedian([v(1, 0), v(5, 0), v(9, 0)]).value).toBe(5)
    expect(weightedMedian([v(1, 0), v(5, 0)]).split).toEqual([1, 5])
  })
  it("no kept own voices: the finite bound nearest to zero", () => {
    expect(bestEstimate({ lo: 52, hi: 53 }, [], true)).toMatchObject({ best: 52, how: "nearest-zero" })
    expect(bestEstimate({ lo: 12, hi: Infinity }, [], true).best).toBe(12)
    expect(bestEstimate({ lo: -Infinity, hi: -4 }, [], false).best).toBe(-4)
    expect(bestEstimate({ lo: -Infinity, hi: Infinity }, [], false).best).toBeNull()
  })
  it("no range, no best", () => expect(bestEstimate(null, [v(1)], true)).toMatchObject({ best: null, how: "none" }))
})

describe("properties: the median never interpolates", () => {
  const values = fc.array(fc.record({ value: fc.integer({ min: 0, max: 60 }), weight: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 9 })
  const range = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }))

  test.prop([values, range])("a best is one of the values, clamped into the range; else the weights split exactly", (vs, r) => {
    const e = bestEstimate(r, vs, true)
    const fit = (x: number) => Math.min(r.hi, Math.max(r.lo, x))
    // Integer weights: an exact split is a prefix of the sorted distinct values weighing exactly half.
    const distinct = [...new Set(vs.map((x) => x.value))].sort((a, b) => a - b)
    const total = vs.reduce((s, x) => s + x.weight, 0)
    let acc = 0
    const splitAt = distinct.findIndex((d) => (acc += vs.filter((x) => x.value === d).reduce((s, x) => s + x.weight, 0)) * 2 === total)
    const split = splitAt >= 0 && splitAt + 1 < distinct.length && fit(distinct[splitAt]!) !== fit(distinct[splitAt + 1]!)
    if (r.lo === r.hi) {
      expect(e).toMatchObject({ best: r.lo, candidates: [] })
    } else if (split) {
      expect(e.best).toBeNull()
      expect(e.candidates).toEqual([fit(distinct[splitAt]!), fit(distinct[splitAt + 1]!)])
    } else {
      expect(e.candidates).toEqual([])
      expect(distinct.map(fit)).toContain(e.best)
    }
  })

  test.prop([values, range, fc.nat()])("the order of the voices changes nothing", (vs, r, seed) => {
    const shuffled = [...vs].sort((a, b) => ((a.value * 31 + a.weight + seed) % 7) - ((b.value * 31 + b.weight + seed) % 7))
    expect(bestEstimate(r, shuffled, true)).toEqual(bestEstimate(r, vs, true))
  })
})
