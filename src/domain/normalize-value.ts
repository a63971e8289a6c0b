/**
 * The value normalizer of SPEC §3: a record's `value` (a number, a phrase, or `{ lo, best, hi }`)
 * becomes an interval with its original wording. Pure; the ingest layer turns a rejection into a
 * quarantined record with `reason`.
 *
 * Reading is conservative: a phrase is accepted only when it is, from its first word, one of the
 * forms below followed at most by a plain noun ("41 aircraft", "up to 13 others"). Anything else is
 * rejected with the phrase quoted, never guessed.
 */
import type { Certainty } from "./claim.js"
import type { MetricKind, VagueWords } from "./catalog.js"
import {
  NUMBER_WORDS, TENS_WORDS, UNIT_WORDS, normalizeNumberText, readNumber, type NumberMatch,
} from "./number-words.js"

export interface NormalizeOptions {
  readonly kind: MetricKind
  /** MetricDef.approx: half-width of "about N" instead of max(1, round(0.1·N)) (count) or 0.1·|N| (real). */
  readonly approx?: number
  /** MetricDef.vague: overrides of (or additions to) the vague words ("several": { lo, hi }). */
  readonly vague?: VagueWords
}

export interface NormalizedValue {
  /** -Infinity only for real metrics ("up to 5.5"). */
  readonly lo: number
  /** Infinity when unbounded. */
  readonly hi: number
  /** Only when the record gave `{ best }` explicitly. */
  readonly best: number | null
  /** Set when the phrase's own words imply it ("possibly", "an estimated"), else null. */
  readonly certainty: Certainty | null
  /** Real metrics: "more than 5.5" → lo 5.5 excluded. Always false for counts (the ±1 is applied). */
  readonly loStrict: boolean
  readonly hiStrict: boolean
  /** The original wording, verbatim: strings as given, numbers as String(n), objects as compact JSON. */
  readonly wording: string
}

export type NormalizeResult =
  | { readonly ok: true; readonly value: NormalizedValue }
  | { readonly ok: false; readonly reason: string }

/** SPEC §3 defaults; a metric's `vague` overrides them word by word. */
export const DEFAULT_VAGUE_WORDS: VagueWords = {
  "a dozen": { lo: 12, hi: 12 },
  dozens: { lo: 24, hi: 99 },
  several: { lo: 3, hi: 9 },
  "a few": { lo: 2, hi: 5 },
  "a handful": { lo: 2, hi: 6 },
  hundreds: { lo: 200, hi: 999 },
  thousands: { lo: 2000, hi: 9999 },
}

// ---------------------------------------------------------------------------------------------
// Results

type Fail = { readonly ok: false; readonly reason: string }
const fail = (reason: string): Fail => ({ ok: false, reason })
const quote = (s: string): string => JSON.stringify(s)

interface Bounds {
  readonly lo: number
  readonly hi: number
  readonly loStrict?: boolean
  readonly hiStrict?: boolean
}

/** Phrase forms of SPEC §3, in terms of the number(s) read. */
type Form =
  | { readonly tag: "exact"; readonly n: number }
  | { readonly tag: "atLeast"; readonly n: number }
  | { readonly tag: "moreThan"; readonly n: number }
  | { readonly tag: "upTo"; readonly n: number }
  | { readonly tag: "fewerThan"; readonly n: number }
  | { readonly tag: "range"; readonly n: number; readonly m: number }
  | { readonly tag: "about"; readonly n: number }
  | { readonly tag: "aboutRange"; readonly n: number; readonly m: number }
  | { readonly tag: "nearly"; readonly n: number }
  | { readonly tag: "plusMinus"; readonly n: number; readonly d: number }
  | { readonly tag: "vague"; readonly lo: number; readonly hi: number }

/** A phrase shape that matched: its form, or a reason it cannot be accepted although it was read. */
type Parsed = { readonly form: Form; readonly certainty: Certainty | null } | Fail

// ---------------------------------------------------------------------------------------------
// Text scanning over the normalized phrase

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c)
const skipSpace = (s: string, pos: number): number => (s[pos] === " " ? pos + 1 : pos)

/**
 * Matches a literal at `pos` (after an optional space); a literal ending in a letter must end at a
 * word boundary. Returns the position after it, or -1.
 */
const lit = (s: string, pos: number, literal: string): number => {
  const p = skipSpace(s, pos)
  if (!s.startsWith(literal, p)) return -1
  const end = p + literal.length
  if (/[a-z0-9]$/.test(literal) && isWordChar(s[end])) return -1
  return end
}

const firstLit = (s: string, pos: number, literals: readonly string[]): number => {
  for (const l of literals) {
    const end = lit(s, pos, l)
    if (end >= 0) return end
  }
  return -1
}

interface SignedNumber extends NumberMatch {
  readonly negative: boolean
}

/** A number at `pos`, with an optional sign ("-5", "minus 5") for real metrics. */
const num = (s: string, pos: number, allowAnd = true): SignedNumber | null => {
  let p = skipSpace(s, pos)
  let negative = false
  if (s[p] === "-" && /[0-9]/.test(s[p + 1] ?? "")) {
    negative = true
    p += 1
  } else {
    const signWord = firstLit(s, p, ["minus", "negative"])
    if (signWord >= 0) {
      negative = true
      p = skipSpace(s, signWord)
    }
  }
  if (p > 0 && isWordChar(s[p - 1])) return null
  const m = readNumber(s, p, { allowAnd })
  if (m === null) return null
  return negative ? { ...m, value: -m.value, bare: -m.bare, negative } : { ...m, negative }
}

// Words that change what a number means; a trailing noun containing one is not a plain noun.
const TAIL_FORBIDDEN = new Set([
  ...NUMBER_WORDS,
  "hundreds", "thousands", "millions", "billions", "dozens", "tens", "several", "few", "handful", "score", "scores",
  "more", "less", "fewer", "least", "most", "than", "plus", "minus", "or", "to", "up", "upto", "over", "under",
  "above", "below", "about", "around", "approximately", "approx", "roughly", "circa", "ca", "nearly", "almost",
  "close", "possibly", "perhaps", "maybe", "probably", "likely", "may", "might", "could", "estimated", "estimate",
  "est", "between", "minimum", "min", "maximum", "max", "exceeding", "excess", "upwards", "ish", "odd", "k", "m",
  "mn", "bn", "b", "mln", "bln", "lakh", "lakhs", "crore", "crores", "grand", "thou", "percent", "percentage",
  "per", "cent", "pct", "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
  "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
  "not", "no", "never", "nor", "without", "except", "excluding", "each", "times", "x", "twice", "double",
  "triple", "point", "exactly", "only", "negative", "unconfirmed", "unknown", "unclear",
])

const TAIL_FORBIDDEN_START = /^[-–/+*^=<>~%±≈≥≤&#$€£@|\\]/

/**
 * What follows a number phrase must be a plain noun: no second number ("41 (13 destroyed)"), no
 * word that changes the quantity ("41 or more aircraft" is handled as a form, "41 aircraft or more"
 * is rejected). Digits inside a word ("Tu-95MS", "An-12") are part of a name, not a number.
 */
const tailOk = (s: string, pos: number): boolean => {
  if (isWordChar(s[pos]) && pos > 0 && isWordChar(s[pos - 1])) return false
  const rest = s.slice(pos).trim()
  if (rest === "") return true
  if (TAIL_FORBIDDEN_START.test(rest) || rest.includes("%") || rest.includes("±")) return false
  for (const raw of rest.split(" ")) {
    const token = raw.replace(/^[()[\]{},.;:'"!?]+|[()[\]{},.;:'"!?]+$/g, "")
    if (token === "") continue
    if (/^[0-9]/.test(token)) return false
    if (/[+<>=~≈≥≤]/.test(token)) return false
    for (const part of token.split(/[-–/']/)) {
      if (TAIL_FORBIDDEN.has(part)) return false
    }
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Phrase forms

const SCALE_MULTIPLIERS: Readonly<Record<string, number>> = {
  dozen: 12, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9,
}
const PLURAL_SCALES: Readonly<Record<string, number>> = { thousands: 1e3, millions: 1e6, billions: 1e9 }
// Plain lookups would find "constructor" on every object.
const ownValue = (table: Readonly<Record<string, number>>, key: string | undefined): number | undefined =>
  key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined

type VagueTable = ReadonlyArray<readonly [string, { lo: number; hi: number }]>

// Built once per overrides object (a metric's catalog entry), not once per value read: ingestion
// reads millions of values with the same few tables.
const vagueTables = new WeakMap<object, VagueTable>()
const DEFAULT_KEY = {}
const vagueTable = (overrides: VagueWords | undefined): VagueTable => {
  const key = overrides ?? DEFAULT_KEY
  let table = vagueTables.get(key)
  if (!table) {
    table = buildVagueTable(overrides)
    vagueTables.set(key, table)
  }
  return table
}

const buildVagueTable = (overrides: VagueWords | undefined): VagueTable => {
  const merged = new Map<string, { lo: number; hi: number }>()
  for (const [k, v] of Object.entries(DEFAULT_VAGUE_WORDS)) merged.set(k, v)
  for (const [k, v] of Object.entries(overrides ?? {})) merged.set(normalizeNumberText(k), v)
  // "tens" is only read in "tens of thousands".
  merged.set("tens", merged.get("tens") ?? { lo: 20, hi: 99 })
  return [...merged.entries()].sort((a, b) => b[0].length - a[0].length)
}

/** "several", "a few hundred", "dozens of aircraft", "hundreds of thousands". */
const vagueForm = (s: string, pos: number, options: NormalizeOptions): Form | null => {
  for (const [word, range] of vagueTable(options.vague)) {
    const end = lit(s, pos, word)
    if (end < 0) continue
    // "several hundred" = [300, 900]: a singular multiplier scales the vague word.
    const scaleWord = /^ ([a-z]+)/.exec(s.slice(end))
    const single = ownValue(SCALE_MULTIPLIERS, scaleWord?.[1])
    if (single !== undefined && !word.endsWith("s")) {
      const after = end + 1 + (scaleWord?.[1]?.length ?? 0)
      if (tailOk(s, after)) return { tag: "vague", lo: range.lo * single, hi: range.hi * single }
      continue
    }
    // "hundreds of thousands" = [200 000, 999 999]: every unit of the vague word is a thousand.
    const ofScale = /^ of ([a-z]+)/.exec(s.slice(end))
    const plural = ownValue(PLURAL_SCALES, ofScale?.[1])
    if (plural !== undefined) {
      const after = end + (ofScale?.[0].length ?? 0)
      if (tailOk(s, after)) return { tag: "vague", lo: range.lo * plural, hi: (range.hi + 1) * plural - 1 }
      continue
    }
    if (word === "tens" && !(options.vague && Object.prototype.hasOwnProperty.call(options.vague, "tens"))) continue
    if (tailOk(s, end)) return { tag: "vague", lo: range.lo, hi: range.hi }
  }
  return null
}

const RANGE_SEPARATORS = ["–", "-", "to", "or"] as const

/**
 * A second number after a range separator; "5 to 10 thousand" distributes the multiplier
 * (5000–10000) when the first number is bare and smaller than the second's bare number.
 */
const rangeAfter = (
  s: string, first: SignedNumber, seps: readonly string[],
): { n: number; m: number; end: number } | null => {
  const sep = firstLit(s, first.end, seps)
  if (sep < 0) return null
  // A hyphen range takes an unsigned second number: "-5-3" is not "-5 to -3".
  const hyphen = s[skipSpace(s, first.end)] === "-"
  const second = num(s, sep)
  if (second === null || (hyphen && second.negative)) return null
  const distribute = first.scale === 1 && second.scale !== 1 && !first.negative && !second.negative
    && first.value < second.bare
  return { n: distribute ? first.value * second.scale : first.value, m: second.value, end: second.end }
}

type Op = "exact" | "atLeast" | "moreThan" | "upTo" | "fewerThan" | "about" | "nearly"

const PREFIX_OPS: ReadonlyArray<readonly [string, Op]> = [
  ["no fewer than", "atLeast"], ["no less than", "atLeast"], ["not fewer than", "atLeast"],
  ["not less than", "atLeast"], ["at least", "atLeast"], ["a minimum of", "atLeast"], ["minimum of", "atLeast"],
  ["minimum", "atLeast"], ["min.", "atLeast"], [">=", "atLeast"], ["=>", "atLeast"], ["≥", "atLeast"],
  ["more than", "moreThan"], ["greater than", "moreThan"], ["in excess of", "moreThan"], ["upwards of", "moreThan"],
  ["just over", "moreThan"], ["well over", "moreThan"], ["over", "moreThan"], ["above", "moreThan"],
  ["exceeding", "moreThan"], [">", "moreThan"],
  ["up to", "upTo"], ["at most", "upTo"], ["no more than", "upTo"], ["not more than", "upTo"],
  ["as many as", "upTo"], ["as much as", "upTo"], ["a maximum of", "upTo"], ["maximum of", "upTo"],
  ["maximum", "upTo"], ["max.", "upTo"], ["max", "upTo"], ["<=", "upTo"], ["=<", "upTo"], ["≤", "upTo"],
  ["fewer than", "fewerThan"], ["less than", "fewerThan"], ["just under", "fewerThan"],
  ["well under", "fewerThan"], ["under", "fewerThan"], ["below", "fewerThan"], ["<", "fewerThan"],
  ["approximately", "about"], ["approx.", "about"], ["approx", "about"], ["about", "about"],
  ["around", "about"], ["roughly", "about"], ["some", "about"], ["circa", "about"], ["ca.", "about"],
  ["ca", "about"], ["c.", "about"], ["~", "about"], ["≈", "about"],
  ["nearly", "nearly"], ["almost", "nearly"], ["close to", "nearly"], ["just short of", "nearly"],
  ["exactly", "exact"], ["precisely", "exact"], ["a total of", "exact"], ["total of", "exact"],
  ["only", "exact"], ["just", "exact"], ["=", "exact"],
]

/** "at least N", "about N", "about N–M", "~N". */
const prefixForm = (s: string, pos: number): Form | null => {
  for (const [words, op] of PREFIX_OPS) {
    const after = lit(s, pos, words)
    if (after < 0) continue
    const n = num(s, after)
    if (n === null) continue
    if (op === "about") {
      const r = rangeAfter(s, n, RANGE_SEPARATORS.filter((x) => x !== "or"))
      if (r !== null && tailOk(s, r.end)) return { tag: "aboutRange", n: r.n, m: r.m }
    }
    if (tailOk(s, n.end)) return { tag: op, n: n.value }
  }
  return null
}

const SUFFIX_OPS: ReadonlyArray<readonly [string, Op]> = [
  ["or more", "atLeast"], ["or above", "atLeast"], ["or over", "atLeast"], ["or greater", "atLeast"],
  ["and more", "atLeast"], ["and above", "atLeast"], ["and over", "atLeast"], ["and up", "atLeast"],
  ["plus", "atLeast"], ["+", "atLeast"],
  ["or fewer", "upTo"], ["or less", "upTo"], ["or under", "upTo"], ["or below", "upTo"],
  ["and under", "upTo"], ["and below", "upTo"], ["and fewer", "upTo"], ["and less", "upTo"],
  ["or so", "about"],
]

/** Forms that start with the number: "41", "41+", "N or more", "N–M", "N to M", "12 ± 2". */
const numberFirstForm = (s: string, pos: number): Form | null => {
  const n = num(s, pos)
  if (n === null) return null
  for (const [words, op] of SUFFIX_OPS) {
    const end = lit(s, n.end, words)
    // "41+" must not be "41 + 3".
    if (end >= 0 && !/^ ?[0-9]/.test(s.slice(end)) && tailOk(s, end)) return { tag: op, n: n.value }
  }
  const pm = firstLit(s, n.end, ["±", "+/-", "+-"])
  if (pm >= 0) {
    const d = num(s, pm)
    if (d !== null && !d.negative && tailOk(s, d.end)) return { tag: "plusMinus", n: n.value, d: d.value }
    return null
  }
  const r = rangeAfter(s, n, RANGE_SEPARATORS)
  if (r !== null && tailOk(s, r.end)) return { tag: "range", n: r.n, m: r.m }
  if (tailOk(s, n.end)) return { tag: "exact", n: n.value }
  return null
}

/** "between N and M", "between N–M", "from N to M". */
const boundedRangeForm = (s: string, pos: number): Form | null => {
  const shapes: ReadonlyArray<readonly [string, readonly string[]]> = [
    ["between", ["and", "–", "-"]],
    ["from", ["to", "–", "-"]],
  ]
  for (const [opener, seps] of shapes) {
    const after = lit(s, pos, opener)
    if (after < 0) continue
    // "and" is both the separator and part of word numbers: "between one hundred and twelve and two
    // hundred" needs the first number to keep its "and", "between one hundred and twenty thousand"
    // needs it not to. Of the readings, the first that is a forward range wins.
    const readings: Form[] = []
    for (const allowAnd of [true, false]) {
      const n = num(s, after, allowAnd)
      if (n === null) continue
      const r = rangeAfter(s, n, seps)
      if (r !== null && tailOk(s, r.end)) readings.push({ tag: "range", n: r.n, m: r.m })
    }
    const forward = readings.find((f) => f.tag === "range" && f.n <= f.m)
    if (forward !== undefined || readings[0] !== undefined) return forward ?? readings[0] ?? null
  }
  return null
}

const quantityForm = (s: string, pos: number, options: NormalizeOptions): Form | null =>
  vagueForm(s, pos, options) ?? boundedRangeForm(s, pos) ?? prefixForm(s, pos) ?? numberFirstForm(s, pos)

const CERTAINTY_PREFIXES: ReadonlyArray<readonly [string, Certainty]> = [
  ["an estimated", "estimated"], ["estimated at", "estimated"], ["estimated", "estimated"],
  ["an estimate of", "estimated"], ["est.", "estimated"], ["probably", "estimated"], ["likely", "estimated"],
  ["possibly", "possible"], ["perhaps", "possible"], ["maybe", "possible"], ["potentially", "possible"],
  // A bare "may" would read "May 2025" as a possible 2025: the modal needs its "have"/"be".
  ["may have", "possible"], ["might have", "possible"], ["could have", "possible"],
  ["may be", "possible"], ["might be", "possible"], ["could be", "possible"],
]

// Between "may have" and the number only verbs may stand ("may have destroyed 12", "possibly
// damaged one Tu-95MS"): any other word could be the thing the number is about ("maybe June 5").
const IRREGULAR_VERBS = new Set([
  "be", "been", "have", "had", "hit", "lost", "shot", "struck", "seen", "got", "put", "cut", "burnt", "sunk",
  "sank", "left", "kept", "held", "built", "caught", "taken", "made", "done", "brought", "downed", "killed",
  "destroyed", "damaged", "total", "totalled", "totaled", "number", "numbered", "reach", "reached", "include",
  "included", "involve", "involved", "affect", "affected", "hurt", "wounded",
])
const isFiller = (word: string): boolean =>
  !TAIL_FORBIDDEN.has(word) && !PREFIX_OPS.some(([w]) => w.split(" ")[0] === word)
  && (IRREGULAR_VERBS.has(word) || /^[a-z]{2,}(ed|en|wn)$/.test(word))

const MAX_FILLERS = 3

/** "possibly 12", "may have destroyed up to 13", "an estimated 7": the certainty and the quantity. */
const phrase = (s: string, options: NormalizeOptions): { form: Form; certainty: Certainty | null } | null => {
  const plain = quantityForm(s, 0, options)
  if (plain !== null) return { form: plain, certainty: null }
  for (const [words, certainty] of CERTAINTY_PREFIXES) {
    let pos = lit(s, 0, words)
    if (pos < 0) continue
    for (let fillers = 0; fillers <= MAX_FILLERS; fillers++) {
      const form = quantityForm(s, skipSpace(s, pos), options)
      if (form !== null) return { form, certainty }
      const w = /^ ([a-z]+)(?=$| )/.exec(s.slice(pos))
      if (w?.[1] === undefined || !isFiller(w[1])) break
      pos += w[0].length
    }
  }
  return null
}

const SMALL_NUMBER = `(\\d+|${Object.keys(UNIT_WORDS).join("|")}|${Object.keys(TENS_WORDS).join("|")})`

// Checked only after a phrase failed to read, to give the right reason.
const RELATIVE = new RegExp(
  [
    "%", "\\bper ?cent", "\\bpercent", "\\bhalf\\b", "\\bhalves\\b",
    "\\b(third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?\\b",
    "\\bmost\\b", "\\bmajority\\b", "\\bminority\\b", "\\bfraction\\b", "\\bproportion\\b", "\\ball\\b",
    "\\bbulk\\b", `\\b${SMALL_NUMBER} (in|out of) (every )?${SMALL_NUMBER}\\b`, "\\d\\s*/\\s*\\d",
  ].join("|"),
)

// ---------------------------------------------------------------------------------------------
// From a form to an interval

const checkCountNumber = (n: number, wording: string): Fail | null => {
  if (n < 0) return fail(`negative number in count value ${quote(wording)}`)
  if (!Number.isInteger(n)) return fail(`count value ${quote(wording)} is not a whole number`)
  if (!Number.isSafeInteger(n)) return fail(`count value ${quote(wording)} is too large`)
  return null
}

const numbersOf = (form: Form): readonly number[] => {
  switch (form.tag) {
    case "range": case "aboutRange": return [form.n, form.m]
    case "plusMinus": return [form.n, form.d]
    case "vague": return []
    default: return [form.n]
  }
}

/** Half-width of "about N" (SPEC §3). */
const approxHalfWidth = (n: number, options: NormalizeOptions): number =>
  options.approx ?? (options.kind === "count" ? Math.max(1, Math.round(Math.abs(n) / 10)) : Math.abs(n) / 10)

const formBounds = (form: Form, options: NormalizeOptions, wording: string): Bounds | Fail => {
  const count = options.kind === "count"
  const floor = count ? 0 : -Infinity
  switch (form.tag) {
    case "exact": return { lo: form.n, hi: form.n }
    case "atLeast": return { lo: form.n, hi: Infinity }
    case "moreThan": return count ? { lo: form.n + 1, hi: Infinity } : { lo: form.n, hi: Infinity, loStrict: true }
    case "upTo": return { lo: floor, hi: form.n }
    case "fewerThan":
      return count ? { lo: 0, hi: form.n - 1 } : { lo: floor, hi: form.n, hiStrict: true }
    case "range":
      if (form.n > form.m) return fail(`range ${quote(wording)} is written backwards (${form.n} > ${form.m})`)
      return { lo: form.n, hi: form.m }
    case "about": {
      const d = approxHalfWidth(form.n, options)
      return { lo: form.n - d, hi: form.n + d }
    }
    case "aboutRange":
      if (form.n > form.m) return fail(`range ${quote(wording)} is written backwards (${form.n} > ${form.m})`)
      return { lo: form.n - approxHalfWidth(form.n, options), hi: form.m + approxHalfWidth(form.m, options) }
    case "nearly": return { lo: form.n - approxHalfWidth(form.n, options), hi: form.n }
    case "plusMinus": return { lo: form.n - form.d, hi: form.n + form.d }
    case "vague": return { lo: form.lo, hi: form.hi }
  }
}

const finish = (
  bounds: Bounds, certainty: Certainty | null, best: number | null, wording: string, options: NormalizeOptions,
): NormalizeResult => {
  const count = options.kind === "count"
  // Counts are whole and never negative: "about 1" is [0, 2], an approx of 1.5 rounds inwards.
  const lo = count ? Math.max(0, Math.ceil(bounds.lo)) : bounds.lo
  const hi = count ? Math.floor(bounds.hi) : bounds.hi
  if (Number.isNaN(lo) || Number.isNaN(hi)) return fail(`cannot read value ${quote(wording)}`)
  if (lo > hi) return fail(`value ${quote(wording)} is an empty range (lo ${lo} > hi ${hi})`)
  return {
    ok: true,
    value: {
      lo, hi, best, certainty,
      loStrict: !count && (bounds.loStrict ?? false),
      hiStrict: !count && (bounds.hiStrict ?? false),
      wording,
    },
  }
}

const normalizeString = (raw: string, options: NormalizeOptions): NormalizeResult => {
  const s = normalizeNumberText(raw)
  const shown = raw.trim()
  if (s === "") return fail("empty value")
  const parsed = phrase(s, options)
  if (parsed === null) {
    if (RELATIVE.test(s)) return fail(`relative quantity ${quote(shown)} is not supported yet`)
    return fail(`cannot read value ${quote(shown)}`)
  }
  if (options.kind === "count") {
    for (const n of numbersOf(parsed.form)) {
      const bad = checkCountNumber(n, shown)
      if (bad !== null) return bad
    }
  } else if (numbersOf(parsed.form).some((n) => !Number.isFinite(n))) {
    return fail(`value ${quote(shown)} is too large`)
  }
  if (parsed.form.tag === "fewerThan" && options.kind === "count" && parsed.form.n === 0) {
    return fail(`value ${quote(shown)} is an empty range (fewer than 0)`)
  }
  const bounds = formBounds(parsed.form, options, shown)
  if ("ok" in bounds) return bounds
  return finish(bounds, parsed.certainty, null, raw, options)
}

// ---------------------------------------------------------------------------------------------
// Numbers and { lo, best, hi } objects

const checkNumber = (n: number, what: string, options: NormalizeOptions): Fail | null => {
  if (!Number.isFinite(n)) return fail(`${what} is not a finite number: ${String(n)}`)
  if (options.kind === "count") {
    if (n < 0) return fail(`negative ${what} ${String(n)} for a count`)
    if (!Number.isInteger(n)) return fail(`${what} ${String(n)} is not a whole number, as a count must be`)
    if (!Number.isSafeInteger(n)) return fail(`${what} ${String(n)} is too large`)
  }
  return null
}

const OBJECT_KEYS = ["lo", "best", "hi"] as const

/** A part of `{ lo, best, hi }`: a number, or a string that reads as exactly one number. */
const objectPart = (v: unknown, key: string, options: NormalizeOptions): number | undefined | Fail => {
  if (v === undefined || v === null) return undefined
  if (typeof v === "number") return checkNumber(v, key, options) ?? v
  if (typeof v === "string") {
    const r = normalizeString(v, { kind: options.kind })
    if (r.ok && r.value.lo === r.value.hi && r.value.certainty === null) return r.value.lo
    return fail(r.ok ? `${key} ${quote(v)} is not a single number` : `${key}: ${r.reason}`)
  }
  return fail(`${key} must be a number, got ${Array.isArray(v) ? "an array" : typeof v}`)
}

const normalizeObject = (input: Readonly<Record<string, unknown>>, options: NormalizeOptions): NormalizeResult => {
  let wording: string
  try {
    wording = JSON.stringify(input)
  } catch {
    return fail("value object cannot be written as JSON")
  }
  const unknownKey = Object.keys(input).find((k) => !(OBJECT_KEYS as readonly string[]).includes(k))
  if (unknownKey !== undefined) {
    return fail(`unknown key ${quote(unknownKey)} in value ${wording} (expected lo, best, hi)`)
  }
  const parts: Partial<Record<(typeof OBJECT_KEYS)[number], number>> = {}
  for (const key of OBJECT_KEYS) {
    const p = objectPart(input[key], key, options)
    if (typeof p === "object") return p
    if (p !== undefined) parts[key] = p
  }
  const { lo, best, hi } = parts
  if (lo === undefined && best === undefined && hi === undefined) {
    return fail(`value ${wording} gives none of lo, best, hi`)
  }
  if (lo !== undefined && hi !== undefined && lo > hi) return fail(`lo ${lo} > hi ${hi}`)
  // Only a best: the source gave a point. Otherwise the missing bound is open.
  const floor = options.kind === "count" ? 0 : -Infinity
  const bounds: Bounds = lo === undefined && hi === undefined
    ? { lo: best ?? 0, hi: best ?? 0 }
    : { lo: lo ?? floor, hi: hi ?? Infinity }
  if (best !== undefined && (best < bounds.lo || best > bounds.hi)) {
    return fail(`best ${best} is outside [${bounds.lo}, ${bounds.hi}]`)
  }
  return finish(bounds, null, best ?? null, wording, options)
}

/**
 * Normalizes a claim record's `value` (SPEC §2.2, §3) into an interval with its wording, or says
 * why it cannot. Never guesses: unreadable and relative phrases are rejected with the phrase quoted.
 *
 * @example normalizeValue("up to 13 others", { kind: "count" })
 *   // { ok: true, value: { lo: 0, hi: 13, best: null, certainty: null, …, wording: "up to 13 others" } }
 * @example normalizeValue("more than 5.5", { kind: "real" })  // lo 5.5, loStrict true, hi Infinity
 * @example normalizeValue("half of the aircraft", { kind: "count" })
 *   // { ok: false, reason: 'relative quantity "half of the aircraft" is not supported yet' }
 */
export const normalizeValue = (input: unknown, options: NormalizeOptions): NormalizeResult => {
  if (typeof input === "number") {
    const bad = checkNumber(input, "value", options)
    if (bad !== null) return bad
    const n = input === 0 ? 0 : input
    return finish({ lo: n, hi: n }, null, null, String(input), options)
  }
  if (typeof input === "string") return normalizeString(input, options)
  if (input === null || input === undefined) return fail("value is missing")
  if (Array.isArray(input)) return fail(`value must be a number, a phrase or { lo, best, hi }, got an array`)
  if (typeof input === "object") return normalizeObject(input as Readonly<Record<string, unknown>>, options)
  return fail(`value must be a number, a phrase or { lo, best, hi }, got ${typeof input}`)
}
