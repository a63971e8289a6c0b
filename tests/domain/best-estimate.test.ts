import { describe, expect, it } from "vitest"
import { bestEstimate, weightedMedian } from "../../src/domain/best-estimate.js"

describe("bestEstimate", () => {
  it("the point when the range is one", () => expect(bestEstimate({ lo: 7, hi: 7 }, [{ value: 1, weight: 9 }], true)).toBe(7))
  it("the weighted median of kept voices, clamped into the range", () => {
    expect(bestEstimate({ lo: 0, hi: 100 }, [{ value: 10, weight: 1 }, { value: 20, weight: 1 }, { value: 90, weight: 3 }], true)).toBe(90)
    expect(bestEstimate({ lo: 12, hi: 13 }, [{ value: 6.5, weight: 1 }], true)).toBe(12)
  })
  it("an even split takes the midpoint; counts round to whole numbers", () => {
    expect(weightedMedian([{ value: 10, weight: 1 }, { value: 20, weight: 1 }])).toBe(15)
    expect(bestEstimate({ lo: 0, hi: 100 }, [{ value: 10, weight: 1 }, { value: 13, weight: 1 }], true)).toBe(12)
    expect(bestEstimate({ lo: 0, hi: 100 }, [{ value: 10, weight: 1 }, { value: 13, weight: 1 }], false)).toBe(11.5)
  })
  it("no kept own voices: the finite bound nearest to zero", () => {
    expect(bestEstimate({ lo: 52, hi: 53 }, [], true)).toBe(52)
    expect(bestEstimate({ lo: 12, hi: Infinity }, [], true)).toBe(12)
    expect(bestEstimate({ lo: -Infinity, hi: -4 }, [], false)).toBe(-4)
    expect(bestEstimate({ lo: -Infinity, hi: Infinity }, [], false)).toBeNull()
  })
  it("no range, no best", () => expect(bestEstimate(null, [{ value: 1, weight: 1 }], true)).toBeNull())
})
