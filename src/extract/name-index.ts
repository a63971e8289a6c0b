/**
 * Finding catalog names in a text: source names and aliases, dimension value ids and aliases,
 * metric words. Names are looked up by their first word, so a catalog of many thousand names costs
 * one map lookup per word of the text, not one scan per name.
 */

/** A place in the text where a name of the catalog stands. */
export interface Mention<T> {
  readonly start: number
  readonly end: number
  readonly target: T
}

interface Entry<T> {
  readonly name: string
  readonly target: T
  /** Acronyms ("WHO", "SBU") match only in capitals: "who" is a pronoun. */
  readonly exactCase: boolean
}

export interface NameIndex<T> {
  readonly byFirstWord: ReadonlyMap<string, readonly Entry<T>[]>
  /** Whether a plural or possessive ending may follow a name ("bombers", "Putin's"). */
  readonly inflect: boolean
}

const WORD = /[\p{L}\p{N}]+/uy
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c)
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c)

const firstWord = (s: string, at = 0): string | null => {
  WORD.lastIndex = at
  const m = WORD.exec(s)
  return m === null ? null : m[0].toLowerCase()
}

/** Builds the index; names are trimmed and their inner whitespace collapsed. Empty names are ignored. */
export const buildNameIndex = <T>(names: Iterable<{ name: string; target: T }>, inflect: boolean): NameIndex<T> => {
  const byFirstWord = new Map<string, Entry<T>[]>()
  for (const { name: raw, target } of names) {
    const name = raw.trim().replace(/\s+/g, " ")
    const key = firstWord(name)
    if (key === null || !isWordChar(name[0])) continue
    const letters = name.replace(/[^\p{L}]/gu, "")
    const exactCase = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
    const list = byFirstWord.get(key) ?? []
    list.push({ name, target, exactCase })
    byFirstWord.set(key, list)
  }
  return { byFirstWord, inflect }
}

const INFLECTIONS = ["'s", "’s", "es", "s"] as const

/** The end of `entry` matched at `pos`, or -1. Whitespace in the name matches any run of whitespace. */
const matchAt = <T>(text: string, pos: number, entry: Entry<T>, inflect: boolean): number => {
  let j = pos
  for (let i = 0; i < entry.name.length; i++) {
    const c = entry.name[i]!
    if (c === " ") {
      if (!isSpace(text[j])) return -1
      while (isSpace(text[j])) j++
      continue
    }
    const t = text[j]
    if (t === undefined) return -1
    if (entry.exactCase ? t !== c : t.toLowerCase() !== c.toLowerCase()) return -1
    j++
  }
  if (!isWordChar(text[j])) return j
  if (!inflect) return -1
  for (const suffix of INFLECTIONS) {
    if (text.startsWith(suffix, j) && !isWordChar(text[j + suffix.length])) return j + suffix.length
  }
  return -1
}

/**
 * Every mention of an indexed name in `text[from, to)`, longest first where several names start at
 * one place ("Tu-22M3" over "Tu-22"; "Belaya air base" over "Belaya"); overlapping mentions are
 * all returned (the caller decides between categories).
 */
export const findMentions = <T>(index: NameIndex<T>, text: string, from = 0, to = text.length): Mention<T>[] => {
  const found: Mention<T>[] = []
  for (let pos = from; pos < to; pos++) {
    if (!isWordChar(text[pos]) || isWordChar(text[pos - 1])) continue
    const key = firstWord(text, pos)
    if (key === null) continue
    // A one-word name may stand inflected ("frigates"): look it up without the ending too.
    const keys = index.inflect ? [key, ...INFLECTIONS.filter((x) => key.endsWith(x)).map((x) => key.slice(0, -x.length))] : [key]
    const entries = keys.flatMap((k) => index.byFirstWord.get(k) ?? [])
    let best: Mention<T> | null = null
    for (const e of entries) {
      const end = matchAt(text, pos, e, index.inflect)
      if (end > pos && end <= to && (best === null || end > best.end)) best = { start: pos, end, target: e.target }
    }
    if (best !== null) found.push(best)
  }
  return found
}

/**
 * Keeps the longest of overlapping mentions (of any category), earlier first on a tie: "mayor of
 * Derna" (a source) hides the place "Derna" inside it.
 */
export const withoutOverlaps = <M extends { start: number; end: number }>(mentions: readonly M[]): M[] => {
  const byLength = [...mentions].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start)
  const kept: M[] = []
  for (const m of byLength) {
    if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m)
  }
  return kept.sort((a, b) => a.start - b.start)
}
