/**
 * The scope of a number from the catalog's dimension values in its sentence: the values in the
 * number's own noun phrase ("four Tu-95MS bombers" → type Tu-95MS), and for the other dimensions
 * the values the clause places everything in ("… at Olenya airbase" → location olenya). Two values
 * of one dimension that do not nest ("at Olenya and Belaya airbases") leave the dimension out.
 */
import type { DimensionTarget } from "./catalog-lexicon.js"
import type { SentenceMention, SentenceView } from "./sentence-view.js"

const NP_BREAK_POS = new Set(["CCONJ", "SCONJ", "ADP", "VERB", "AUX", "PART", "PRON"])
const BREAKS = /^[,;:.!?()[\]"“”]$/
const PLACE_WORDS = new Set(["at", "in", "on", "near", "over", "from", "across", "inside", "outside", "around"])
const MAX_NP = 8

type ValueMention = SentenceMention & { kind: "value" }

/** Token range after a number phrase that is its noun phrase ("Russian aircraft", "Tu-22 bombers"). */
export const nounPhraseEnd = (v: SentenceView, phraseLast: number, isNumberStart: (i: number) => boolean): number => {
  let last = phraseLast
  for (let i = phraseLast + 1; i < v.tokens.length && i - phraseLast <= MAX_NP; i++) {
    const m = v.mentionAt[i]
    if (m?.kind === "value") {
      last = m.last
      i = m.last
      continue
    }
    const t = v.tokens[i]!
    if (m !== undefined || BREAKS.test(t.text) || NP_BREAK_POS.has(t.pos) || isNumberStart(i)) break
    last = i
  }
  return last
}

/** Value mentions the clause places its numbers in: after "at", "in", … (and those coordinated with them). */
export const placeMentions = (v: SentenceView, insideNounPhrases: (i: number) => boolean): ValueMention[] => {
  const values = v.mentions.filter((m): m is ValueMention => m.kind === "value" && !insideNounPhrases(m.first))
  const placed: ValueMention[] = []
  for (const m of values) {
    for (let i = m.first - 1; i >= 0 && m.first - i <= 4; i--) {
      const w = v.words[i]!
      if (PLACE_WORDS.has(w)) {
        placed.push(m)
        break
      }
      // "at Olenya and Belaya airbases": coordinated with a placed value.
      if ((w === "and" || w === "or" || w === ",") && placed.some((p) => p.last === i - 1)) {
        placed.push(m)
        break
      }
      const pos = v.tokens[i]!.pos
      if (!(pos === "DET" || pos === "ADJ" || pos === "PROPN" || pos === "PART") || v.mentionAt[i] !== undefined) break
    }
  }
  return placed
}

/** The most specific of values that nest; null when two do not (ancestors via `parents`). */
const mostSpecific = (values: readonly string[], parents: ReadonlyMap<string, string> | undefined): string | null => {
  const ancestors = (x: string): Set<string> => {
    const seen = new Set<string>()
    for (let p = parents?.get(x); p !== undefined && !seen.has(p); p = parents?.get(p)) seen.add(p)
    return seen
  }
  const distinct = [...new Set(values)]
  const deepest = distinct.find((x) => distinct.every((y) => y === x || ancestors(x).has(y)))
  return deepest ?? null
}

export interface ScopeFound {
  readonly scope: Record<string, string>
  /** Dimensions left out because the sentence names several values that do not nest. */
  readonly ambiguous: ReadonlyArray<{ dimension: string; values: readonly string[] }>
}

/** Resolves own values first, then the clause's, per dimension. */
export const resolveScope = (
  own: readonly DimensionTarget[], placed: readonly DimensionTarget[],
  parents: ReadonlyMap<string, ReadonlyMap<string, string>>,
): ScopeFound => {
  const scope: Record<string, string> = {}
  const ambiguous: { dimension: string; values: string[] }[] = []
  const dims = [...new Set([...own, ...placed].map((t) => t.dimension))].sort()
  for (const d of dims) {
    const ownValues = own.filter((t) => t.dimension === d).map((t) => t.value)
    const values = ownValues.length > 0 ? ownValues : placed.filter((t) => t.dimension === d).map((t) => t.value)
    const value = mostSpecific(values, parents.get(d))
    if (value !== null) scope[d] = value
    else ambiguous.push({ dimension: d, values: [...new Set(values)] })
  }
  return { scope, ambiguous }
}
