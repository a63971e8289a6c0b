/**
 * Number phrases in a sentence, read by the project's one value normalizer (SPEC §3): this file
 * only decides which stretch of words to hand it, never what the words mean.
 */
import type { MetricDef } from "../domain/catalog.js"
import { normalizeValue, type NormalizedValue } from "../domain/normalize-value.js"
import { NUMBER_WORDS, readNumber } from "../domain/number-words.js"
import type { Token } from "./tokenized-text.js"

/** A number written in the text: tokens [first, last] of the sentence, its characters [start, end). */
export interface NumberToken {
  readonly first: number
  readonly last: number
  readonly start: number
  readonly end: number
}

/**
 * A lowercased copy of `text` of the same length, dashes and whitespace folded as the normalizer
 * folds them, so that a number read in it has its offsets in the original.
 */
export const foldedText = (text: string): string => {
  let out = ""
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (/\s/.test(c)) out += " "
    else if (c === "\u2212") out += "-"
    else if (c >= "\u2012" && c <= "\u2015") out += "–"
    else {
      const l = c.toLowerCase()
      out += l.length === 1 ? l : c
    }
  }
  return out
}

const STARTS_WORD_NUMBER = new Set([...NUMBER_WORDS, "a", "an", "half"])

/** Whether a token looks like a number, read or not: digits, or a number word the library tagged NUM. */
export const isNumberLike = (t: Token): boolean => /^[0-9]/.test(t.text) || (t.pos === "NUM" && /\p{N}/u.test(t.text))

/**
 * The numbers of a sentence, in order: each is the longest reading of `readNumber` that starts at a
 * token and ends at a token's end ("two hundred", "forty-one", "3,000", "a dozen"). Tokens that
 * look like numbers but do not read ("16:48", "2nd") are returned as `unread`.
 */
export const findNumbers = (folded: string, tokens: readonly Token[]): { numbers: NumberToken[]; unread: number[] } => {
  const numbers: NumberToken[] = []
  const unread: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const lower = folded.slice(t.start, t.end)
    const candidate = /^[0-9]/.test(lower) || (STARTS_WORD_NUMBER.has(lower) && t.pos !== "PRON")
    const m = candidate ? readNumber(folded, t.start) : null
    const last = m === null ? -1 : tokens.findIndex((u, j) => j >= i && u.end === m.end)
    if (m === null || last < 0) {
      if (isNumberLike(t)) unread.push(i)
      continue
    }
    numbers.push({ first: i, last, start: t.start, end: m.end })
    i = last
  }
  return { numbers, unread }
}

/** Tokens a value phrase never spans: the end of a clause or a quotation. */
const PHRASE_BREAK = /^[,;:.!?()[\]{}"“”‘’'«»]$/

export interface ReadPhrase {
  readonly first: number
  readonly last: number
  readonly start: number
  readonly end: number
  /** The phrase verbatim from the text. */
  readonly wording: string
  readonly value: NormalizedValue
}

const MAX_BEFORE = 6
const MAX_AFTER = 4

/** Whether two readings give one interval with one certainty. */
export const sameInterval = (a: NormalizedValue, b: NormalizedValue): boolean =>
  a.lo === b.lo && a.hi === b.hi && a.certainty === b.certainty && a.best === b.best

const optionsFor = (metric: MetricDef | undefined) => ({
  kind: metric?.kind ?? "count",
  ...(metric?.approx !== undefined ? { approx: metric.approx } : {}),
  ...(metric?.vague !== undefined ? { vague: metric.vague } : {}),
}) as const

/** The normalizer's reading of a phrase for a metric, or null when it does not read. */
export const readWording = (wording: string, metric: MetricDef | undefined): NormalizedValue | null => {
  const r = normalizeValue(wording, optionsFor(metric))
  return r.ok ? r.value : null
}

/**
 * The value phrase around a number: the most words before it that the normalizer reads together
 * with it ("up to 13", "an estimated 7", "possibly damaged 3"), then the fewest words after it
 * that give the same reading as the most words after it that still read ("13 or more", "2 to 5";
 * "41 Russian aircraft" is just "41"). Null when the normalizer reads no stretch of it.
 * `stopBefore` is the first token the phrase may not reach back to (an earlier phrase).
 */
export const readPhrase = (
  text: string, tokens: readonly Token[], n: NumberToken, metric: MetricDef | undefined, stopBefore: number,
): ReadPhrase | null => {
  let lowest = n.first
  while (lowest > stopBefore && n.first - lowest < MAX_BEFORE && !PHRASE_BREAK.test(tokens[lowest - 1]!.text)) lowest--
  let highest = n.last
  while (highest + 1 < tokens.length && highest - n.last < MAX_AFTER && !PHRASE_BREAK.test(tokens[highest + 1]!.text)) highest++
  const read = (first: number, last: number): ReadPhrase | null => {
    const start = tokens[first]!.start
    const end = tokens[last]!.end
    const wording = text.slice(start, end)
    const value = readWording(wording, metric)
    return value !== null ? { first, last, start, end, wording, value } : null
  }
  for (let first = lowest; first <= n.first; first++) {
    let longest: ReadPhrase | null = null
    for (let last = highest; last >= n.last && longest === null; last--) longest = read(first, last)
    if (longest === null) continue
    for (let last = n.last; last < longest.last; last++) {
      const shorter = read(first, last)
      if (shorter !== null && sameInterval(shorter.value, longest.value)) return shorter
    }
    return longest
  }
  return null
}

/** The reason the normalizer gives for the number alone, for the list of skipped numbers. */
export const whyUnread = (wording: string, metric: MetricDef | undefined): string => {
  const r = normalizeValue(wording, { kind: metric?.kind ?? "count" })
  return r.ok ? "not read" : r.reason
}
