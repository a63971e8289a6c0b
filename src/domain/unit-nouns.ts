/**
 * The one trailing noun a value phrase may end with (SPEC §3: "one trailing unit noun"): a few
 * nouns every count of people or aircraft uses, the metric's `unit`, and any further words the
 * catalog gives for the metric. Singular and plural read alike ("1 death", "64 deaths").
 */
import { normalizeNumberText } from "./number-words.js"

/** Nouns that never change a number: what a death toll or an aircraft count is counted in. */
const BUILT_IN_NOUNS: readonly string[] = [
  "aircraft", "people", "person", "individual", "death", "dead", "fatality", "casualty", "victim", "other",
]

/** "deaths" → "death", "casualties" → "casualty"; the last word of a several-word noun. */
const stemWord = (w: string): string =>
  w.endsWith("ies") && w.length > 4 ? `${w.slice(0, -3)}y` : w.endsWith("s") && !w.endsWith("ss") && w.length > 2 ? w.slice(0, -1) : w

/** A noun as compared: normalized, a parenthesized note dropped ("aircraft (fixed-wing)"), last word stemmed. */
const stem = (noun: string): string => {
  const words = normalizeNumberText(noun.replace(/\([^)]*\)/g, " ")).split(" ").filter((w) => w !== "")
  if (words.length === 0) return ""
  return [...words.slice(0, -1), stemWord(words[words.length - 1]!)].join(" ")
}

const BUILT_IN_STEMS: ReadonlySet<string> = new Set(BUILT_IN_NOUNS.map(stem))

/** What a phrase's trailing noun may be, besides the built-in nouns. */
export interface NounOptions {
  readonly unit?: string | undefined
  readonly nouns?: readonly string[] | undefined
}

/**
 * Whether `text` (normalized: lowercase, single spaces) is one unit noun: built in, the metric's
 * unit, or one of `nouns`, in the singular or the plural.
 * @example isUnitNoun("deaths", {}) === true; isUnitNoun("Tu-95MS bombers", {}) === false
 * @example isUnitNoun("helicopter", { unit: "helicopters" }) === true
 */
export const isUnitNoun = (text: string, options: NounOptions): boolean => {
  const s = stem(text)
  if (s === "") return false
  if (BUILT_IN_STEMS.has(s)) return true
  if (options.unit !== undefined && stem(options.unit) === s) return true
  return (options.nouns ?? []).some((n) => stem(n) === s)
}

/** The single words of every unit noun the options allow, for telling which word was not understood. */
export const unitNounWords = (options: NounOptions): ReadonlySet<string> => {
  const words = new Set<string>()
  for (const n of [...BUILT_IN_NOUNS, ...(options.unit !== undefined ? [options.unit] : []), ...(options.nouns ?? [])]) {
    for (const w of normalizeNumberText(n.replace(/\([^)]*\)/g, " ")).split(" ")) if (w !== "") words.add(stemWord(w))
  }
  return words
}

/** `stemWord`, for callers that check one word against `unitNounWords`. */
export const nounStem = stemWord
