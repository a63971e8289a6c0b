import type { Catalog, MetricDef } from "../domain/catalog.js"
import { buildNameIndex, type NameIndex } from "./name-index.js"

export interface DimensionTarget {
  readonly dimension: string
  readonly value: string
}

/** The catalog's names as a text uses them, indexed for `findMentions`. */
export interface CatalogLexicon {
  readonly sources: NameIndex<string>
  readonly values: NameIndex<DimensionTarget>
  readonly metricWords: NameIndex<string>
  readonly metrics: ReadonlyMap<string, MetricDef>
  /** value → its parent, per dimension, to prefer the most specific of nested values. */
  readonly parents: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** Content words of each event's id and title, for telling events apart. */
  readonly eventWords: ReadonlyMap<string, ReadonlySet<string>>
  readonly sourceNames: ReadonlyMap<string, string>
}

/** "Security Service of Ukraine" and "Volodymyr Zelensky, President of Ukraine" → also "Volodymyr Zelensky". */
const namesOf = (name: string): string[] => {
  const head = name.split(/[,(]/)[0]!.trim()
  return head !== "" && head !== name.trim() ? [name, head] : [name]
}

const STOP_WORDS = new Set([
  "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as", "is", "was",
  "were", "be", "been", "its", "it", "that", "this", "their", "his", "her", "into", "over", "after", "before",
])

/** Lowercased content words, a plural "s" taken off: what two texts about one event share. */
export const contentWords = (text: string): Set<string> => {
  const words = new Set<string>()
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0]
    if (w.length < 3 || STOP_WORDS.has(w)) continue
    words.add(w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w)
  }
  return words
}

/**
 * Source names and aliases (never ids: the id `who` is not the pronoun), dimension value ids,
 * aliases and titles, metric `words` (SPEC §2.1).
 */
export const buildLexicon = (catalog: Catalog): CatalogLexicon => ({
  sources: buildNameIndex(catalog.sources.flatMap((s) => [...namesOf(s.name), ...s.aliases].map((name) => ({ name, target: s.id }))), true),
  values: buildNameIndex(catalog.dimensions.flatMap((d) => d.values.flatMap((v) =>
    [v.id, ...(v.aliases ?? []), ...(v.title !== undefined ? namesOf(v.title).slice(-1) : [])]
      .map((name) => ({ name, target: { dimension: d.id, value: v.id } })))), true),
  metricWords: buildNameIndex(catalog.metrics.flatMap((m) => (m.words ?? []).map((name) => ({ name, target: m.id }))), false),
  metrics: new Map(catalog.metrics.map((m) => [m.id, m])),
  parents: new Map(catalog.dimensions.map((d) => [d.id, new Map(d.values.flatMap((v) => (v.parent !== undefined ? [[v.id, v.parent] as const] : [])))])),
  eventWords: new Map(catalog.events.map((e) => [e.id, contentWords(`${e.id.replace(/[-_.]/g, " ")} ${e.title ?? ""}`)])),
  sourceNames: new Map(catalog.sources.map((s) => [s.id, s.name])),
})
