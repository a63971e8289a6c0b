/**
 * The value normalizer of SPEC §3: a record's `value` (a number, a phrase, or `{ lo, best, hi }`)
 * becomes an interval with its original wording. Pure; the ingest layer turns a rejection into a
 * quarantined record with `reason`.
 *
 * Read strictly, never guess: a phrase is accepted only when every word in it is understood — the
 * forms below, number words, and at most one trailing unit noun (unit-nouns.ts). Anything else is
 * rejected with the phrase quoted and the word that was not understood.
 */
import type { Certainty } from "./claim.js"
import type { MetricKind, VagueWords } from "./catalog.js"
import {
  NUMBER_WORDS, SCALE_WORDS, TENS_WORDS, UNIT_WORDS, normalizeNumberText, readNumber, type NumberMatch,
} from "./number-words.js"
import { isUnitNoun, nounStem, unitNounWords } from "./unit-nouns.js"

export interface NormalizeOptions {
  readonly kind: MetricKind
  /** MetricDef.approx: half-width of "about N" instead of max(1, round(0.1·N)) (count) or 0.1·|N| (real). */
  readonly approx?: number
  /** MetricDef.vague: overrides of (or additions to) the vague words ("several": { lo, hi }). */
  readonly vague?: VagueWords
  /** The metric's unit ("aircraft", "deaths"): a phrase may end with it, singular or plural. */
  readonly unit?: string
  /** More nouns a phrase of this metric may end with (the catalog's words for it). */
  readonly nouns?: readonly string[]
  /**
   * The number as the record wrote it, when `input` is a JSON number: a number too large to store
   * exactly is rejected quoting these digits, not the float they were rounded to.
   */
  readonly literal?: string
}

export interface NormalizedValue {
  /** -Infinity only for real metrics ("up to 5.5"). */
  readonly lo: number
  /** Infinity when unbounded. */
  readonly hi: number
  /** The source's own point estimate: `{ best }`, or N of "N (95% CI A–B)"; else null. */
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
  /** `word`: the word of the phrase that was not understood, when one was not. */
  | { readonly ok: false; readonly reason: string; readonly word?: string }

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

/** Integers up to here are stored exactly; a number beyond it would be silently rounded. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER

// ---------------------------------------------------------------------------------------------
// Results

type Fail = { readonly ok: false; readonly reason: string; readonly word?: string }
const fail = (reason: string, word?: string): Fail => (word === undefined ? { ok: false, reason } : { ok: false, reason, word })
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
  /** "2,975 (95% CI 2,658–3,290)": the interval [lo, hi] with the source's estimate n. */
  | { readonly tag: "estimate"; readonly n: number; readonly lo: number; readonly hi: number }

/** What every reading function shares: the options, for the nouns a phrase may end with. */
interface Reader {
  readonly options: NormalizeOptions
}

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

/**
 * What may follow a number phrase: nothing, a final full stop, or one unit noun ("41 aircraft",
 * "up to 13 others"). Any other word is not understood, so the phrase is not read.
 */
const tailOk = (r: Reader, s: string, pos: number): boolean => {
  if (isWordChar(s[pos]) && pos > 0 && isWordChar(s[pos - 1])) return false
  let rest = s.slice(pos).trim()
  if (rest.endsWith(".")) rest = rest.slice(0, -1).trimEnd()
  return rest === "" || (/^[a-z][a-z0-9' -]*$/.test(rest) && isUnitNoun(rest, r.options))
}

/** After a vague word: nothing, a unit noun, or "of" and a unit noun ("dozens of aircraft"). */
const vagueTailOk = (r: Reader, s: string, pos: number): boolean => {
  const of = lit(s, pos, "of")
  return of >= 0 ? s.slice(of).trim() !== "" && tailOk(r, s, of) : tailOk(r, s, pos)
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
const vagueForm = (r: Reader, s: string, pos: number): Form | null => {
  const options = r.options
  for (const [word, range] of vagueTable(options.vague)) {
    const end = lit(s, pos, word)
    if (end < 0) continue
    // "several hundred" = [300, 900]: a singular multiplier scales the vague word.
    const scaleWord = /^ ([a-z]+)/.exec(s.slice(end))
    const single = ownValue(SCALE_MULTIPLIERS, scaleWord?.[1])
    if (single !== undefined && !word.endsWith("s")) {
      const after = end + 1 + (scaleWord?.[1]?.length ?? 0)
      if (vagueTailOk(r, s, after)) return { tag: "vague", lo: range.lo * single, hi: range.hi * single }
      continue
    }
    // "hundreds of thousands" = [200 000, 999 999]: every unit of the vague word is a thousand.
    const ofScale = /^ of ([a-z]+)/.exec(s.slice(end))
    const plural = ownValue(PLURAL_SCALES, ofScale?.[1])
    if (plural !== undefined) {
      const after = end + (ofScale?.[0].length ?? 0)
      if (vagueTailOk(r, s, after)) return { tag: "vague", lo: range.lo * plural, hi: (range.hi + 1) * plural - 1 }
      continue
    }
    if (word === "tens" && !(options.vague && Object.prototype.hasOwnProperty.call(options.vague, "tens"))) continue
    if (vagueTailOk(r, s, end)) return { tag: "vague", lo: range.lo, hi: range.hi }
  }
  return null
}

const RANGE_SEPARATORS = ["–", "-", "to", "or"] as const
const INTERVAL_SEPARATORS = ["–", "-", "to"] as const

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
  ["exceeding", "moreThan"], ["exceeded", "moreThan"], ["exceeds", "moreThan"], ["surpassed", "moreThan"],
  ["surpasses", "moreThan"], ["topped", "moreThan"], [">", "moreThan"],
  ["up to", "upTo"], ["at most", "upTo"], ["no more than", "upTo"], ["not more than", "upTo"],
  ["as many as", "upTo"], ["as much as", "upTo"], ["as high as", "upTo"], ["a maximum of", "upTo"],
  ["maximum of", "upTo"], ["maximum", "upTo"], ["max.", "upTo"], ["max", "upTo"], ["<=", "upTo"], ["=<", "upTo"],
  ["≤", "upTo"],
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
const prefixForm = (r: Reader, s: string, pos: number): Form | null => {
  for (const [words, op] of PREFIX_OPS) {
    const after = lit(s, pos, words)
    if (after < 0) continue
    const n = num(s, after)
    if (n === null) continue
    if (op === "about") {
      const range = rangeAfter(s, n, INTERVAL_SEPARATORS)
      if (range !== null && tailOk(r, s, range.end)) return { tag: "aboutRange", n: range.n, m: range.m }
    }
    if (tailOk(r, s, n.end)) return { tag: op, n: n.value }
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

const INTERVAL_WORDS = ["confidence interval", "credible interval", "uncertainty interval", "ci"] as const
const RANGE_WORDS = ["with a range of", "a range of", "range of", "range"] as const

/**
 * The interval part of "N (95% CI A–B)", "N (range A to B)", "N, with a range of A to B", from
 * `pos` (after the opening bracket or comma): its bounds and where it ends.
 */
const intervalPart = (s: string, pos: number): { lo: number; hi: number; end: number } | null => {
  let p = skipSpace(s, pos)
  const level = /^\d+(?:\.\d+)? ?%/.exec(s.slice(p))
  if (level !== null) p += level[0].length
  let q = firstLit(s, p, INTERVAL_WORDS)
  if (q < 0 && level === null) q = firstLit(s, p, RANGE_WORDS)
  if (q < 0) return null
  const punct = firstLit(s, q, [":", ","])
  if (punct >= 0) q = punct
  const a = num(s, q)
  if (a === null) return null
  const r = rangeAfter(s, a, INTERVAL_SEPARATORS)
  return r === null ? null : { lo: r.n, hi: r.m, end: r.end }
}

/** "2,975 (95% CI 2,658–3,290)", "4,645 deaths, 95% CI 793–8,498": the estimate and its interval. */
const estimateForm = (r: Reader, s: string, n: SignedNumber): Form | null => {
  const open = s.slice(n.end).search(/[(,]/)
  if (open < 0) return null
  const at = n.end + open
  const noun = s.slice(n.end, at).trim()
  if (noun !== "" && !isUnitNoun(noun, r.options)) return null
  const part = intervalPart(s, at + 1)
  if (part === null) return null
  let end = part.end
  if (s[at] === "(") {
    const close = lit(s, end, ")")
    if (close < 0) return null
    end = close
  }
  // One noun at most: before the interval or after it.
  if (noun !== "" ? s.slice(end).replace(/\.$/, "").trim() !== "" : !tailOk(r, s, end)) return null
  return { tag: "estimate", n: n.value, lo: part.lo, hi: part.hi }
}

/** Forms that start with the number: "41", "41+", "N or more", "N–M", "N to M", "12 ± 2", "N (95% CI A–B)". */
const numberFirstForm = (r: Reader, s: string, pos: number): Form | null => {
  const n = num(s, pos)
  if (n === null) return null
  const estimate = estimateForm(r, s, n)
  if (estimate !== null) return estimate
  for (const [words, op] of SUFFIX_OPS) {
    const end = lit(s, n.end, words)
    // "41+" must not be "41 + 3".
    if (end >= 0 && !/^ ?[0-9]/.test(s.slice(end)) && tailOk(r, s, end)) return { tag: op, n: n.value }
  }
  const pm = firstLit(s, n.end, ["±", "+/-", "+-"])
  if (pm >= 0) {
    const d = num(s, pm)
    if (d !== null && !d.negative && tailOk(r, s, d.end)) return { tag: "plusMinus", n: n.value, d: d.value }
    return null
  }
  const range = rangeAfter(s, n, RANGE_SEPARATORS)
  if (range !== null && tailOk(r, s, range.end)) return { tag: "range", n: range.n, m: range.m }
  if (tailOk(r, s, n.end)) return { tag: "exact", n: n.value }
  return null
}

const BOUNDED_RANGES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["between", ["and", "–", "-"]],
  ["from", ["to", "–", "-"]],
  ["anywhere from", ["to", "–", "-"]],
  ["anywhere between", ["and", "–", "-"]],
  ["somewhere between", ["and", "–", "-"]],
]

/** "between N and M", "between N–M", "from N to M", "anywhere from N to M", "somewhere between N and M". */
const boundedRangeForm = (r: Reader, s: string, pos: number): Form | null => {
  for (const [opener, seps] of BOUNDED_RANGES) {
    const after = lit(s, pos, opener)
    if (after < 0) continue
    // "and" is both the separator and part of word numbers: "between one hundred and twelve and two
    // hundred" needs the first number to keep its "and", "between one hundred and twenty thousand"
    // needs it not to. Of the readings, the first that is a forward range wins.
    const readings: Form[] = []
    for (const allowAnd of [true, false]) {
      const n = num(s, after, allowAnd)
      if (n === null) continue
      const range = rangeAfter(s, n, seps)
      if (range !== null && tailOk(r, s, range.end)) readings.push({ tag: "range", n: range.n, m: range.m })
    }
    const forward = readings.find((f) => f.tag === "range" && f.n <= f.m)
    if (forward !== undefined || readings[0] !== undefined) return forward ?? readings[0] ?? null
  }
  return null
}

/** "no deaths", "no aircraft": zero, said with a noun (a bare "no" is not a number). */
const noneForm = (r: Reader, s: string, pos: number): Form | null => {
  const after = lit(s, pos, "no")
  return after >= 0 && s.slice(after).trim() !== "" && tailOk(r, s, after) ? { tag: "exact", n: 0 } : null
}

const quantityForm = (r: Reader, s: string, pos: number): Form | null =>
  vagueForm(r, s, pos) ?? boundedRangeForm(r, s, pos) ?? prefixForm(r, s, pos) ?? numberFirstForm(r, s, pos)
  ?? noneForm(r, s, pos)

const CERTAINTY_PREFIXES: ReadonlyArray<readonly [string, Certainty]> = [
  ["an estimated", "estimated"], ["estimated at", "estimated"], ["estimated", "estimated"],
  ["an estimate of", "estimated"], ["est.", "estimated"], ["probably", "estimated"], ["likely", "estimated"],
  ["possibly", "possible"], ["perhaps", "possible"], ["maybe", "possible"], ["potentially", "possible"],
  // A bare "may" would read "May 2025" as a possible 2025: the modal needs its "have"/"be".
  ["may have", "possible"], ["might have", "possible"], ["could have", "possible"],
  ["may be", "possible"], ["might be", "possible"], ["could be", "possible"],
]

// Between "may have" and the number only these verbs may stand ("may have destroyed 12", "possibly
// killed 5"): they say what was counted, not how many. A closed list: a verb like "exceeded" changes
// the number and is a form of its own, and any other word could be the thing counted ("maybe June 5").
const FILLER_VERBS: ReadonlySet<string> = new Set([
  "be", "been", "have", "had", "hit", "lost", "shot", "down", "downed", "struck", "killed", "died", "destroyed",
  "damaged", "wounded", "injured", "hurt", "displaced", "affected", "sunk", "sank", "burnt", "burned", "seen",
  "taken", "captured", "abandoned", "crashed", "drowned", "numbered", "totalled", "totaled",
])

const MAX_FILLERS = 3

/** "possibly 12", "may have destroyed up to 13", "an estimated 7": the certainty and the quantity. */
const phrase = (r: Reader, s: string): { form: Form; certainty: Certainty | null } | null => {
  const plain = quantityForm(r, s, 0)
  if (plain !== null) return { form: plain, certainty: null }
  for (const [words, certainty] of CERTAINTY_PREFIXES) {
    let pos = lit(s, 0, words)
    if (pos < 0) continue
    for (let fillers = 0; fillers <= MAX_FILLERS; fillers++) {
      const form = quantityForm(r, s, skipSpace(s, pos))
      if (form !== null) return { form, certainty }
      const w = /^ ([a-z]+)(?=$| )/.exec(s.slice(pos))
      if (w?.[1] === undefined || !FILLER_VERBS.has(w[1])) break
      pos += w[0].length
    }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Why a phrase was not read

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
// The level of a confidence interval is a percentage, not a relative quantity.
const INTERVAL_LEVEL = /\d+(?:\.\d+)? ?% ?(?:ci|confidence interval|credible interval|uncertainty interval)\b/g

const wordsOf = (phrases: Iterable<string>): string[] => [...phrases].flatMap((p) => p.split(/[^a-z]+/)).filter((w) => w !== "")

/** Every word the grammar above uses, so a rejection can name the one word it did not understand. */
const GRAMMAR_WORDS: ReadonlySet<string> = new Set([
  ...wordsOf(PREFIX_OPS.map(([w]) => w)), ...wordsOf(SUFFIX_OPS.map(([w]) => w)),
  ...wordsOf(CERTAINTY_PREFIXES.map(([w]) => w)), ...wordsOf(BOUNDED_RANGES.map(([w]) => w)),
  ...wordsOf(INTERVAL_WORDS), ...wordsOf(RANGE_WORDS), ...wordsOf(Object.keys(DEFAULT_VAGUE_WORDS)),
  ...FILLER_VERBS, ...NUMBER_WORDS, ...Object.keys(SCALE_WORDS), ...Object.keys(PLURAL_SCALES),
  "a", "an", "and", "or", "to", "of", "no", "so", "k", "minus", "negative", "half", "pair", "single", "tens",
])
const SYMBOLS = new Set([..."-–~+±≈≥≤<>=%()/:,.;'\"!?[]"])
const DIGIT_TOKEN = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/

/** What is wrong with one part of a word of the phrase, or null when it is understood. */
const partProblem = (part: string, known: (w: string) => boolean): string | null => {
  if (/^[a-z]/.test(part)) return known(part) ? null : "is not understood"
  if (/^[0-9]/.test(part)) {
    return DIGIT_TOKEN.test(part.replace(/[.,]$/, "")) ? null : "is not a number (digits are grouped in thousands: 1,000 or 1000)"
  }
  return SYMBOLS.has(part) ? null : "is not understood"
}

/** The first word of the phrase that is not understood, with what is wrong with it, or null. */
const notUnderstood = (raw: string, s: string, options: NormalizeOptions): { word: string; problem: string } | null => {
  const nouns = unitNounWords(options)
  const vague = new Set(wordsOf(Object.keys(options.vague ?? {}).map(normalizeNumberText)))
  const known = (w: string): boolean => GRAMMAR_WORDS.has(w) || vague.has(w) || nouns.has(nounStem(w))
  const tokens = s.split(" ")
  const rawTokens = raw.trim().split(/\s+/)
  for (let i = 0; i < tokens.length; i++) {
    for (const part of tokens[i]!.match(/[a-z]+|[0-9][0-9,.]*|[^a-z0-9]/gu) ?? []) {
      const problem = partProblem(part, known)
      if (problem === null) continue
      const shown = tokens.length === rawTokens.length ? rawTokens[i]! : tokens[i]!
      const word = /[a-z]/.test(part) ? shown.replace(/^[([{"']+|[)\]}"'.,;:!?]+$/g, "") || shown : shown
      return { word, problem }
    }
  }
  return null
}

const holdsNumber = (s: string): boolean =>
  /[0-9]/.test(s) || s.split(/[^a-z]+/).some((w) => NUMBER_WORDS.has(w))

/** The reason a string that did not read is rejected: relative, a word not understood, or no quantity. */
const unreadReason = (raw: string, s: string, options: NormalizeOptions): Fail => {
  const shown = raw.trim()
  if (RELATIVE.test(s.replace(INTERVAL_LEVEL, ""))) return fail(`relative quantity ${quote(shown)} is not supported yet`)
  const bad = notUnderstood(raw, s, options)
  if (bad !== null) return fail(`cannot read value ${quote(shown)}: ${quote(bad.word)} ${bad.problem}`, bad.word)
  return fail(`cannot read value ${quote(shown)}: ${holdsNumber(s) ? "its words do not make one quantity" : "it holds no number"}`)
}

// ---------------------------------------------------------------------------------------------
// From a form to an interval

const tooLarge = (what: string): Fail =>
  fail(`${what} is too large to store exactly (beyond 2^53 = ${MAX_EXACT + 1})`)

const checkPhraseNumber = (n: number, wording: string, count: boolean): Fail | null => {
  if (!Number.isFinite(n) || Math.abs(n) > MAX_EXACT) return tooLarge(`a number in value ${quote(wording)}`)
  if (!count) return null
  if (n < 0) return fail(`negative number in count value ${quote(wording)}`)
  if (!Number.isInteger(n)) return fail(`count value ${quote(wording)} is not a whole number`)
  return null
}

const numbersOf = (form: Form): readonly number[] => {
  switch (form.tag) {
    case "range": case "aboutRange": return [form.n, form.m]
    case "plusMinus": return [form.n, form.d]
    case "estimate": return [form.n, form.lo, form.hi]
    case "vague": return []
    default: return [form.n]
  }
}

/** Half-width of "about N" (SPEC §3). */
const approxHalfWidth = (n: number, options: NormalizeOptions): number =>
  options.approx ?? (options.kind === "count" ? Math.max(1, Math.round(Math.abs(n) / 10)) : Math.abs(n) / 10)

const backwards = (wording: string, n: number, m: number): Fail =>
  fail(`range ${quote(wording)} is written backwards (${n} > ${m})`)

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
      return form.n > form.m ? backwards(wording, form.n, form.m) : { lo: form.n, hi: form.m }
    case "about": {
      const d = approxHalfWidth(form.n, options)
      return { lo: form.n - d, hi: form.n + d }
    }
    case "aboutRange":
      if (form.n > form.m) return backwards(wording, form.n, form.m)
      return { lo: form.n - approxHalfWidth(form.n, options), hi: form.m + approxHalfWidth(form.m, options) }
    case "nearly": return { lo: form.n - approxHalfWidth(form.n, options), hi: form.n }
    case "plusMinus": return { lo: form.n - form.d, hi: form.n + form.d }
    case "vague": return { lo: form.lo, hi: form.hi }
    case "estimate":
      if (form.lo > form.hi) return backwards(wording, form.lo, form.hi)
      if (form.n < form.lo || form.n > form.hi) {
        return fail(`value ${quote(wording)}: the estimate ${form.n} is outside its own interval [${form.lo}, ${form.hi}]`)
      }
      return { lo: form.lo, hi: form.hi }
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
  const parsed = phrase({ options }, s)
  if (parsed === null) return unreadReason(raw, s, options)
  for (const n of numbersOf(parsed.form)) {
    const bad = checkPhraseNumber(n, shown, options.kind === "count")
    if (bad !== null) return bad
  }
  if (parsed.form.tag === "fewerThan" && options.kind === "count" && parsed.form.n === 0) {
    return fail(`value ${quote(shown)} is an empty range (fewer than 0)`)
  }
  const bounds = formBounds(parsed.form, options, shown)
  if ("ok" in bounds) return bounds
  return finish(bounds, parsed.certainty, parsed.form.tag === "estimate" ? parsed.form.n : null, raw, options)
}

// ---------------------------------------------------------------------------------------------
// Numbers and { lo, best, hi } objects

const checkNumber = (n: number, what: string, options: NormalizeOptions, literal?: string): Fail | null => {
  if (!Number.isFinite(n)) return fail(`${what} is not a finite number: ${String(n)}`)
  if (Math.abs(n) > MAX_EXACT) return tooLarge(`${what} ${literal ?? String(n)}`)
  if (options.kind === "count") {
    if (n < 0) return fail(`negative ${what} ${String(n)} for a count`)
    if (!Number.isInteger(n)) return fail(`${what} ${String(n)} is not a whole number, as a count must be`)
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
 * why it cannot. Never guesses: a phrase with a word it does not understand is rejected naming
 * that word; relative phrases are rejected as not supported.
 *
 * @example normalizeValue("up to 13 others", { kind: "count" })
 *   // { ok: true, value: { lo: 0, hi: 13, best: null, certainty: null, …, wording: "up to 13 others" } }
 * @example normalizeValue("2,975 (95% CI 2,658-3,290)", { kind: "count" })  // [2658, 3290], best 2975
 * @example normalizeValue("likely exceeded 5,000", { kind: "count" })      // [5001, ∞), estimated
 * @example normalizeValue("more than 5.5", { kind: "real" })  // lo 5.5, loStrict true, hi Infinity
 * @example normalizeValue("half of the aircraft", { kind: "count" })
 *   // { ok: false, reason: 'relative quantity "half of the aircraft" is not supported yet' }
 */
export const normalizeValue = (input: unknown, options: NormalizeOptions): NormalizeResult => {
  if (typeof input === "number") {
    const bad = checkNumber(input, "value", options, options.literal)
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
