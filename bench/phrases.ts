import type { Random } from "./random.js"

/** A claim value as written in a record: a number, a phrase, or `{ lo, best, hi }`. */
export type RecordValue = number | string | { lo?: number; best?: number; hi?: number }

export interface Phrase {
  readonly value: RecordValue
  /** Which SPEC §3 form it was written in (counted in the dataset's statistics). */
  readonly form: string
}

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

/**
 * English words for 0 ≤ n < 1000.
 * @example numberWords(41) === "forty-one"; numberWords(712) === "seven hundred and twelve"
 */
export const numberWords = (n: number): string => {
  if (n < 20) return ONES[n]!
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 === 0 ? "" : `-${ONES[n % 10]}`)
  const rest = n % 100
  return `${ONES[Math.floor(n / 100)]} hundred${rest === 0 ? "" : ` and ${numberWords(rest)}`}`
}

const VAGUE: readonly { readonly words: string; readonly lo: number; readonly hi: number }[] = [
  { words: "a dozen", lo: 12, hi: 12 },
  { words: "dozens of", lo: 24, hi: 99 },
  { words: "several", lo: 3, hi: 9 },
  { words: "a few", lo: 2, hi: 5 },
  { words: "a handful of", lo: 2, hi: 6 },
  { words: "hundreds of", lo: 200, hi: 999 },
  { words: "thousands of", lo: 2000, hi: 9999 },
]

/** "about N" half-width for counts (SPEC §3). */
const approxD = (n: number): number => Math.max(1, Math.round(0.1 * n))

const digits = (n: number): string =>
  n >= 1_000_000 && n % 100_000 === 0 ? `${n / 1_000_000} million` : n >= 1000 ? n.toLocaleString("en-US") : String(n)

/**
 * A phrase for a count the source believes to be `c`, in one of the SPEC §3 forms, whose interval
 * contains `c` (so an honest source stays consistent with the truth). `noun` is sometimes appended,
 * as in "up to 13 aircraft".
 */
export const countPhrase = (rng: Random, c: number, noun: string): Phrase => {
  const tail = rng.chance(0.4) ? ` ${noun}` : ""
  const d = approxD(c)
  const form = rng.int(0, 15)
  switch (form) {
    case 0:
      return { value: c, form: "number" }
    case 1:
      return { value: `${digits(c)}${tail}`, form: "digits" }
    case 2:
      return c < 1000 ? { value: `${numberWords(c)}${tail}`, form: "words" } : { value: digits(c), form: "digits" }
    case 3: {
      const n = Math.max(0, c - rng.int(0, d))
      return { value: rng.pick([`at least ${n}`, `no fewer than ${n}`, `${n} or more`, `${n}+`, `a minimum of ${n}`]) + tail, form: "at-least" }
    }
    case 4: {
      if (c < 1) return { value: c, form: "number" }
      const n = Math.max(0, c - 1 - rng.int(0, d))
      return { value: rng.pick([`more than ${n}`, `over ${n}`, `in excess of ${n}`, `upwards of ${n}`]) + tail, form: "more-than" }
    }
    case 5: {
      const n = c + rng.int(0, d)
      return { value: rng.pick([`up to ${n}`, `at most ${n}`, `no more than ${n}`, `as many as ${n}`, `a maximum of ${n}`]) + tail, form: "up-to" }
    }
    case 6: {
      const n = c + 1 + rng.int(0, d)
      return { value: rng.pick([`fewer than ${n}`, `less than ${n}`, `under ${n}`]) + tail, form: "fewer-than" }
    }
    case 7: {
      const lo = Math.max(0, c - rng.int(0, d))
      const hi = c + rng.int(1, d + 1)
      return { value: rng.pick([`${lo}-${hi}`, `${lo}–${hi}`, `${lo} to ${hi}`, `between ${lo} and ${hi}`, `from ${lo} to ${hi}`]) + tail, form: "range" }
    }
    case 8:
      return { value: rng.pick([`about ${c}`, `around ${c}`, `approximately ${c}`, `roughly ${c}`, `some ${c}`, `circa ${c}`, `~${c}`]) + tail, form: "about" }
    case 9: {
      // "nearly N" is [N − d, N]: N just above c still covers it.
      const n = c + rng.int(0, Math.max(0, approxD(c + 1) - 1))
      return { value: rng.pick([`nearly ${n}`, `almost ${n}`, `close to ${n}`]) + tail, form: "nearly" }
    }
    case 10:
      return { value: rng.pick([`an estimated ${c}`, `estimated ${c}`]) + tail, form: "estimated" }
    case 11: {
      const fits = VAGUE.filter((v) => v.lo <= c && c <= v.hi)
      if (fits.length === 0) return { value: `${digits(c)}${tail}`, form: "digits" }
      return { value: `${rng.pick(fits).words} ${noun}`, form: "vague" }
    }
    case 12: {
      const lo = Math.max(0, c - rng.int(0, d))
      const hi = c + rng.int(0, d)
      return rng.chance(0.5) ? { value: { lo, best: c, hi }, form: "object" } : { value: { lo }, form: "object" }
    }
    default:
      return { value: c, form: "number" }
  }
}

/** "possibly N": the certainty comes from the words (SPEC §3). */
export const possiblePhrase = (rng: Random, c: number, noun: string): Phrase =>
  ({ value: rng.chance(0.5) ? `possibly ${c} ${noun}` : `possibly ${c}`, form: "possibly" })

const dec = (x: number): number => Math.round(x * 100) / 100

/** A phrase for a real quantity (no ±1 for strict bounds; SPEC §3). */
export const realPhrase = (rng: Random, x: number, unit: string): Phrase => {
  const d = Math.max(0.5, dec(x * 0.1))
  switch (rng.int(0, 6)) {
    case 0:
      return { value: dec(x), form: "number" }
    case 1:
      return { value: `about ${dec(x)} ${unit}`, form: "about" }
    case 2:
      return { value: `more than ${dec(Math.max(0, x - d))}`, form: "more-than" }
    case 3:
      return { value: `up to ${dec(x + d)} ${unit}`, form: "up-to" }
    case 4:
      return { value: `between ${dec(Math.max(0, x - d))} and ${dec(x + d)}`, form: "range" }
    case 5:
      return { value: { lo: dec(Math.max(0, x - d)), best: dec(x), hi: dec(x + d) }, form: "object" }
    default:
      return { value: `an estimated ${dec(x)} ${unit}`, form: "estimated" }
  }
}
