import { createRequire } from "node:module"
import type { ItemEntity, ItemSentence, ItemToken } from "wink-nlp"
import type { Sentence, TextEntity, Token, TokenizedText } from "./tokenized-text.js"

/** Entity types that mark a number as something other than a count of things. */
const NON_COUNT_ENTITIES = new Set(["DATE", "TIME", "DURATION", "MONEY", "PERCENT", "ORDINAL"])

/**
 * Loads wink-nlp with its English model (both npm packages, pinned; nothing is downloaded at run
 * time) and returns a tokenizer. Loaded on demand: only `reckon extract` pays for the model.
 * Required, not imported: the CLI bundle runs from V8's code cache, where Node 20 cannot serve
 * `import()` (src/cli/launcher.ts).
 *
 * wink's tokenization keeps each token's text and the whitespace before it, so offsets are the
 * running sum of whitespace and token lengths; a token that is not in the text is a bug, not input.
 */
export const loadTokenizer = async (): Promise<(text: string) => TokenizedText> => {
  const nodeRequire = createRequire(import.meta.url)
  const winkNLP = nodeRequire("wink-nlp") as typeof import("wink-nlp").default
  const model = nodeRequire("wink-eng-lite-web-model") as typeof import("wink-eng-lite-web-model").default
  const nlp = winkNLP(model)
  const its = nlp.its
  return (text: string): TokenizedText => {
    const doc = nlp.readDoc(text)
    const tokens: (Token & { space: boolean })[] = []
    let pos = 0
    let lost = false
    doc.tokens().each((t: ItemToken) => {
      const s = t.out() as string
      const spaced = pos + (t.out(its.precedingSpaces) as string).length
      // Whitespace wink does not keep (a trailing space, a vertical tab) would shift the offsets:
      // the token is looked up from where the last one ended instead.
      const start = text.startsWith(s, spaced) ? spaced : text.indexOf(s, pos)
      if (start < 0) {
        lost = true
        return
      }
      tokens.push({ start, end: start + s.length, text: s, pos: t.out(its.pos) as string, kind: t.out(its.type) as string, space: s.trim() === "" })
      pos = start + s.length
    })
    if (lost) throw new Error("wink-nlp returned a token that is not in the text")
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
