/**
 * SPEC §3 as revised by issue 10: the phrases of a disaster's death-toll coverage read correctly, or
 * are rejected naming the word not understood — never read as some other number.
 */
import { describe, expect, it } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { normalizeValue, type NormalizedValue, type NormalizeOptions } from "../../src/domain/normalize-value.js"
import { accept, COUNT, REAL, reject } from "./normalize-helpers.js"
import { groupDigits, numberToWords } from "./number-words-gen.js"

const INF = Infinity
const reading = (v: NormalizedValue) => ({ lo: v.lo, hi: v.hi, best: v.best, certainty: v.certainty, loStrict: v.loStrict, hiStrict: v.hiStrict })

describe("phrases from the Hurricane Maria death-toll coverage", () => {
  it.each<[string, number, number, number | null, string | null]>([
    // The misreads of the issue: each now reads as what it says.
    ["likely exceeded 5,000", 5001, INF, null, "estimated"],
    ["exceeded 5,000", 5001, INF, null, null],
    ["anywhere from 6 to 18", 6, 18, null, null],
    ["possibly as high as 5,740", 0, 5740, null, "possible"],
    ["no deaths", 0, 0, null, null],
    ["2,975 (95% CI 2,658-3,290)", 2658, 3290, 2975, null],
    ["4,645 (95% CI 793–8,498)", 793, 8498, 4645, null],
    ["4,645, 95% CI 793–8,498", 793, 8498, 4645, null],
    ["4,645 deaths (95% CI 793 to 8,498)", 793, 8498, 4645, null],
    ["4,645 (95% confidence interval, 793 to 8,498) deaths", 793, 8498, 4645, null],
    ["an estimated 4,645 (95% CI 793–8,498)", 793, 8498, 4645, "estimated"],
    ["2,975 (range 2,658 to 3,290)", 2658, 3290, 2975, null],
    ["2,975, with a range of 2,658 to 3,290", 2658, 3290, 2975, null],
    ["at least 4,645", 4645, INF, null, null],
    ["64", 64, 64, null, null],
    ["64 deaths", 64, 64, null, null],
    // Their neighbours in the SPEC table.
    ["somewhere between 800 and 8,500", 800, 8500, null, null],
    ["anywhere between 800 and 8,500", 800, 8500, null, null],
    ["as high as 8,498", 0, 8498, null, null],
    ["surpassed 3,000", 3001, INF, null, null],
    ["topped 1,000 deaths", 1001, INF, null, null],
    ["exceeds 100", 101, INF, null, null],
    ["probably exceeded 1,000", 1001, INF, null, "estimated"],
    ["likely 5,000", 5000, 5000, null, "estimated"],
    ["zero deaths", 0, 0, null, null],
    ["no aircraft", 0, 0, null, null],
    ["may have killed 12", 12, 12, null, "possible"],
  ])("%j → [%d, %d], best %s, certainty %s", (phrase, lo, hi, best, certainty) => {
    expect(accept(phrase)).toMatchObject({ lo, hi, best, certainty, wording: phrase })
  })

  it("real metrics read the same forms, the interval's estimate kept as best", () => {
    expect(accept("1.5 (95% CI 0.9–2.1)", REAL)).toMatchObject({ lo: 0.9, hi: 2.1, best: 1.5 })
    expect(accept("exceeded 5.5", REAL)).toMatchObject({ lo: 5.5, hi: INF, loStrict: true })
    expect(accept("as high as 2.5", REAL)).toMatchObject({ lo: -INF, hi: 2.5 })
  })

  it.each<[unknown, NormalizeOptions, string]>([
    // Silent misreads before: now rejected naming what is not understood.
    ["1_000", COUNT, 'cannot read value "1_000": "1_000" is not understood'],
    ["½", COUNT, 'cannot read value "½": "½" is not understood'],
    ["about ½ of the aircraft", COUNT, 'cannot read value "about ½ of the aircraft": "½" is not understood'],
    ["1,2,3", COUNT, 'cannot read value "1,2,3": "1,2,3" is not a number (digits are grouped in thousands: 1,000 or 1000)'],
    ["1,23", COUNT, 'cannot read value "1,23": "1,23" is not a number (digits are grouped in thousands: 1,000 or 1000)'],
    ["12,34,567 deaths", COUNT, 'cannot read value "12,34,567 deaths": "12,34,567" is not a number (digits are grouped in thousands: 1,000 or 1000)'],
    ["likely killed 5,000 people in Puerto Rico", COUNT, 'cannot read value "likely killed 5,000 people in Puerto Rico": "Puerto" is not understood'],
    ["may have caused 5,000", COUNT, 'cannot read value "may have caused 5,000": "caused" is not understood'],
    ["no", COUNT, 'cannot read value "no": it holds no number'],
    ["$5 million", COUNT, 'cannot read value "$5 million": "$5" is not understood'],
    // An interval that does not hold its own estimate, or runs backwards, is refused.
    ["2,975 (95% CI 3,000-3,290)", COUNT, 'value "2,975 (95% CI 3,000-3,290)": the estimate 2975 is outside its own interval [3000, 3290]'],
    ["2,975 (95% CI 3,290-2,658)", COUNT, 'range "2,975 (95% CI 3,290-2,658)" is written backwards (3290 > 2658)'],
    ["2,975 (95% CI 2,658-3,290) deaths (revised)", COUNT, 'cannot read value "2,975 (95% CI 2,658-3,290) deaths (revised)": "revised" is not understood'],
    ["4,645 (13 destroyed)", COUNT, 'cannot read value "4,645 (13 destroyed)": its words do not make one quantity'],
    ["2,975 (95% 2,658-3,290)", COUNT, 'relative quantity "2,975 (95% 2,658-3,290)" is not supported yet'],
    // Numbers beyond 2^53, quoted with the digits they were written in.
    ["9007199254740993", COUNT, 'a number in value "9007199254740993" is too large to store exactly (beyond 2^53 = 9007199254740992)'],
    ["more than 9,007,199,254,740,993", REAL, 'a number in value "more than 9,007,199,254,740,993" is too large to store exactly (beyond 2^53 = 9007199254740992)'],
    [9007199254740993, { kind: "count", literal: "9007199254740993" }, "value 9007199254740993 is too large to store exactly (beyond 2^53 = 9007199254740992)"],
    [1e300, { kind: "real", literal: "1e300" }, "value 1e300 is too large to store exactly (beyond 2^53 = 9007199254740992)"],
  ])("%j (%o) → %s", (input, options, reason) => {
    expect(reject(input, options)).toBe(reason)
  })

  it("the largest exact integer still reads", () => {
    expect(accept(String(Number.MAX_SAFE_INTEGER))).toMatchObject({ lo: Number.MAX_SAFE_INTEGER, hi: Number.MAX_SAFE_INTEGER })
    expect(accept(Number.MAX_SAFE_INTEGER)).toMatchObject({ lo: Number.MAX_SAFE_INTEGER })
  })

  it("a rejection says which word it did not understand", () => {
    expect(normalizeValue("at least 41 Tu-95MS", COUNT)).toMatchObject({ ok: false, word: "Tu-95MS" })
    expect(normalizeValue("at least 41", COUNT)).toMatchObject({ ok: true })
  })
})

// ---------------------------------------------------------------------------------------------
// Properties: spacing and case never matter; a word the grammar does not know never changes a number

type Render = "digits" | "grouped" | "words"
const renderN = (n: number, how: Render): string =>
  how === "digits" ? String(n) : how === "grouped" ? groupDigits(n) : numberToWords(n, { hyphen: n % 2 === 0 })
const small = fc.integer({ min: 1, max: 3000 })
const render = fc.constantFrom<Render>("digits", "grouped", "words")
const noun = fc.constantFrom("", " deaths", " people", " aircraft", " others")
const certaintyPrefix = fc.constantFrom("", "possibly ", "an estimated ", "likely ", "may have killed ", "probably ")

/** Phrases of every SPEC §3 form, which the normalizer must accept (the properties check it does). */
const acceptedPhrase = fc.oneof(
  fc.tuple(certaintyPrefix, small, render, noun, fc.constantFrom(
    (n: string) => n, (n: string) => `at least ${n}`, (n: string) => `more than ${n}`, (n: string) => `up to ${n}`,
    (n: string) => `fewer than ${n}`, (n: string) => `about ${n}`, (n: string) => `nearly ${n}`,
    (n: string) => `${n} or more`, (n: string) => `as high as ${n}`, (n: string) => `exceeded ${n}`,
    (n: string) => `in excess of ${n}`, (n: string) => `no more than ${n}`, (n: string) => `some ${n}`,
  )).map(([p, n, how, tail, t]) => `${p}${t(renderN(n, how))}${tail}`),
  fc.tuple(certaintyPrefix, small, small, render, noun, fc.constantFrom(
    (n: string, m: string) => `between ${n} and ${m}`, (n: string, m: string) => `from ${n} to ${m}`,
    (n: string, m: string) => `anywhere from ${n} to ${m}`, (n: string, m: string) => `somewhere between ${n} and ${m}`,
    (n: string, m: string) => `${n} to ${m}`,
  )).map(([p, a, b, how, tail, t]) => `${p}${t(renderN(Math.min(a, b), how), renderN(Math.max(a, b), how))}${tail}`),
  fc.tuple(small, small, small, fc.constantFrom(
    (n: string, lo: string, hi: string) => `${n} (95% CI ${lo}–${hi})`, (n: string, lo: string, hi: string) => `${n}, 95% CI ${lo}-${hi}`,
    (n: string, lo: string, hi: string) => `${n} deaths (range ${lo} to ${hi})`, (n: string, lo: string, hi: string) => `${n}, with a range of ${lo} to ${hi}`,
  )).map(([a, b, c, t]) => {
    const [lo, n, hi] = [a, b, c].sort((x, y) => x - y) as [number, number, number]
    return t(groupDigits(n), groupDigits(lo), groupDigits(hi))
  }),
  fc.tuple(noun, fc.constantFrom("several", "a few", "a handful of", "dozens of", "hundreds of", "thousands of", "no"))
    .filter(([tail, v]) => tail !== "" || (!v.endsWith(" of") && v !== "no"))
    .map(([tail, v]) => `${v}${tail}`),
)

/** Extra spacing where a space already is, random capitals, padding at both ends. */
const respace = (phrase: string, spaces: readonly string[], upper: readonly boolean[]): string => {
  let i = 0
  const spaced = phrase.split(" ").map((w, k) => (k === 0 ? "" : spaces[(i++) % spaces.length]!) + w).join("")
  return [...` ${spaced}\t`].map((c, k) => (upper[k % upper.length] ? c.toUpperCase() : c)).join("")
}

// Words that SPEC §3 gives a meaning to: inserting one may rightly change the reading
// ("41" → "over 41"), so the property below is about every other word.
const SPEC_WORDS = new Set(`
  at least no fewer more than or plus a minimum over in excess of upwards up to most as many maximum less under
  between and from about around approximately roughly some circa nearly almost close possibly may have might could
  an estimated estimate dozen dozens several few handful hundreds thousands tens anywhere somewhere high much exceeded
  exceeds exceed surpassed topped likely probably perhaps maybe potentially none zero not exactly precisely total
  only just well greater above below exceeding approx ca c min max est k ci range with confidence interval credible
  uncertainty so half pair single couple nil minus negative be been
  one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
  nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion
`.split(/\s+/).filter((w) => w !== ""))

const strayWord = fc.oneof(
  fc.lorem({ maxCount: 1 }),
  fc.stringMatching(/^[a-z]{1,9}$/),
  fc.constantFrom("Tu-95MS", "(SBU)", "Puerto", "Rico", "deaths", "aircraft", "killed", "km2", "1_000", "½", "%", "$"),
).filter((w) => !SPEC_WORDS.has(w.toLowerCase()))

describe("properties: strict reading", () => {
  test.prop([acceptedPhrase, fc.array(fc.constantFrom(" ", "  ", "\t", " \n ", "\u00a0"), { minLength: 1, maxLength: 4 }),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 7 })])(
    "every accepted phrase reads to the same interval after extra spaces or a change of case",
    (phrase, spaces, upper) => {
      const first = accept(phrase)
      const again = accept(respace(phrase, spaces, upper))
      expect(reading(again)).toEqual(reading(first))
    },
  )

  test.prop([acceptedPhrase, strayWord, fc.nat()])(
    "a word inserted anywhere keeps the reading (a unit noun, a verb after may have) or rejects the phrase",
    (phrase, word, where) => {
      const first = accept(phrase)
      const words = phrase.split(" ")
      const at = where % (words.length + 1)
      const changed = [...words.slice(0, at), word, ...words.slice(at)].join(" ")
      const r = normalizeValue(changed, COUNT)
      if (r.ok) expect(reading(r.value)).toEqual(reading(first))
      else expect(r.reason).toMatch(/^(cannot read value|relative quantity|range|value) /)
    },
  )
})
