import { describe, expect, it } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { normalizeValue, type NormalizeOptions, type NormalizeResult } from "../../src/domain/normalize-value.js"
import { accept, COUNT, REAL, reject } from "./normalize-helpers.js"
import { groupDigits, numberToWords, QUANTITY_VOCABULARY } from "./number-words-gen.js"


const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const interval = (input: unknown, options: NormalizeOptions = COUNT): [number, number] => {
  const v = accept(input, options)
  return [v.lo, v.hi]
}

const INF = Infinity

describe("count metrics: every row of SPEC §3, digits and words", () => {
  it.each<[string, number, number]>([
    // exact
    ["41", 41, 41], ["forty-one aircraft", 41, 41], ["41 aircraft", 41, 41], ["Forty One", 41, 41],
    ["0", 0, 0], ["zero", 0, 0], ["none", 0, 0], ["3,000", 3000, 3000], ["1.2 million", 1_200_000, 1_200_000],
    ["12k", 12000, 12000], ["one hundred and twelve", 112, 112], ["exactly 7", 7, 7], ["a total of 41", 41, 41],
    // at least
    ["at least 2", 2, INF], ["at least two aircraft", 2, INF], ["no fewer than 5", 5, INF],
    ["no fewer than five", 5, INF], ["5 or more", 5, INF], ["five or more aircraft", 5, INF], ["41+", 41, INF],
    ["41 +", 41, INF], ["forty-one+", 41, INF], ["a minimum of 3", 3, INF], ["a minimum of three", 3, INF],
    ["a dozen or more", 12, INF], [">= 4", 4, INF], ["≥4", 4, INF],
    // more than
    ["more than 5", 6, INF], ["more than five", 6, INF], ["over 3,000 people", 3001, INF],
    ["over three thousand", 3001, INF], ["in excess of 100", 101, INF], ["in excess of a hundred", 101, INF],
    ["upwards of 40", 41, INF], ["upwards of forty", 41, INF], ["> 9", 10, INF],
    // up to
    ["up to 13", 0, 13], ["up to 13 others", 0, 13], ["up to thirteen others", 0, 13], ["at most 4", 0, 4],
    ["at most four", 0, 4], ["no more than 10", 0, 10], ["no more than ten", 0, 10], ["as many as 50", 0, 50],
    ["as many as fifty", 0, 50], ["a maximum of 8", 0, 8], ["a maximum of eight", 0, 8], ["<= 3", 0, 3],
    // fewer than
    ["fewer than 10", 0, 9], ["fewer than ten", 0, 9], ["less than 3", 0, 2], ["less than three", 0, 2],
    ["under 100", 0, 99], ["under a hundred", 0, 99], ["fewer than 1", 0, 0], ["< 5", 0, 4],
    // ranges
    ["5-7", 5, 7], ["5–7", 5, 7], ["5 - 7", 5, 7], ["5 to 7", 5, 7], ["five to seven", 5, 7],
    ["between 5 and 7", 5, 7], ["between five and seven aircraft", 5, 7], ["from 5 to 7", 5, 7],
    ["from five to seven", 5, 7], ["7-7", 7, 7], ["2 or 3 aircraft", 2, 3], ["1,000-2,000", 1000, 2000],
    ["between one hundred and twelve and two hundred", 112, 200], ["between one hundred and two hundred", 100, 200],
    ["between one hundred and twenty thousand", 100, 20000],
    // about
    ["about 41", 37, 45], ["about forty-one", 37, 45], ["around 40", 36, 44], ["approximately 40", 36, 44],
    ["roughly 40", 36, 44], ["some 40 aircraft", 36, 44], ["some forty aircraft", 36, 44], ["circa 40", 36, 44],
    ["~40", 36, 44], ["~ 40", 36, 44], ["about 5", 4, 6], ["about 15", 13, 17], ["about 1", 0, 2],
    ["about 0", 0, 1], ["about a dozen", 11, 13], ["40 or so", 36, 44], ["about 1.2 million", 1_080_000, 1_320_000],
    // nearly
    ["nearly 50", 45, 50], ["nearly fifty", 45, 50], ["almost 50", 45, 50], ["close to 50", 45, 50],
    ["almost a hundred", 90, 100], ["nearly 1", 0, 1],
  ])("%j → [%d, %d]", (phrase, lo, hi) => {
    const v = accept(phrase)
    expect([v.lo, v.hi]).toEqual([lo, hi])
    expect(v.certainty).toBeNull()
    expect(v.loStrict || v.hiStrict).toBe(false)
    expect(v.best).toBeNull()
  })

  it.each<[string, number, number, "possible" | "estimated"]>([
    ["possibly 1", 1, 1, "possible"], ["possibly one", 1, 1, "possible"], ["Possibly up to 13", 0, 13, "possible"],
    ["may have destroyed 12", 12, 12, "possible"], ["may have destroyed twelve aircraft", 12, 12, "possible"],
    ["may have been as many as 13", 0, 13, "possible"], ["might have hit at least 3", 3, INF, "possible"],
    ["perhaps 4", 4, 4, "possible"], ["possibly damaged one aircraft", 1, 1, "possible"],
    ["an estimated 7", 7, 7, "estimated"], ["an estimated seven aircraft", 7, 7, "estimated"],
    ["estimated 7", 7, 7, "estimated"], ["Estimated at 12", 12, 12, "estimated"],
    ["an estimated 40 to 50", 40, 50, "estimated"], ["estimated about 40", 36, 44, "estimated"],
    ["could have been shot down 3", 3, 3, "possible"], ["likely 5", 5, 5, "estimated"],
    ["probably destroyed 5", 5, 5, "estimated"], ["might be nearly 50", 45, 50, "possible"],
  ])("%j → [%d, %d], certainty %s", (phrase, lo, hi, certainty) => {
    const v = accept(phrase)
    expect([v.lo, v.hi, v.certainty]).toEqual([lo, hi, certainty])
  })

  it("ends with at most one unit noun: built in, the metric's unit or its words, singular or plural", () => {
    expect(interval("41 aircraft.")).toEqual([41, 41])
    expect(interval("1 death")).toEqual([1, 1])
    expect(interval("64 deaths")).toEqual([64, 64])
    expect(interval("up to 13 others")).toEqual([0, 13])
    expect(interval("over 3,000 cruise missiles", { kind: "count", unit: "cruise missiles" })).toEqual([3001, INF])
    expect(interval("one cruise missile", { kind: "count", unit: "cruise missiles" })).toEqual([1, 1])
    expect(interval("12 helicopter", { kind: "count", unit: "helicopters" })).toEqual([12, 12])
    expect(interval("at least 40 aircraft", { kind: "count", unit: "aircraft (fixed-wing)" })).toEqual([40, INF])
    expect(interval("four bombers", { kind: "count", nouns: ["bomber"] })).toEqual([4, 4])
  })

  it("a name or any other word after the number rejects the phrase, naming the word", () => {
    expect(reject("four Tu-95MS bombers")).toBe('cannot read value "four Tu-95MS bombers": "Tu-95MS" is not understood')
    expect(reject("at least 2 Tu-22M3")).toBe('cannot read value "at least 2 Tu-22M3": "Tu-22M3" is not understood')
    expect(reject("41 aircraft (SBU)")).toBe('cannot read value "41 aircraft (SBU)": "SBU" is not understood')
    expect(reject("41 aircraft aircraft")).toMatch(/^cannot read value "41 aircraft aircraft": its words do not make one quantity/)
    expect(reject("3 F-16s")).toBe('cannot read value "3 F-16s": "F-16s" is not understood')
    expect(reject("over 3,000 cruise missiles")).toBe('cannot read value "over 3,000 cruise missiles": "cruise" is not understood')
    expect(normalizeValue("four bombers", COUNT)).toEqual({ ok: false, reason: 'cannot read value "four bombers": "bombers" is not understood', word: "bombers" })
  })

  it("spreads a multiplier over a range when the first number is bare", () => {
    expect(interval("5 to 10 thousand")).toEqual([5000, 10000])
    expect(interval("between 1 and 2 million")).toEqual([1_000_000, 2_000_000])
    expect(interval("two to three hundred")).toEqual([200, 300])
    expect(interval("two to three hundred thousand")).toEqual([200_000, 300_000])
    expect(interval("10-12k")).toEqual([10_000, 12_000])
    // Not when the first number is already larger than the second's bare number.
    expect(interval("500 to 2 thousand")).toEqual([500, 2000])
    expect(interval("5 to 10,000")).toEqual([5, 10000])
  })

  it("widens an approximate range at both ends", () => {
    expect(interval("about 40-50")).toEqual([36, 55])
    expect(interval("roughly 40 to 50")).toEqual([36, 55])
  })

  it("reads plus-or-minus", () => {
    expect(interval("12 ± 2")).toEqual([10, 14])
    expect(interval("12 +/- 2")).toEqual([10, 14])
    expect(interval("1 ± 3")).toEqual([0, 4])
  })

  it("uses the metric's approx for about and nearly", () => {
    expect(interval("about 41", { kind: "count", approx: 5 })).toEqual([36, 46])
    expect(interval("nearly 41", { kind: "count", approx: 5 })).toEqual([36, 41])
    expect(interval("about 41", { kind: "count", approx: 0 })).toEqual([41, 41])
    expect(interval("about 3", { kind: "count", approx: 5 })).toEqual([0, 8])
    // A fractional approx rounds a count interval inwards.
    expect(interval("about 10", { kind: "count", approx: 1.5 })).toEqual([9, 11])
  })

  it("ignores case and surrounding whitespace, keeps the wording verbatim", () => {
    const v = accept("  UP TO\u00a013 Others \n")
    expect([v.lo, v.hi]).toEqual([0, 13])
    expect(v.wording).toBe("  UP TO\u00a013 Others \n")
  })
})

describe("vague words", () => {
  it.each<[string, number, number]>([
    ["a dozen", 12, 12], ["dozens", 24, 99], ["several", 3, 9], ["a few", 2, 5], ["a handful", 2, 6],
    ["hundreds", 200, 999], ["thousands", 2000, 9999], ["dozens of aircraft", 24, 99],
    ["several aircraft", 3, 9], ["a few aircraft", 2, 5], ["a handful of people", 2, 6], ["Hundreds of deaths", 200, 999],
    ["thousands of victims", 2000, 9999], ["a dozen aircraft", 12, 12],
    ["several hundred", 300, 900], ["a few thousand", 2000, 5000], ["several dozen", 36, 108],
    ["hundreds of thousands", 200_000, 999_999], ["tens of thousands", 20_000, 99_999],
  ])("%j → [%d, %d]", (phrase, lo, hi) => {
    expect(interval(phrase)).toEqual([lo, hi])
  })

  it("the catalog overrides a word and may add new ones", () => {
    const options: NormalizeOptions = {
      kind: "count",
      vague: { several: { lo: 4, hi: 7 }, "a dozen": { lo: 10, hi: 14 }, Many: { lo: 10, hi: 1000 } },
    }
    expect(interval("several aircraft", options)).toEqual([4, 7])
    expect(interval("a dozen", options)).toEqual([10, 14])
    expect(interval("many aircraft", options)).toEqual([10, 1000])
    expect(interval("a few", options)).toEqual([2, 5])
    // Inside a number phrase "a dozen" is the number 12.
    expect(interval("about a dozen", options)).toEqual([11, 13])
    expect(reject("many aircraft")).toBe('cannot read value "many aircraft": it holds no number')
  })

  it("a vague word followed by something that changes it is not silently read", () => {
    expect(reject("several or more")).toMatch(/cannot read/)
    expect(reject("dozens of 40")).toMatch(/cannot read/)
    expect(reject("dozens of")).toMatch(/cannot read/)
    // Words that happen to be names of object properties are words like any other.
    expect(reject("several constructor")).toBe('cannot read value "several constructor": "constructor" is not understood')
    expect(reject("41 __proto__")).toMatch(/^cannot read value "41 __proto__": "__proto__" is not understood/)
    expect(interval("hundreds of constructors", { kind: "count", nouns: ["constructor"] })).toEqual([200, 999])
  })
})

describe("real metrics", () => {
  it.each<[string, number, number, boolean, boolean]>([
    ["5.5", 5.5, 5.5, false, false], ["-5.5", -5.5, -5.5, false, false], ["minus 3", -3, -3, false, false],
    ["more than 5.5", 5.5, INF, true, false], ["over 5", 5, INF, true, false], ["above -2", -2, INF, true, false],
    ["at least 5.5", 5.5, INF, false, false], ["5.5+", 5.5, INF, false, false],
    ["up to 5.5", -INF, 5.5, false, false], ["at most 2", -INF, 2, false, false],
    ["fewer than 5.5", -INF, 5.5, false, true], ["under 0", -INF, 0, false, true],
    ["between -5 and -3", -5, -3, false, false], ["-5 to 3.5", -5, 3.5, false, false], ["1.5-2.5", 1.5, 2.5, false, false],
    ["about 50", 45, 55, false, false], ["about -50", -55, -45, false, false], ["nearly 50", 45, 50, false, false],
    ["2.5 aircraft", 2.5, 2.5, false, false], ["several", 3, 9, false, false], ["1.25 thousand", 1250, 1250, false, false],
  ])("%j → [%d, %d] strict %s/%s", (phrase, lo, hi, loStrict, hiStrict) => {
    const v = accept(phrase, REAL)
    expect([v.lo, v.hi, v.loStrict, v.hiStrict]).toEqual([lo, hi, loStrict, hiStrict])
  })

  it("about N is ±10 % unrounded, or ±approx", () => {
    const v = accept("about 5.5", REAL)
    expect(v.lo).toBeCloseTo(4.95, 12)
    expect(v.hi).toBeCloseTo(6.05, 12)
    expect(interval("about 5.5", { kind: "real", approx: 0.25 })).toEqual([5.25, 5.75])
  })

  it("a hyphen range takes an unsigned second number", () => {
    expect(reject("-5--3", REAL)).toMatch(/cannot read/)
  })
})

describe("numbers and { lo, best, hi } objects", () => {
  it("a number n is [n, n] with its wording", () => {
    expect(accept(41)).toMatchObject({ lo: 41, hi: 41, best: null, certainty: null, wording: "41" })
    expect(accept(-2.5, REAL)).toMatchObject({ lo: -2.5, hi: -2.5, wording: "-2.5" })
    expect(accept(0)).toMatchObject({ lo: 0, hi: 0, wording: "0" })
  })

  it.each<[Record<string, unknown>, NormalizeOptions, number, number, number | null]>([
    [{ lo: 10, best: 12, hi: 15 }, COUNT, 10, 15, 12],
    [{ lo: 10, hi: 15 }, COUNT, 10, 15, null],
    [{ lo: 10 }, COUNT, 10, INF, null],
    [{ hi: 13 }, COUNT, 0, 13, null],
    [{ hi: 13 }, REAL, -INF, 13, null],
    [{ best: 12 }, COUNT, 12, 12, 12],
    [{ lo: 10, best: 12 }, COUNT, 10, INF, 12],
    [{ best: 12, hi: 20 }, COUNT, 0, 20, 12],
    [{ lo: 10, hi: null }, COUNT, 10, INF, null],
    [{ lo: "ten", hi: "1,500" }, COUNT, 10, 1500, null],
    [{ lo: 0.5, best: 1.25, hi: 2 }, REAL, 0.5, 2, 1.25],
  ])("%j → [%d, %d] best %s", (input, options, lo, hi, best) => {
    const v = accept(input, options)
    expect([v.lo, v.hi, v.best]).toEqual([lo, hi, best])
    expect(v.wording).toBe(JSON.stringify(input))
  })
})

describe("rejections", () => {
  it.each<[unknown, NormalizeOptions, string]>([
    ["lots", COUNT, 'cannot read value "lots": "lots" is not understood'],
    ["a lot of aircraft", COUNT, 'cannot read value "a lot of aircraft": "lot" is not understood'],
    ["many", COUNT, 'cannot read value "many": it holds no number'],
    ["some aircraft", COUNT, 'cannot read value "some aircraft": it holds no number'],
    ["  Lots  ", COUNT, 'cannot read value "Lots": "Lots" is not understood'],
    ["half of the aircraft", COUNT, 'relative quantity "half of the aircraft" is not supported yet'],
    ["30%", COUNT, 'relative quantity "30%" is not supported yet'],
    ["30 percent", COUNT, 'relative quantity "30 percent" is not supported yet'],
    ["30 per cent of the fleet", COUNT, 'relative quantity "30 per cent of the fleet" is not supported yet'],
    ["a third", COUNT, 'relative quantity "a third" is not supported yet'],
    ["two thirds of them", COUNT, 'relative quantity "two thirds of them" is not supported yet'],
    ["most of the bombers", COUNT, 'relative quantity "most of the bombers" is not supported yet'],
    ["all aircraft", COUNT, 'relative quantity "all aircraft" is not supported yet'],
    ["1 in 3", COUNT, 'relative quantity "1 in 3" is not supported yet'],
    ["one out of five", COUNT, 'relative quantity "one out of five" is not supported yet'],
    ["up to half", COUNT, 'relative quantity "up to half" is not supported yet'],
    ["-5", COUNT, 'negative number in count value "-5"'],
    ["minus five", COUNT, 'negative number in count value "minus five"'],
    ["2.5 aircraft", COUNT, 'count value "2.5 aircraft" is not a whole number'],
    ["about 2.5", COUNT, 'count value "about 2.5" is not a whole number'],
    ["99999999999999999999", COUNT, 'a number in value "99999999999999999999" is too large to store exactly (beyond 2^53 = 9007199254740992)'],
    ["9007199254740993 deaths", REAL, 'a number in value "9007199254740993 deaths" is too large to store exactly (beyond 2^53 = 9007199254740992)'],
    [1e20, COUNT, "value 100000000000000000000 is too large to store exactly (beyond 2^53 = 9007199254740992)"],
    ["15-10", COUNT, 'range "15-10" is written backwards (15 > 10)'],
    ["between 15 and 10", COUNT, 'range "between 15 and 10" is written backwards (15 > 10)'],
    ["from fifteen to ten", COUNT, 'range "from fifteen to ten" is written backwards (15 > 10)'],
    ["-3 to -5", REAL, 'range "-3 to -5" is written backwards (-3 > -5)'],
    ["fewer than 0", COUNT, 'value "fewer than 0" is an empty range (fewer than 0)'],
    ["", COUNT, "empty value"],
    ["   ", COUNT, "empty value"],
    [Number.NaN, COUNT, "value is not a finite number: NaN"],
    [Infinity, REAL, "value is not a finite number: Infinity"],
    [-Infinity, REAL, "value is not a finite number: -Infinity"],
    [-3, COUNT, "negative value -3 for a count"],
    [2.5, COUNT, "value 2.5 is not a whole number, as a count must be"],
    [true, COUNT, "value must be a number, a phrase or { lo, best, hi }, got boolean"],
    [false, COUNT, "value must be a number, a phrase or { lo, best, hi }, got boolean"],
    [[1, 2], COUNT, "value must be a number, a phrase or { lo, best, hi }, got an array"],
    [null, COUNT, "value is missing"],
    [undefined, COUNT, "value is missing"],
    [{ lo: 15, hi: 10 }, COUNT, "lo 15 > hi 10"],
    [{ lo: 15, hi: 10 }, REAL, "lo 15 > hi 10"],
    [{}, COUNT, "value {} gives none of lo, best, hi"],
    [{ lo: -1 }, COUNT, "negative lo -1 for a count"],
    [{ hi: 1.5 }, COUNT, "hi 1.5 is not a whole number, as a count must be"],
    [{ lo: 1, max: 3 }, COUNT, 'unknown key "max" in value {"lo":1,"max":3} (expected lo, best, hi)'],
    [{ lo: "lots" }, COUNT, 'lo: cannot read value "lots": "lots" is not understood'],
    [{ lo: "at least 3" }, COUNT, 'lo "at least 3" is not a single number'],
    [{ lo: true }, COUNT, "lo must be a number, got boolean"],
    [{ lo: 10, best: 20, hi: 15 }, COUNT, "best 20 is outside [10, 15]"],
    [{ lo: Number.NaN }, REAL, "lo is not a finite number: NaN"],
  ])("%j (%o) → %s", (input, options, reason) => {
    expect(reject(input, options)).toBe(reason)
  })

  it("rejects other types", () => {
    expect(reject(5n)).toBe("value must be a number, a phrase or { lo, best, hi }, got bigint")
    expect(reject(Symbol("x"))).toBe("value must be a number, a phrase or { lo, best, hi }, got symbol")
  })

  it.each([
    "12m", "41 aircraft or more", "41 or", "41-", "41 aircraft, possibly more", "May 2025", "possibly", "about",
    "up to", "at least", "41 (13 destroyed)", "40 damaged and up to 13 others destroyed",
    "at least 2 Tu-22 and 3 Tu-95", "1,23", "five or six or seven", "41 thousand aircraft 3", "12 k",
    "twenty twenty", "41 or so more", "more than", "N+", "41 + 3", "twelve point five", "41 aircraft at least",
    "not 41", "possibly not 41", "41 not", "forty-one-ish", "40-odd aircraft", "41 per day", "3 times",
    "$5 million", "41 aircraft, one An-12", "one two three", "41/50", "e5", "hundred", "and", "maybe June 5",
    "possibly Belaya 4", "may 2025", "could have up to", "an estimated", "possibly, 4 or 5 or 6",
  ])("%j is not read", (phrase) => {
    expect(reject(phrase)).toMatch(/^(cannot read value|relative quantity) /)
    expect(reject(phrase)).toContain(JSON.stringify(phrase.trim()))
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

type Render = "digits" | "grouped" | "words" | "wordsAnd"
const renderN = (n: number, how: Render): string =>
  how === "digits" ? String(n)
    : how === "grouped" ? groupDigits(n)
      : numberToWords(n, { and: how === "wordsAnd", hyphen: n % 2 === 0 })

const render = fc.constantFrom<Render>("digits", "grouped", "words", "wordsAnd")
const countN = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 5_000_000 }))
/** Random capitals and surrounding whitespace: the reading must not care. */
const decorate = fc.record({ upper: fc.boolean(), pad: fc.constantFrom("", " ", "  ", "\t", "\n ") })
const dress = (s: string, d: { upper: boolean; pad: string }): string => `${d.pad}${d.upper ? s.toUpperCase() : s}${d.pad}`

/** d = max(1, round(0.1·N)), computed with integers: round-half-up of N/10. */
const approxD = (n: number): number => Math.max(1, Math.floor((n + 5) / 10))

type Expect = (n: number) => readonly [number, number] | null
const SINGLE_FORMS: ReadonlyArray<readonly [string, ReadonlyArray<(n: string) => string>, Expect]> = [
  ["exact", [(n) => n, (n) => `${n} aircraft`, (n) => `exactly ${n} deaths`], (n) => [n, n]],
  ["at least", [(n) => `at least ${n}`, (n) => `no fewer than ${n}`, (n) => `${n} or more`, (n) => `${n}+`,
    (n) => `a minimum of ${n}`], (n) => [n, INF]],
  ["more than", [(n) => `more than ${n}`, (n) => `over ${n}`, (n) => `in excess of ${n}`, (n) => `upwards of ${n}`],
    (n) => [n + 1, INF]],
  ["up to", [(n) => `up to ${n}`, (n) => `at most ${n}`, (n) => `no more than ${n}`, (n) => `as many as ${n}`,
    (n) => `a maximum of ${n}`, (n) => `up to ${n} others`], (n) => [0, n]],
  ["fewer than", [(n) => `fewer than ${n}`, (n) => `less than ${n}`, (n) => `under ${n}`],
    (n) => (n >= 1 ? [0, n - 1] : null)],
  ["about", [(n) => `about ${n}`, (n) => `around ${n}`, (n) => `approximately ${n}`, (n) => `roughly ${n}`,
    (n) => `some ${n}`, (n) => `circa ${n}`, (n) => `~${n}`], (n) => [Math.max(0, n - approxD(n)), n + approxD(n)]],
  ["nearly", [(n) => `nearly ${n}`, (n) => `almost ${n}`, (n) => `close to ${n}`],
    (n) => [Math.max(0, n - approxD(n)), n]],
]

describe("properties: count phrase forms", () => {
  for (const [name, templates, expected] of SINGLE_FORMS) {
    test.prop([countN, render, fc.constantFrom(...templates), decorate])(
      `${name} N gives the SPEC interval, whatever N's spelling`,
      (n, how, template, d) => {
        const phrase = dress(template(renderN(n, how)), d)
        const want = expected(n)
        if (want === null) {
          expect(normalizeValue(phrase, COUNT).ok).toBe(false)
          return
        }
        const v = accept(phrase)
        expect([v.lo, v.hi]).toEqual(want)
        expect(v.certainty).toBeNull()
        expect(v.wording).toBe(phrase)
      },
    )
  }

  test.prop([countN, render, fc.integer({ min: 0, max: 50 })])(
    "about/nearly N use the metric's approx when set",
    (n, how, approx) => {
      const options: NormalizeOptions = { kind: "count", approx }
      expect(interval(`about ${renderN(n, how)}`, options)).toEqual([Math.max(0, n - approx), n + approx])
      expect(interval(`nearly ${renderN(n, how)}`, options)).toEqual([Math.max(0, n - approx), n])
    },
  )

  const RANGE_TEMPLATES: ReadonlyArray<(n: string, m: string) => string> = [
    (n, m) => `${n}-${m}`, (n, m) => `${n}–${m}`, (n, m) => `${n} to ${m}`, (n, m) => `between ${n} and ${m}`,
    (n, m) => `from ${n} to ${m}`, (n, m) => `${n} - ${m} aircraft`,
  ]
  test.prop([countN, countN, render, render, fc.constantFrom(...RANGE_TEMPLATES), decorate])(
    "N–M ranges in every spelling give [N, M], and are refused backwards",
    (a, b, howA, howB, template, d) => {
      const [n, m] = [Math.min(a, b), Math.max(a, b)]
      const [tn, tm] = [renderN(n, howA), renderN(m, howB)]
      // "5 to 10 thousand" spreads the multiplier on purpose (tested by example above).
      fc.pre(!/(hundred|thousand|million)$/.test(tm))
      // "forty-one hundred" is a number of its own: word numbers joined by a bare dash are ambiguous.
      const joined = (x: string, y: string): boolean => /[a-z]$/.test(x) && /^[a-z]/.test(y) && /[a-z][-–][a-z]/.test(template(x, y))
      fc.pre(!joined(tn, tm) && !joined(tm, tn))
      expect(interval(dress(template(tn, tm), d))).toEqual([n, m])
      if (n < m) {
        const back = template(tm, tn)
        fc.pre(!/(hundred|thousand|million)$/.test(tn))
        expect(reject(back)).toMatch(/is written backwards/)
      }
    },
  )

  test.prop([countN, render, fc.constantFrom(
    (n: string) => `possibly ${n}`, (n: string) => `may have destroyed ${n}`,
    (n: string) => `may have been ${n} aircraft`, (n: string) => `perhaps ${n}`,
  )])("possibly N / may have … N: interval of N, certainty possible", (n, how, template) => {
    const v = accept(template(renderN(n, how)))
    expect([v.lo, v.hi, v.certainty]).toEqual([n, n, "possible"])
  })

  test.prop([countN, render, fc.constantFrom((n: string) => `an estimated ${n}`, (n: string) => `estimated ${n}`)])(
    "(an) estimated N: interval of N, certainty estimated",
    (n, how, template) => {
      const v = accept(template(renderN(n, how)))
      expect([v.lo, v.hi, v.certainty]).toEqual([n, n, "estimated"])
    },
  )

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), render])(
    "counts refuse fractions and negatives",
    (n, places, how) => {
      const frac = `${n}.${"5".padStart(places, "0")}`
      expect(reject(`${frac} aircraft`)).toMatch(/is not a whole number/)
      expect(reject(`up to -${n}`)).toMatch(/^negative number in count value/)
      expect(reject(-n)).toMatch(/^negative value/)
      if (how === "words") expect(reject(`minus ${renderN(n, how)}`)).toMatch(/^negative number/)
    },
  )
})

describe("properties: real metrics", () => {
  const decimal = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }))
    .map(([i, p]) => (i / 10 ** p).toFixed(p))

  test.prop([decimal])("N and its strict and loose bounds", (t) => {
    const x = Number(t)
    expect(accept(t, REAL)).toMatchObject({ lo: x, hi: x, loStrict: false, hiStrict: false })
    expect(accept(`more than ${t}`, REAL)).toMatchObject({ lo: x, hi: INF, loStrict: true, hiStrict: false })
    expect(accept(`at least ${t}`, REAL)).toMatchObject({ lo: x, hi: INF, loStrict: false, hiStrict: false })
    expect(accept(`fewer than ${t}`, REAL)).toMatchObject({ lo: -INF, hi: x, loStrict: false, hiStrict: true })
    expect(accept(`up to ${t}`, REAL)).toMatchObject({ lo: -INF, hi: x, loStrict: false, hiStrict: false })
  })

  test.prop([decimal])("about N is N ± 0.1·|N|", (t) => {
    const x = Number(t)
    const v = accept(`about ${t}`, REAL)
    expect(v.lo).toBeCloseTo(x - 0.1 * Math.abs(x), 6)
    expect(v.hi).toBeCloseTo(x + 0.1 * Math.abs(x), 6)
  })

  test.prop([decimal, decimal])("between N and M", (a, b) => {
    const [x, y] = [Number(a), Number(b)]
    fc.pre(x <= y)
    expect(interval(`between ${a} and ${b}`, REAL)).toEqual([x, y])
    expect(interval(`${a} to ${b}`, REAL)).toEqual([x, y])
  })
})

// ---------------------------------------------------------------------------------------------
// Junk never becomes a number

const mentionsQuantity = (s: string): boolean => {
  const t = s.normalize("NFKC").toLowerCase()
  return /[0-9]/.test(t) || QUANTITY_VOCABULARY.some((w) => t.includes(w))
}

describe("properties: junk", () => {
  test.prop([fc.string({ maxLength: 40 })])("a random string is accepted only if it holds a number", (s) => {
    const r = normalizeValue(s, COUNT)
    if (r.ok) {
      expect(mentionsQuantity(s)).toBe(true)
      expect(r.value.wording).toBe(s)
    } else {
      expect(r.reason.length).toBeGreaterThan(0)
    }
  })

  test.prop([fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz -.,()'%/+~<>".split("")), maxLength: 40 })])(
    "letters and punctuation without number words are rejected",
    (s) => {
      fc.pre(!mentionsQuantity(s))
      expect(normalizeValue(s, COUNT).ok).toBe(false)
      expect(normalizeValue(s, REAL).ok).toBe(false)
    },
  )

  test.prop([fc.lorem({ maxCount: 6 })])("filler text is rejected", (s) => {
    fc.pre(!mentionsQuantity(s))
    const r = normalizeValue(s, COUNT)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(new RegExp(`^cannot read value ${escapeRe(JSON.stringify(s.trim()))}: ("[a-z]+" is not understood|it holds no number)$`))
  })

  const NOT_PREFIX = (w: string): boolean =>
    !["ca", "c", "some", "just", "only", "over", "under", "about", "max", "min"].includes(w)
  test.prop([fc.lorem({ maxCount: 1 }), countN, render])("a number after a junk word is not read", (w, n, how) => {
    fc.pre(NOT_PREFIX(w) && !mentionsQuantity(w))
    expect(normalizeValue(`${w} ${renderN(n, how)}`, COUNT).ok).toBe(false)
  })

  test.prop([countN, countN, render, fc.lorem({ maxCount: 3 })])(
    "a second number after the noun is never dropped silently",
    (n, m, how, noun) => {
      fc.pre(!mentionsQuantity(noun))
      for (const phrase of [
        `${renderN(n, how)} ${noun} ${m}`, `${renderN(n, how)} ${noun} (${m} destroyed)`,
        `${renderN(n, how)} ${noun} and ${renderN(m, "words")} others`,
      ]) {
        expect(normalizeValue(phrase, COUNT).ok).toBe(false)
      }
    },
  )

  test.prop([countN, render, fc.constantFrom(
    "or more", "or less", "at least", "at most", "or so", "plus", "max", "(estimated)", "possibly", "(est.)",
    "or fewer", "%", "per cent", "and a half", "minimum", "approx.", "+", "± 2", "thousand",
  )])(
    "a quantity word after the noun is not ignored",
    (n, how, modifier) => {
      expect(normalizeValue(`${renderN(n, how)} aircraft ${modifier}`, COUNT).ok).toBe(false)
    },
  )
})

// ---------------------------------------------------------------------------------------------
// Invariants over everything

const anyPhrase = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.tuple(countN, render, fc.constantFrom(...SINGLE_FORMS.flatMap(([, t]) => t))).map(([n, how, t]) => t(renderN(n, how))),
  fc.tuple(countN, countN, render).map(([a, b, how]) => `${renderN(a, how)} to ${renderN(b, how)}`),
  fc.constantFrom("a dozen", "dozens", "several", "a few", "a handful", "hundreds", "thousands", "several hundred"),
  fc.tuple(fc.constantFrom("possibly ", "an estimated ", "may have hit ", ""), fc.double({ noNaN: false }))
    .map(([p, x]) => `${p}${x}`),
)
const anyInput = fc.oneof(
  anyPhrase, fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
  fc.record({ lo: fc.integer({ min: -5, max: 100 }), hi: fc.integer({ min: -5, max: 100 }) }, { requiredKeys: [] }),
)

const check = (input: unknown, options: NormalizeOptions, r: NormalizeResult): void => {
  if (!r.ok) {
    expect(r.reason).not.toBe("")
    return
  }
  const v = r.value
  expect(v.lo).toBeLessThanOrEqual(v.hi)
  expect(Number.isNaN(v.lo) || Number.isNaN(v.hi)).toBe(false)
  expect(v.hi).not.toBe(-Infinity)
  expect(v.lo).not.toBe(Infinity)
  if (options.kind === "count") {
    expect(Number.isInteger(v.lo) && v.lo >= 0).toBe(true)
    expect(v.hi === Infinity || Number.isInteger(v.hi)).toBe(true)
    expect(v.loStrict || v.hiStrict).toBe(false)
  }
  const wording = typeof input === "string" ? input : typeof input === "number" ? String(input) : JSON.stringify(input)
  expect(v.wording).toBe(wording)
}

describe("properties: invariants", () => {
  test.prop([anyInput, fc.constantFrom<NormalizeOptions>(COUNT, REAL, { kind: "count", approx: 3 })])(
    "every accepted value has lo ≤ hi, the right kind of bounds and its verbatim wording; normalizing is repeatable",
    (input, options) => {
      const r = normalizeValue(input, options)
      check(input, options, r)
      expect(normalizeValue(input, options)).toEqual(r)
    },
  )

  test.prop([fc.nat()])("a count n is [n, n], and so is its wording read again", (n) => {
    const v = accept(n)
    expect([v.lo, v.hi]).toEqual([n, n])
    expect(interval(v.wording)).toEqual([n, n])
  })

  test.prop([fc.double({ noNaN: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })])("a real x is [x, x]", (x) => {
    const v = accept(x, REAL)
    expect([v.lo, v.hi]).toEqual([x === 0 ? 0 : x, x === 0 ? 0 : x])
  })

  test.prop([anyPhrase])("an accepted interval written back as { lo, hi } reads as the same interval", (phrase) => {
    const r = normalizeValue(phrase, COUNT)
    fc.pre(r.ok)
    if (!r.ok) return
    const { lo, hi } = r.value
    const again = accept(hi === Infinity ? { lo } : { lo, hi })
    expect([again.lo, again.hi]).toEqual([lo, hi])
  })

  test.prop([fc.nat({ max: 1000 }), fc.nat({ max: 1000 }), fc.nat({ max: 1000 })])(
    "{ lo, best, hi } is accepted exactly when lo ≤ best ≤ hi",
    (a, b, c) => {
      const r = normalizeValue({ lo: a, best: b, hi: c }, COUNT)
      if (a > c) expect(r).toEqual({ ok: false, reason: `lo ${a} > hi ${c}` })
      else if (b < a || b > c) expect(r).toEqual({ ok: false, reason: `best ${b} is outside [${a}, ${c}]` })
      else expect(r.ok && [r.value.lo, r.value.best, r.value.hi]).toEqual([a, b, c])
    },
  )
})
