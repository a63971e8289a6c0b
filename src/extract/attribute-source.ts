/**
 * Who said a number, and through whom (SPEC §10): "X said", "according to X", "X estimated",
 * "X told the outlet Y" (origin X, via Y), "Y quoted X as saying" and "Y, citing X," (origin X,
 * via Y), "…, X reported". A sentence whose only source is its grammatical subject ("Putin …
 * discussed the collapse of two bridges") gives that source, with less confidence.
 */
import type { SentenceMention, SentenceView } from "./sentence-view.js"

const REPORTING = new Set([
  "say", "says", "said", "saying", "state", "states", "stated", "claim", "claims", "claimed", "report", "reports",
  "reported", "announce", "announces", "announced", "estimate", "estimates", "estimated", "assess", "assesses",
  "assessed", "confirm", "confirms", "confirmed", "show", "shows", "showed", "shown", "showing", "release",
  "releases", "released", "publish", "publishes", "published", "write", "writes", "wrote", "note", "notes",
  "noted", "add", "adds", "added", "count", "counts", "counted", "record", "records", "recorded", "indicate",
  "indicates", "indicated", "reveal", "reveals", "revealed", "tell", "tells", "told",
])
const ESTIMATING = new Set(["estimate", "estimates", "estimated", "assess", "assesses", "assessed"])
const TELLING = new Set(["told", "tell", "tells", "telling"])
const RELAYING = new Set(["quoted", "quotes", "quote", "cited", "cites", "cite"])
const CITING = new Set(["citing", "quoting"])
/** Words that open a new clause: a verb beyond them is not the mention's. */
const CLAUSE_OPENERS = new Set(["that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "although", "because", "if", "whether"])
const APPOSITION_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "ADV", "PART", "ADP", "AUX"])
const DESCRIPTOR_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "PUNCT"])

export type OriginHow = "verb" | "according" | "citing" | "quoted" | "subject"

type Base =
  | { readonly role: "origin"; readonly how: OriginHow; readonly estimated: boolean }
  | { readonly role: "relay"; readonly how: "told" | "relay"; readonly estimated: false }

type Role = Base & { readonly mention: SentenceMention & { kind: "source" } }

/** The word before a mention, skipping descriptors ("told the Ukrainian news outlet 'Suspilne'"). */
const wordBefore = (v: SentenceView, m: SentenceMention, within: number): { word: string; index: number } | null => {
  for (let i = m.first - 1; i >= 0 && m.first - i <= within; i--) {
    const w = v.words[i]!
    if (v.mentionAt[i] !== undefined) return null
    if (TELLING.has(w) || CITING.has(w) || REPORTING.has(w) || w === "to") return { word: w, index: i }
    if (!DESCRIPTOR_POS.has(v.tokens[i]!.pos) || /^[,;:.]$/.test(w)) return null
  }
  return null
}

/** The reporting verb after a mention, past an apposition ("AviVector released", "Maxar collected on June 4 shows"). */
const verbAfter = (v: SentenceView, m: SentenceMention, within: number): { word: string; index: number } | null => {
  for (let i = m.last + 1; i < v.tokens.length && i - m.last <= within; i++) {
    const w = v.words[i]!
    if (v.mentionAt[i] !== undefined && v.mentionAt[i]!.kind === "source") return null
    if (REPORTING.has(w) || RELAYING.has(w)) return { word: w, index: i }
    if (CLAUSE_OPENERS.has(w) || /^[;:.]$/.test(w)) return null
    if (!APPOSITION_POS.has(v.tokens[i]!.pos) && v.tokens[i]!.pos !== "VERB") return null
  }
  return null
}

/** A mention's role read from the words around it alone. */
const baseRole = (v: SentenceView, m: SentenceMention): { base: Base | null; overrides: ReadonlyArray<{ at: "previous" | "next"; role: Base; pivot: number }> } => {
  const before = wordBefore(v, m, 6)
  if (before?.word === "to" && v.words[before.index - 1] === "according") {
    return { base: { role: "origin", how: "according", estimated: false }, overrides: [] }
  }
  if (before !== null && CITING.has(before.word)) {
    // "OCHA, citing the Red Crescent, said": the subject passes the number on.
    return {
      base: { role: "origin", how: "citing", estimated: false },
      overrides: [{ at: "previous", role: { role: "relay", how: "relay", estimated: false }, pivot: before.index }],
    }
  }
  if (before !== null && TELLING.has(before.word)) return { base: { role: "relay", how: "told", estimated: false }, overrides: [] }
  const after = verbAfter(v, m, 8)
  if (after !== null && RELAYING.has(after.word)) {
    // "Meduza quoted a NATO official as saying": the one quoted is the origin.
    return {
      base: { role: "relay", how: "relay", estimated: false },
      overrides: [{ at: "next", role: { role: "origin", how: "quoted", estimated: false }, pivot: after.index }],
    }
  }
  if (after !== null) return { base: { role: "origin", how: "verb", estimated: ESTIMATING.has(after.word) }, overrides: [] }
  // "…, said the SBU": the verb comes first.
  if (before !== null && REPORTING.has(before.word)) {
    return { base: { role: "origin", how: "verb", estimated: ESTIMATING.has(before.word) }, overrides: [] }
  }
  return { base: null, overrides: [] }
}

/** The attribution role of every source mention of a sentence that has one. */
export const sourceRoles = (v: SentenceView): Role[] => {
  const sources = v.mentions.filter((m): m is SentenceMention & { kind: "source" } => m.kind === "source")
  const read = sources.map((m) => baseRole(v, m))
  const roles: (Base | null)[] = read.map((r) => r.base)
  for (const [k, r] of read.entries()) {
    for (const o of r.overrides) {
      const j = o.at === "previous" ? k - 1 : k + 1
      const target = sources[j]
      if (target !== undefined && (o.at === "previous" ? target.last < o.pivot : target.first > o.pivot)) roles[j] = o.role
    }
  }
  return sources.flatMap((mention, k) => (roles[k] ? [{ mention, ...roles[k] }] : []))
}

export interface Attribution {
  readonly source: string
  readonly via: readonly string[]
  readonly how: OriginHow
  readonly estimated: boolean
}

/**
 * The origin of the number at token `at`: the nearest origin before it, else the nearest after it,
 * else the sentence's subject when it is a source; via: the outlets the sentence names as passing
 * it on, "told" first (nearest the origin), then those quoting or citing it.
 */
export const attribute = (v: SentenceView, roles: readonly Role[], at: number): Attribution | null => {
  const origins = roles.filter((r): r is Role & { role: "origin" } => r.role === "origin")
  const before = origins.filter((r) => r.mention.last < at)
  const origin = before[before.length - 1] ?? origins.find((r) => r.mention.first > at)
  const relays = [...roles.filter((r) => r.how === "told"), ...roles.filter((r) => r.how === "relay")]
  const viaOf = (source: string) => [...new Set(relays.map((r) => r.mention.target))].filter((s) => s !== source)
  if (origin !== undefined) {
    return { source: origin.mention.target, via: viaOf(origin.mention.target), how: origin.how, estimated: origin.estimated }
  }
  const firstVerb = v.tokens.findIndex((t) => t.pos === "VERB" || t.pos === "AUX")
  const subject = v.mentions.find((m) => m.kind === "source")
  const isRelay = subject !== undefined && roles.some((r) => r.mention === subject)
  if (subject === undefined || isRelay || subject.last >= at || (firstVerb >= 0 && firstVerb < subject.first)) return null
  return { source: subject.target as string, via: viaOf(subject.target as string), how: "subject", estimated: false }
}

const DOCUMENT_RELAY = /^\s*(?:(?:this|that|it)\s+(?:is|was|has been|had been)\s+(?:reported|stated|said|announced|published)\s+by|(?:source|sources|via)\s*:)/i

/**
 * A sentence that only says who reported the text ("This is reported by the Institute for the
 * Study of War (ISW).", "Source: Reuters"): its sources pass on every claim of the text.
 */
export const documentRelays = (v: SentenceView, sentenceText: string): string[] =>
  DOCUMENT_RELAY.test(sentenceText)
    ? [...new Set(v.mentions.filter((m) => m.kind === "source").map((m) => m.target as string))]
    : []
