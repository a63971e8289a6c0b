/**
 * Reading one number, written in digits ("41", "3,000", "1.2 million", "12k") or in English words
 * ("seven", "forty-one", "one hundred and twelve", "a dozen"), at a position of a phrase. The value
 * normalizer (normalize-value.ts) builds the phrase grammar of SPEC §3 on top of this.
 *
 * Pure: strings in, numbers out. Inputs are expected lowercased with whitespace collapsed
 * (`normalizeNumberText` does that); `parseNumber` accepts raw text.
 */

/** A number read from a phrase. */
export interface NumberMatch {
  /** The value: `bare × scale`. */
  readonly value: number
  /** Index just after the number in the text it was read from. */
  readonly end: number
  /**
   * When the number ends in a multiplier word or suffix ("3 thousand", "12k", "two hundred"), the
   * multiplier and the number before it; else scale 1 and bare = value. Lets "5 to 10 thousand" read
   * as [5000, 10000].
   */
  readonly scale: number
  readonly bare: number
}

export interface ReadNumberOptions {
  /** Accept "and" inside word numbers ("one hundred and twelve"). Default true. */
  readonly allowAnd?: boolean
}

export const UNIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
}

export const TENS_WORDS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}

/** Multipliers that may follow a number ("3 thousand", "two dozen"). Powers of ten are exponents. */
export const SCALE_WORDS: Readonly<Record<string, number>> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
}

/** Words that name a number on their own; a value's trailing noun must contain none of them. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(UNIT_WORDS), ...Object.keys(TENS_WORDS), ...Object.keys(SCALE_WORDS),
  "hundred", "dozen", "none", "nil", "couple",
])

const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c)

/** The word at `pos` (letters only) and where it ends, or null when a letter run does not start there. */
const wordAt = (text: string, pos: number): { word: string; end: number } | null => {
  const m = /[a-z]+/y
  m.lastIndex = pos
  const r = m.exec(text)
  if (r === null || isWordChar(text[pos + r[0].length])) return null
  return { word: r[0], end: pos + r[0].length }
}

/** The next word after a single space (or at `pos` when `pos` is the start), else null. */
const nextWord = (text: string, pos: number): { word: string; start: number; end: number } | null => {
  const start = text[pos] === " " ? pos + 1 : pos
  const w = wordAt(text, start)
  return w === null ? null : { word: w.word, start, end: w.end }
}

/**
 * Exact decimal arithmetic for "1.15 thousand": shift the decimal point instead of multiplying
 * floats (1.15 × 1000 = 1149.9999999999998 in binary floating point).
 */
const decimalValue = (intDigits: string, fracDigits: string, power: number): number =>
  Number(`${intDigits}${fracDigits}e${power - fracDigits.length}`)

const DIGITS = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/y

const POWER_OF: Readonly<Record<string, number>> = { hundred: 2, thousand: 3, million: 6, billion: 9, trillion: 12 }

const readDigits = (text: string, pos: number): NumberMatch | null => {
  DIGITS.lastIndex = pos
  const m = DIGITS.exec(text)
  if (m === null) return null
  const intDigits = (m[1] ?? "").replace(/,/g, "")
  const frac = m[2] ?? ""
  let end = pos + m[0].length
  const bare = decimalValue(intDigits, frac, 0)
  // "12k" is unambiguous; "12m" (metres? million?) is not, so any other letter glued on is refused.
  if (text[end] === "k" && !isWordChar(text[end + 1])) {
    return { value: decimalValue(intDigits, frac, 3), end: end + 1, scale: 1e3, bare }
  }
  if (isWordChar(text[end])) return null
  // A decimal point must be followed by digits ("41." is 41 then a full stop).
  const scaleWord = nextWord(text, end)
  if (scaleWord !== null && text[end] === " ") {
    const power = own(POWER_OF, scaleWord.word)
    if (power !== undefined) {
      return { value: decimalValue(intDigits, frac, power), end: scaleWord.end, scale: 10 ** power, bare }
    }
    if (scaleWord.word === "dozen") {
      return { value: bare * 12, end: scaleWord.end, scale: 12, bare }
    }
  }
  end = pos + m[0].length
  return { value: bare, end, scale: 1, bare }
}

/** Reads idiomatic forms: "a dozen", "half a dozen", "a couple", "a single", "a pair", "none". */
const readIdiom = (text: string, pos: number): NumberMatch | null => {
  const idioms: ReadonlyArray<readonly [string, number, number]> = [
    ["half a dozen", 6, 12], ["a dozen", 12, 12], ["a couple", 2, 1], ["a pair", 2, 1], ["a single", 1, 1],
    ["none", 0, 1], ["nil", 0, 1],
  ]
  for (const [phrase, value, scale] of idioms) {
    if (text.startsWith(phrase, pos) && !isWordChar(text[pos + phrase.length])) {
      return { value, end: pos + phrase.length, scale, bare: value / scale }
    }
  }
  return null
}

const readWords = (text: string, pos: number, allowAnd: boolean): NumberMatch | null => {
  let total = 0
  let group = 0
  let hasHundred = false
  let hasTens = false
  let hasUnits = false
  let lastScale = Infinity
  let consumed = false
  let end = pos
  let cursor = pos
  // The multiplier the number ends with, for "two to three thousand".
  let scale = 1
  let bare = 0

  const first = wordAt(text, pos)
  if (first === null) return null
  if (first.word === "a" || first.word === "an") {
    const next = nextWord(text, first.end)
    if (next === null || (next.word !== "hundred" && own(SCALE_WORDS, next.word) === undefined)) return null
    group = 1
    bare = 1
    hasUnits = true
    cursor = first.end
  }

  for (;;) {
    const w = nextWord(text, cursor)
    if (w === null) break
    // The first word is read at `pos` itself; later ones need the separating space.
    if (cursor !== pos && w.start === cursor) break
    const unit = own(UNIT_WORDS, w.word)
    const tens = own(TENS_WORDS, w.word)
    const big = own(SCALE_WORDS, w.word)
    if (unit !== undefined) {
      if (hasUnits || (hasTens && (unit === 0 || unit >= 10))) break
      if (unit === 0 && (consumed || hasHundred || total > 0)) break
      group += unit
      hasUnits = true
      bare = total === 0 ? group : NaN
      scale = 1
    } else if (tens !== undefined) {
      if (hasTens || hasUnits) break
      group += tens
      hasTens = true
      bare = total === 0 ? group : NaN
      scale = 1
      // "forty-one": the unit after a hyphen belongs to the tens word.
      if (text[w.end] === "-") {
        const u = wordAt(text, w.end + 1)
        const uv = u === null ? undefined : own(UNIT_WORDS, u.word)
        if (u !== null && uv !== undefined && uv >= 1 && uv <= 9) {
          group += uv
          hasUnits = true
          bare = total === 0 ? group : NaN
          cursor = end = u.end
          consumed = true
          continue
        }
      }
    } else if (w.word === "hundred") {
      if (hasHundred || group < 1 || group > 99) break
      group *= 100
      hasHundred = true
      hasTens = hasUnits = false
      scale *= 100
    } else if (big !== undefined) {
      if (group < 1 || big >= lastScale) break
      // "three hundred thousand" keeps 3 as its bare number, so "two to three hundred thousand" works.
      if (total === 0 && group === bare * scale) scale *= big
      else {
        bare = total === 0 ? group : NaN
        scale = big
      }
      total += group * big
      group = 0
      hasHundred = hasTens = hasUnits = false
      lastScale = big
    } else if (w.word === "dozen") {
      if (total !== 0 || hasHundred || group < 1 || group > 99) break
      group *= 12
      scale *= 12
      cursor = end = w.end
      consumed = true
      break
    } else if (w.word === "and") {
      // Only "hundred and twelve", "thousand and one": "and" must join a smaller number to a multiplier.
      if (!allowAnd || hasTens || hasUnits || !(hasHundred || lastScale < Infinity)) break
      const after = nextWord(text, w.end)
      if (after === null || after.start === w.end) break
      if (own(UNIT_WORDS, after.word) === undefined && own(TENS_WORDS, after.word) === undefined) break
      if (own(UNIT_WORDS, after.word) === 0) break
      cursor = w.end
      continue
    } else {
      break
    }
    cursor = end = w.end
    consumed = true
  }
  if (!consumed) return null
  const value = total + group
  const lastIsScale = scale !== 1 && Number.isFinite(bare) && bare * scale === value
  return lastIsScale ? { value, end, scale, bare } : { value, end, scale: 1, bare: value }
}

/**
 * Reads one non-negative number starting exactly at `pos` of a normalized (lowercase, single-spaced)
 * text, in digits or words. Returns null when no number starts there. The match is the longest
 * reading; what follows is the caller's business.
 *
 * @example readNumber("forty-one aircraft", 0) // { value: 41, end: 9, scale: 1, bare: 41 }
 * @example readNumber("about 1.2 million", 6)  // { value: 1200000, end: 17, scale: 1e6, bare: 1.2 }
 */
export const readNumber = (text: string, pos: number, options: ReadNumberOptions = {}): NumberMatch | null => {
  const c = text[pos]
  if (c === undefined) return null
  if (c >= "0" && c <= "9") return readDigits(text, pos)
  if (pos > 0 && isWordChar(text[pos - 1])) return null
  return readIdiom(text, pos) ?? readWords(text, pos, options.allowAnd ?? true)
}

/**
 * Lowercases, folds Unicode compatibility forms (no-break spaces, full-width digits), turns the
 * minus sign into "-" and every dash into "–", and collapses whitespace.
 */
export const normalizeNumberText = (text: string): string =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\u2212/g, "-")
    .replace(/[\u2012\u2013\u2014\u2015]/g, "–")
    .replace(/\s+/g, " ")
    .trim()

/**
 * Parses a text that is exactly one number (digits or words), or returns null.
 *
 * @example parseNumber("One hundred and twelve") // 112
 * @example parseNumber("3,000")                  // 3000
 * @example parseNumber("41 aircraft")            // null (not only a number)
 */
export const parseNumber = (text: string): number | null => {
  const t = normalizeNumberText(text)
  const m = readNumber(t, 0)
  return m !== null && m.end === t.length ? m.value : null
}
