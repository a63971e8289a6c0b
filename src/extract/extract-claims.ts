/**
 * `reckon extract` (SPEC §10): candidate claims from an article's text, for a person to review.
 * Pure over a tokenized text and a catalog. Every number of the text either becomes a candidate
 * with a declared metric and source, or is listed as skipped with the reason; nothing is guessed.
 */
import type { Catalog } from "../domain/catalog.js"
import type { Certainty } from "../domain/claim.js"
import { attribute, documentRelays, sourceRoles } from "./attribute-source.js"
import type { Candidate, Extraction, SkippedNumber } from "./candidate.js"
import { buildLexicon, contentWords, type CatalogLexicon, type DimensionTarget } from "./catalog-lexicon.js"
import { findMetric, metricConfidence } from "./find-metric.js"
import { nounPhraseEnd, placeMentions, resolveScope } from "./find-scope.js"
import {
  findNumbers, foldedText, readPhrase, readWording, sameInterval, whyUnread, type NumberToken, type ReadPhrase,
} from "./number-phrases.js"
import { viewSentence, type SentenceView } from "./sentence-view.js"
import type { TokenizedText } from "./tokenized-text.js"

export interface ExtractOptions {
  /** The event of every candidate; else each sentence's event is told from the event titles. */
  readonly event?: string
  readonly url?: string
  readonly stated?: string
  /** A source id: the outlet that published the text, last in every `via`. */
  readonly publisher?: string
  readonly title?: string
}

// Confidence factors (README, "Claims from text").
const SUBJECT_ONLY = 0.6
const SCOPE_LEFT_OUT = 0.9
const CARRIED_QUANTIFIER = 0.8
/** An event told apart by its title needs this many shared content words. */
const EVENT_WORDS = 2

const ENTITY_REASON: Readonly<Record<string, string>> = {
  DATE: "a date", TIME: "a time", DURATION: "a duration", MONEY: "an amount of money",
  PERCENT: "a percentage (relative quantities are not supported yet)", ORDINAL: "an ordinal",
}

const round2 = (x: number) => Math.round(x * 100) / 100

/** The event a sentence is about: the only one whose title shares enough words with it. */
const eventOf = (lexicon: CatalogLexicon, sentence: string, fallback: string | null): string | null => {
  const words = contentWords(sentence)
  let best: string | null = null
  let bestScore = 0
  let tie = false
  for (const [id, title] of lexicon.eventWords) {
    let score = 0
    for (const w of title) if (words.has(w)) score++
    if (score > bestScore) [best, bestScore, tie] = [id, score, false]
    else if (score === bestScore) tie = true
  }
  return best !== null && !tie && bestScore >= EVENT_WORDS ? best : fallback
}

/** The text's main event: the one whose title the whole text shares most words with (first on a tie). */
const mainEvent = (lexicon: CatalogLexicon, text: string): string | null => {
  const words = contentWords(text)
  let best: string | null = null
  let bestScore = -1
  for (const [id, title] of lexicon.eventWords) {
    let score = 0
    for (const w of title) if (words.has(w)) score++
    if (score > bestScore) [best, bestScore] = [id, score]
  }
  return best
}

interface Found {
  readonly number: NumberToken
  readonly phrase: ReadPhrase
  readonly metricMention: number
}

/**
 * "at least two Tu-22 bombers and three Tu-95 bombers": a bare number listed right after a
 * quantified one under the same metric word shares its quantifier (the curator's reading of the
 * seed, SPEC §10's Maxar sentence). Only across a list: nouns, names, commas and "and".
 */
const carriedQuantifier = (
  v: SentenceView, previous: Found | undefined, n: NumberToken, phrase: ReadPhrase, metricMention: number,
): string | null => {
  if (previous === undefined || previous.metricMention !== metricMention) return null
  if (phrase.first !== n.first || phrase.last !== n.last) return null
  if (previous.phrase.first >= previous.number.first) return null
  for (let i = previous.phrase.last + 1; i < phrase.first; i++) {
    const t = v.tokens[i]!
    const m = v.mentionAt[i]
    if (m !== undefined && m.kind !== "value") return null
    if (m === undefined && !(t.text === "," || v.words[i] === "and" || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "ADJ")) return null
  }
  return v.text.slice(v.tokens[previous.phrase.first]!.start, v.tokens[previous.number.first - 1]!.end)
}

/** Candidate claims and skipped numbers of a tokenized text, under a catalog. */
export const extractClaims = (doc: TokenizedText, catalog: Catalog, options: ExtractOptions = {}): Extraction => {
  const lexicon = buildLexicon(catalog)
  const { text } = doc
  const folded = foldedText(text)
  const views = doc.sentences.map((s) => viewSentence(text, s, lexicon))
  const relays = [...new Set(views.flatMap((v, i) => documentRelays(v, text.slice(doc.sentences[i]!.start, doc.sentences[i]!.end))))]
  const defaultEvent = options.event ?? mainEvent(lexicon, text)
  const candidates: Candidate[] = []
  const valueSpans: Array<readonly [number, number]> = []
  const skipped: SkippedNumber[] = []
  for (const [si, sentence] of doc.sentences.entries()) {
    const v = views[si]!
    const quote = text.slice(sentence.start, sentence.end)
    const { numbers, unread } = findNumbers(folded, v.tokens)
    for (const i of unread) {
      const t = v.tokens[i]!
      const name = v.mentionAt[i]
      const reason = name !== undefined ? `part of the name ${JSON.stringify(text.slice(name.start, name.end))}` : whyUnread(t.text, undefined)
      skipped.push({ start: t.start, end: t.end, text: t.text, reason })
    }
    const starts = new Set(numbers.map((n) => n.first))
    const isNumberStart = (i: number) => starts.has(i)
    const roles = sourceRoles(v)
    const event = options.event ?? eventOf(lexicon, quote, defaultEvent)
    const found: Found[] = []
    const nounPhrases: Array<[number, number]> = []
    const pending: Array<{ n: NumberToken; phrase: ReadPhrase; metric: ReturnType<typeof findMetric> }> = []
    let stopBefore = 0
    for (const n of numbers) {
      const skip = (reason: string) => skipped.push({ start: n.start, end: n.end, text: text.slice(n.start, n.end), reason })
      if (n.first < stopBefore) continue
      const name = v.mentionAt[n.first]
      if (name !== undefined) {
        skip(`part of the name ${JSON.stringify(text.slice(name.start, name.end))}`)
        continue
      }
      const entity = doc.entities.find((e) => e.start < n.end && n.start < e.end)
      if (entity !== undefined) {
        const what = ENTITY_REASON[entity.type] ?? "not a count"
        const whole = text.slice(entity.start, entity.end)
        skip(whole === text.slice(n.start, n.end) ? `${JSON.stringify(whole)} is ${what}` : `part of ${what}, ${JSON.stringify(whole)}`)
        continue
      }
      const first = readPhrase(text, v.tokens, n, undefined, stopBefore)
      if (first === null) {
        skip(whyUnread(text.slice(n.start, n.end), undefined))
        continue
      }
      const metric = findMetric(v, n.first, first.last, isNumberStart)
      const def = metric === null ? undefined : lexicon.metrics.get(metric.metric)
      const phrase = def !== undefined && (def.kind !== "count" || def.approx !== undefined || def.vague !== undefined)
        ? readPhrase(text, v.tokens, n, def, stopBefore) ?? first
        : first
      stopBefore = phrase.last + 1
      pending.push({ n, phrase, metric })
      nounPhrases.push([phrase.last + 1, nounPhraseEnd(v, phrase.last, isNumberStart)])
    }
    const inNounPhrase = (i: number) => nounPhrases.some(([a, b]) => i >= a && i <= b)
    const placed = placeMentions(v, inNounPhrase)
    for (const [k, { n, phrase, metric }] of pending.entries()) {
      const numberText = JSON.stringify(text.slice(n.start, n.end))
      // The whole phrase is skipped: a number inside it ("between 2 and 5") goes with it.
      const skip = (reason: string) => skipped.push({ start: phrase.start, end: phrase.end, text: phrase.wording, reason })
      if (metric === null) {
        skip(`no metric word near ${numberText}`)
        continue
      }
      const attribution = attribute(v, roles, n.first)
      if (attribution === null) {
        skip(`no source named for ${numberText} (no "X said", "according to X", … in its sentence)`)
        continue
      }
      if (event === null) {
        skip(`no event for ${numberText}: the catalog declares none (give --event)`)
        continue
      }
      const metricIndex = v.mentions.indexOf(metric.mention)
      const carried = carriedQuantifier(v, found[found.length - 1], n, phrase, metricIndex)
      let value = phrase.wording
      let reading = phrase.value
      const notes: string[] = []
      let confidence = metricConfidence(metric)
      if (carried !== null) {
        const completed = `${carried} ${phrase.wording}`
        const r = readWording(completed, lexicon.metrics.get(metric.metric))
        if (r !== null && !sameInterval(r, reading)) {
          value = completed
          reading = r
          notes.push(`"${carried}" carried over from the number listed before it`)
          confidence *= CARRIED_QUANTIFIER
        }
      }
      const [npFrom, npTo] = nounPhrases[k]!
      const own = v.mentions.filter((m) => m.kind === "value" && m.first >= npFrom && m.last <= npTo).map((m) => m.target as DimensionTarget)
      const clause = placed.filter((m) => sameClause(v, m.first, n.first)).map((m) => m.target)
      const { scope, ambiguous } = resolveScope(own, clause, lexicon.parents)
      for (const a of ambiguous) {
        notes.push(`${a.dimension} left out: the sentence names ${a.values.join(" and ")}`)
        confidence *= SCOPE_LEFT_OUT
      }
      if (attribution.how === "subject") {
        notes.push(`source ${attribution.source}: the subject of the sentence, no reporting verb`)
        confidence *= SUBJECT_ONLY
      }
      const certainty: Certainty = reading.certainty ?? (attribution.estimated ? "estimated" : "asserted")
      const via = [...attribution.via, ...relays, ...(options.publisher !== undefined ? [options.publisher] : [])]
        .filter((s, i, all) => s !== attribution.source && all.indexOf(s) === i)
      found.push({ number: n, phrase, metricMention: metricIndex })
      valueSpans.push([phrase.start, phrase.end])
      candidates.push({
        event, metric: metric.metric, scope, value, source: attribution.source,
        ...(via.length > 0 ? { via } : {}),
        ...(options.stated !== undefined ? { stated: options.stated } : {}),
        certainty, quote,
        ...(options.url !== undefined ? { url: options.url } : {}),
        ...documentOf(options, lexicon),
        ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
        span: [sentence.start, sentence.end], confidence: round2(confidence),
      })
    }
  }
  skipped.sort((a, b) => a.start - b.start)
  return { candidates, skipped, valueSpans }
}

/** Two tokens of one clause: no ";" between them. */
const sameClause = (v: SentenceView, a: number, b: number): boolean => {
  const [lo, hi] = a < b ? [a, b] : [b, a]
  for (let i = lo; i <= hi; i++) if (v.tokens[i]!.text === ";") return false
  return true
}

const documentOf = (options: ExtractOptions, lexicon: CatalogLexicon): { document?: Candidate["document"] } => {
  const document = {
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.publisher !== undefined ? { publisher: lexicon.sourceNames.get(options.publisher) ?? options.publisher } : {}),
    ...(options.stated !== undefined ? { published: options.stated } : {}),
  }
  return Object.keys(document).length > 0 ? { document } : {}
}
