/**
 * What the extractor needs from an NLP library, as plain data: sentences, tokens with character
 * offsets into the text, part-of-speech tags, and the library's date/time/amount entities. The
 * extractor itself (extract-claims.ts) is pure over this shape; tokenize-text.ts fills it.
 */

/** One token; `start`/`end` are UTF-16 offsets into the whole text (`text.slice(start, end)`). */
export interface Token {
  readonly start: number
  readonly end: number
  readonly text: string
  /** Universal POS tag (NOUN, VERB, NUM, PROPN, ADP, CCONJ, SCONJ, PUNCT, …). */
  readonly pos: string
  /** The library's token kind: word, number, punctuation, symbol, … */
  readonly kind: string
}

/** A sentence without its surrounding whitespace: `text.slice(start, end)` is the quote. */
export interface Sentence {
  readonly start: number
  readonly end: number
  /** The sentence's tokens, whitespace tokens left out. */
  readonly tokens: readonly Token[]
}

/** A date, time, duration, amount of money, percentage or ordinal the library recognised. */
export interface TextEntity {
  readonly start: number
  readonly end: number
  readonly type: string
}

export interface TokenizedText {
  readonly text: string
  readonly sentences: readonly Sentence[]
  readonly entities: readonly TextEntity[]
}
