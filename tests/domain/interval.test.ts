import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { finiteOrNull, fromJsonInterval, toJsonInterval } from "../../src/domain/interval.js"

describe("finiteOrNull", () => {
  test.prop([fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Infinity, -Infinity, NaN, 0, -0))])(
    "is the number where it is finite, null where it is not", (x) => {
      expect(finiteOrNull(x)).toBe(Number.isFinite(x) ? x : null)
    })

  test.prop([fc.double({ noNaN: true }), fc.double({ noNaN: true })])("an interval goes to JSON and back unchanged", (a, b) => {
    const i = { lo: Math.min(a, b), hi: Math.max(a, b) }
    expect(fromJsonInterval(toJsonInterval(i))).toEqual(i)
  })
})
