import { describe, expect, it } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { normalizeNumberText, parseNumber, readNumber } from "../../src/domain/number-words.js"
import { groupDigits, numberToWords, QUANTITY_VOCABULARY } from "./number-words-gen.js"

describe("parseNumber: digits", () => {
  it.each([
    ["0", 0], ["41", 41], ["007", 7], ["3,000", 3000], ["1,234,567", 1234567], ["1.5", 1.5], ["0.25", 0.25],
    ["1.2 million", 1_200_000], ["3 thousand", 3000], ["2 hundred", 200], ["1.15 thousand", 1150],
    ["2.5 billion", 2_500_000_000], ["12k", 12000], ["1.5K", 1500], ["3 dozen", 36], ["3,000.5", 3000.5],
  ])("%s → %d", (text, value) => {
    expect(parseNumber(text)).toBe(value)
  })

  it.each(["1,23", "12,34,567", "12m", "12kg", "1e3", "1.2.3", "3 000", "41st", ".", ",", "1,", "k12", "-5", "+5"])(
    "%s is not a number",
    (text) => {
      expect(parseNumber(text)).toBeNull()
    },
  )
})

describe("parseNumber: words", () => {
  it.each([
    ["zero", 0], ["seven", 7], ["Eleven", 11], ["forty-one", 41], ["forty one", 41], ["ninety-nine", 99],
    ["one hundred", 100], ["a hundred", 100], ["one hundred and twelve", 112], ["one hundred twelve", 112],
    ["three thousand", 3000], ["a thousand", 1000], ["a thousand and one", 1001], ["twelve hundred", 1200],
    ["twenty-one hundred", 2100], ["two thousand three hundred and forty-five", 2345],
    ["one million two hundred thousand", 1_200_000], ["three hundred thousand", 300_000], ["a million", 1e6],
    ["a dozen", 12], ["two dozen", 24], ["half a dozen", 6], ["a couple", 2], ["a pair", 2], ["a single", 1],
    ["none", 0], ["nine hundred ninety-nine thousand nine hundred and ninety-nine", 999_999],
    ["  Forty\u00a0One  ", 41],
  ])("%s → %d", (text, value) => {
    expect(parseNumber(text)).toBe(value)
  })

  it.each([
    "", "a", "an", "hundred", "thousand", "and", "one and", "twenty twenty", "nineteen eighty", "zero one",
    "one one", "forty-", "forty-ten", "thousand thousand", "one thousand thousand", "a lot", "someone",
    "oneself", "tens", "twelve teen", "one hundred hundred", "lots",
  ])("%j is not a number", (text) => {
    expect(parseNumber(text)).toBeNull()
  })
})

describe("readNumber", () => {
  it("reads the longest number at a position and says where it ends", () => {
    const t = "about forty-one aircraft"
    expect(readNumber(t, 6)).toEqual({ value: 41, end: 15, scale: 1, bare: 41 })
  })

  it("reports a trailing multiplier so ranges can distribute it", () => {
    expect(readNumber("1.2 million", 0)).toEqual({ value: 1_200_000, end: 11, scale: 1e6, bare: 1.2 })
    expect(readNumber("three hundred thousand", 0)).toEqual({ value: 300_000, end: 22, scale: 1e5, bare: 3 })
    expect(readNumber("one thousand two hundred", 0)).toMatchObject({ value: 1200, scale: 1 })
  })

  it("does not start inside a word", () => {
    expect(readNumber("someone", 4)).toBeNull()
  })

  it("leaves 'and' alone when asked to", () => {
    expect(readNumber("one hundred and twelve", 0, { allowAnd: false })).toMatchObject({ value: 100, end: 11 })
  })

  it("does not read a name's digits as a scale", () => {
    expect(readNumber("four tu-95ms", 0)).toMatchObject({ value: 4, end: 4 })
  })
})

describe("normalizeNumberText", () => {
  it("lowercases, folds dashes and minus signs, collapses whitespace", () => {
    expect(normalizeNumberText("  Up\tTo  5\u20137 \u2212 3\u2014x ")).toBe("up to 5–7 - 3–x")
  })
})

describe("parseNumber properties", () => {
  const n = fc.integer({ min: 0, max: 999_999_999_999 })

  test.prop([n])("plain digits read back", (x) => {
    expect(parseNumber(String(x))).toBe(x)
  })

  test.prop([n])("digits with thousands separators read back", (x) => {
    expect(parseNumber(groupDigits(x))).toBe(x)
  })

  test.prop([n, fc.boolean(), fc.boolean(), fc.boolean()])(
    "English words read back, with or without 'and', hyphens and capitals",
    (x, and, hyphen, upper) => {
      const words = numberToWords(x, { and, hyphen })
      expect(parseNumber(upper ? words.toUpperCase() : words)).toBe(x)
    },
  )

  test.prop([fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 3 }),
    fc.constantFrom(["thousand", 1e3], ["million", 1e6], ["billion", 1e9])])(
    "decimals with a multiplier are exact",
    (digits, places, [word, scale]) => {
      const text = (digits / 10 ** places).toFixed(places)
      // The exact product, computed with integers: digits × scale / 10^places.
      const expected = (digits * scale) / 10 ** places
      expect(parseNumber(`${text} ${word}`)).toBe(expected)
    },
  )

  test.prop([fc.string({ maxLength: 30 })])("text without digits or number words is never a number", (s) => {
    const lower = s.toLowerCase()
    fc.pre(!/[0-9]/.test(lower.normalize("NFKC")))
    fc.pre(!QUANTITY_VOCABULARY.some((w) => lower.includes(w)))
    expect(parseNumber(s)).toBeNull()
  })

  test.prop([fc.lorem({ maxCount: 5 })])("latin filler words are never a number", (s) => {
    fc.pre(!QUANTITY_VOCABULARY.some((w) => new RegExp(`\\b${w}\\b`).test(s)))
    expect(parseNumber(s)).toBeNull()
  })
})
