import type { CatalogLexicon, DimensionTarget } from "./catalog-lexicon.js"
import { findMentions, withoutOverlaps } from "./name-index.js"
import type { Sentence, Token } from "./tokenized-text.js"

export type SentenceMention =
  | { readonly kind: "source"; readonly target: string; readonly start: number; readonly end: number; readonly first: number; readonly last: number }
  | { readonly kind: "metric"; readonly target: string; readonly start: number; readonly end: number; readonly first: number; readonly last: number }
  | { readonly kind: "value"; readonly target: DimensionTarget; readonly start: number; readonly end: number; readonly first: number; readonly last: number }

/** A sentence with the catalog's names found in it, each token knowing the mention it is part of. */
export interface SentenceView {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly mentions: readonly SentenceMention[]
  /** Per token: the mention covering it, if any. */
  readonly mentionAt: readonly (SentenceMention | undefined)[]
  /** Lowercased token texts. */
  readonly words: readonly string[]
}

/** The index of the token containing character `pos` (or the next one). */
const tokenIndex = (tokens: readonly Token[], pos: number): number => {
  let lo = 0
  let hi = tokens.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.end <= pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Finds the sources, dimension values and metric words of a sentence; longer names win overlaps. */
export const viewSentence = (text: string, sentence: Sentence, lexicon: CatalogLexicon): SentenceView => {
  const { tokens } = sentence
  const at = (m: { start: number; end: number }) => ({ first: tokenIndex(tokens, m.start), last: tokenIndex(tokens, m.end - 1) })
  const all: SentenceMention[] = [
    ...findMentions(lexicon.sources, text, sentence.start, sentence.end).map((m) => ({ kind: "source" as const, ...m, ...at(m) })),
    ...findMentions(lexicon.values, text, sentence.start, sentence.end).map((m) => ({ kind: "value" as const, ...m, ...at(m) })),
    ...findMentions(lexicon.metricWords, text, sentence.start, sentence.end).map((m) => ({ kind: "metric" as const, ...m, ...at(m) })),
  ]
  const mentions = withoutOverlaps(all)
  const mentionAt: (SentenceMention | undefined)[] = tokens.map(() => undefined)
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) mentionAt[i] = m
  return { text, tokens, mentions, mentionAt, words: tokens.map((t) => t.text.toLowerCase()) }
}
