/**
 * The metric of a number: the catalog metric word that governs it in its sentence. A word right
 * after the number's noun phrase is its predicate ("40 damaged", "11,300 people had died"); else
 * the nearest word before it in the same clause governs it and every number listed after it
 * ("destroyed seven Tu-95MS, four Tu-22M3, and one An-12").
 */
import type { SentenceMention, SentenceView } from "./sentence-view.js"

const CLAUSE_OPENERS = new Set(["that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "although", "because", "if", "whether", "since", "unless"])
const BREAKS = /^[,;:.!?()"“”]$/
const MAX_AFTER = 6
const MAX_BEFORE = 24
/** A governing word this close before the number is as sure as one right after it. */
const NEAR = 3

export interface MetricFound {
  readonly metric: string
  readonly mention: SentenceMention
  /** "after": the predicate of the number; "before": a governing word `distance` tokens before. */
  readonly how: "after" | "before"
  readonly distance: number
}

const isVerb = (pos: string) => pos === "VERB"

/**
 * `from`: the number's first token (a metric word inside its phrase, "possibly sank 2", governs it);
 * `phraseLast`: the phrase's last token; `isNumberStart(i)`: token i begins another number.
 */
export const findMetric = (
  v: SentenceView, from: number, phraseLast: number, isNumberStart: (i: number) => boolean,
): MetricFound | null => {
  for (let i = phraseLast + 1; i < v.tokens.length && i - phraseLast <= MAX_AFTER; i++) {
    const m = v.mentionAt[i]
    if (m?.kind === "metric") return { metric: m.target, mention: m, how: "after", distance: i - phraseLast }
    if (m?.kind === "source") break
    const t = v.tokens[i]!
    if (BREAKS.test(t.text) || t.pos === "CCONJ" || t.pos === "SCONJ" || CLAUSE_OPENERS.has(v.words[i]!)) break
    if (m === undefined && (isVerb(t.pos) || isNumberStart(i))) break
  }
  let verbs = 0
  for (let i = from - 1; i >= 0 && from - i <= MAX_BEFORE; i--) {
    const m = v.mentionAt[i]
    if (m?.kind === "metric") {
      // A verb between a metric verb and the number is another predicate ("destroyed 5 and killed 3");
      // after a metric noun it is the noun's own ("the death toll rose to 11,300").
      const metricIsVerb = isVerb(v.tokens[m.first]!.pos)
      if (verbs > (metricIsVerb ? 0 : 1)) return null
      return { metric: m.target, mention: m, how: "before", distance: from - m.last }
    }
    const t = v.tokens[i]!
    if (/^[;:]$/.test(t.text) || CLAUSE_OPENERS.has(v.words[i]!) || t.pos === "SCONJ") return null
    if (m === undefined && isVerb(t.pos)) verbs++
  }
  return null
}

/** How surely the metric word belongs to the number (README, "Claims from text"). */
export const metricConfidence = (f: MetricFound): number => (f.how === "after" || f.distance <= NEAR ? 0.95 : 0.8)
