import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { thinDates } from "../../../src/cli/report/thin-dates.js"

const isoDay = fc.integer({ min: 0, max: 3650 }).map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))

describe("thinDates", () => {
  it("keeps every date when there are no more than the maximum, sorted and without duplicates", () => {
    expect(thinDates(["2024-01-03", "2024-01-01", "2024-01-03"], 5)).toEqual(["2024-01-01", "2024-01-03"])
  })
  it("spreads the sample evenly over the dates", () => {
    const days = Array.from({ length: 10 }, (_, i) => `2024-01-${String(i + 1).padStart(2, "0")}`)
    expect(thinDates(days, 4)).toEqual(["2024-01-01", "2024-01-04", "2024-01-07", "2024-01-10"])
    expect(thinDates(days, 1)).toEqual(["2024-01-10"])
    expect(thinDates(days, 0)).toEqual([])
  })

  test.prop([fc.array(isoDay, { maxLength: 300 }), fc.integer({ min: 2, max: 60 })])(
    "a sorted subset of min(max, distinct) dates that keeps the first and the last, no gap wider than an even spread",
    (dates, max) => {
      const distinct = [...new Set(dates)].sort()
      const out = thinDates(dates, max)
      expect(out).toEqual([...new Set(out)].sort())
      expect(out.every((d) => distinct.includes(d))).toBe(true)
      expect(out.length).toBe(Math.min(max, distinct.length))
      expect(out[0]).toBe(distinct[0])
      expect(out.at(-1)).toBe(distinct.at(-1))
      const positions = out.map((d) => distinct.indexOf(d))
      const widest = Math.max(0, ...positions.slice(1).map((p, i) => p - positions[i]!))
      expect(widest).toBeLessThanOrEqual(Math.max(0, Math.ceil((distinct.length - 1) / (max - 1))))
    })
})
