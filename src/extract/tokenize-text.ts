import type { ItemEntity, ItemSentence, ItemToken } from "wink-nlp"
import type { Sentence, TextEntity, Token, TokenizedText } from "./tokenized-text.js"

/** Entity types that mark a number as something other than a count of things. */
const NON_COUNT_ENTITIES = new Set(["DATE", "TIME", "DURATION", "MONEY", "PERCENT", "ORDINAL"])

/**
 * Loads wink-nlp with its English model (both npm packages, pinned; nothing is downloaded at run
 * time) and returns a tokenizer. Loaded on demand: only `reckon extract` pays for the model.
 *
 * wink's tokenization is lossless (each token keeps the whitespace before it), so offsets are the
 * running sum of whitespace and token lengths; a text that does not add up is a bug, not input.
 */
export const loadTokenizer = async (): Promise<(text: string) => TokenizedText> => {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import("wink-nlp"), import("wink-eng-lite-web-model"),
  ])
  const nlp = winkNLP(model)
  const its = nlp.its
  return (text: string): TokenizedText => {
    const doc = nlp.readDoc(text)
    const tokens: (Token & { space: boolean })[] = []
    let pos = 0
    doc.tokens().each((t: ItemToken) => {
      pos += (t.out(its.precedingSpaces) as string).length
      const s = t.out() as string
      const kind = t.out(its.type) as string
      tokens.push({ start: pos, end: pos + s.length, text: s, pos: t.out(its.pos) as string, kind, space: s.trim() === "" })
      pos += s.length
    })
    const consistent = pos === text.length && tokens.every((t) => text.slice(t.start, t.end) === t.text)
    if (!consistent) throw new Error("wink-nlp tokens do not add up to the text")
    const sentences: Sentence[] = []
    doc.sentences().each((s: ItemSentence) => {
      const [first, last] = s.out(its.span) as unknown as [number, number]
      const own = tokens.slice(first, last + 1).filter((t) => !t.space)
        .map(({ space: _space, ...t }) => t)
      if (own.length === 0) return
      sentences.push({ start: own[0]!.start, end: own[own.length - 1]!.end, tokens: own })
    })
    const entities: TextEntity[] = []
    doc.entities().each((e: ItemEntity) => {
      const type = e.out(its.type) as string
      if (!NON_COUNT_ENTITIES.has(type)) return
      const [first, last] = e.out(its.span) as unknown as [number, number]
      entities.push({ start: tokens[first]!.start, end: tokens[last]!.end, type })
    })
    return { text, sentences, entities }
  }
}
