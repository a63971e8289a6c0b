import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { isIsoDateTime } from "../../src/ingest/record-schema.js"
import { utcIso } from "../../src/ingest/utc-iso.js"

/** The check as first written (every stored date passed it): the pattern, `Date.parse` and the day read back by `Date.UTC`. */
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const referenceDay = (s: string): boolean => {
  const [y, m, d] = s.slice(0, 10).split("-").map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
const reference = (s: string): boolean =>
  ISO.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) && referenceDay(s) && (s.length === 10 || utcIso(s) !== null)

const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"))
// dates around the edges (years 0–99, leap days, month 0 and 13, day 0 and 32), with and without a time
const dateLike = fc.tuple(
  fc.oneof(digits(4, 9999), fc.constantFrom("0000", "0099", "0100", "1900", "2000", "2024", "2100", "9999")),
  fc.oneof(digits(2, 13), fc.constantFrom("02")), fc.oneof(digits(2, 32), fc.constantFrom("28", "29", "30", "31")),
  fc.option(fc.tuple(fc.constantFrom("T", " "), digits(2, 25), digits(2, 60), fc.option(digits(2, 61)),
    fc.constantFrom("", "Z", "+02:00", "-1130", "+14:00", ".5Z")), { nil: undefined }),
).map(([y, m, d, t]) => `${y}-${m}-${d}${t === undefined ? "" : `${t[0]}${t[1]}:${t[2]}${t[3] === null ? "" : `:${t[3]}`}${t[4]}`}`)

describe("isIsoDateTime", () => {
  test.prop([dateLike], { numRuns: 5000 })("accepts exactly the dates and datetimes it accepted before", (s) => {
    expect(isIsoDateTime(s)).toBe(reference(s))
  })

  test.prop([fc.string({ maxLength: 30 })])("and nothing else", (s) => {
    expect(isIsoDateTime(s)).toBe(reference(s))
  })

  it("knows leap days and month lengths", () => {
    expect(["2024-02-29", "2000-02-29", "2025-04-30", "2025-12-31T23:59:59Z"].map(isIsoDateTime)).toEqual([true, true, true, true])
    expect(["2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "0050-01-01"].map(isIsoDateTime))
      .toEqual([false, false, false, false, false, false, false])
  })
})
