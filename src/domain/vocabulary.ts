import type { Catalog } from "./catalog.js"

/** The names a ledger knows, that filters and completions are checked against. */
export interface Vocabulary {
  readonly datasets: readonly string[]
  readonly events: readonly string[]
  readonly metrics: readonly string[]
  /** Source ids and their aliases. */
  readonly sources: readonly string[]
  /** The source ids a name in `sources` stands for: itself if it is an id, and every source it is an alias of. */
  readonly sourceIds: ReadonlyMap<string, readonly string[]>
  /** Declared values by dimension id. */
  readonly dimensions: ReadonlyMap<string, readonly string[]>
}

/** The declared names of a ledger's catalogs, as rows (what the catalog tables hold). */
export interface DeclaredNames {
  readonly datasets: readonly string[]
  readonly events: readonly string[]
  readonly metrics: readonly string[]
  readonly sources: readonly { readonly id: string; readonly alias: string | null }[]
  readonly dimensions: readonly string[]
  readonly dimensionValues: readonly { readonly dimension: string; readonly value: string }[]
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort()

/**
 * The vocabulary of declared names plus `extraEvents`: the events that claims use without a
 * declaration, under `open_events`. Every list sorted, without repeats.
 */
export const vocabularyFrom = (names: DeclaredNames, extraEvents: Iterable<string> = []): Vocabulary => {
  const dimensions = new Map<string, Set<string>>(names.dimensions.map((d) => [d, new Set<string>()]))
  for (const { dimension, value } of names.dimensionValues) {
    const values = dimensions.get(dimension) ?? new Set<string>()
    values.add(value)
    dimensions.set(dimension, values)
  }
  const sourceIds = new Map<string, Set<string>>()
  const denote = (name: string, id: string) => {
    const ids = sourceIds.get(name) ?? new Set<string>()
    ids.add(id)
    sourceIds.set(name, ids)
  }
  for (const { id, alias } of names.sources) {
    denote(id, id)
    if (alias !== null) denote(alias, id)
  }
  return {
    datasets: sorted(names.datasets),
    events: sorted([...names.events, ...extraEvents]),
    metrics: sorted(names.metrics),
    sources: sorted(sourceIds.keys()),
    sourceIds: new Map([...sourceIds].map(([name, ids]) => [name, sorted(ids)])),
    dimensions: new Map([...dimensions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, v]) => [d, sorted(v)])),
  }
}

/** The names the catalogs declare, as the catalog tables of a ledger holding them list them. */
export const declaredNamesOf = (catalogs: readonly Catalog[]): DeclaredNames => ({
  datasets: catalogs.map((c) => c.name),
  events: catalogs.flatMap((c) => c.events.map((e) => e.id)),
  metrics: catalogs.flatMap((c) => c.metrics.map((m) => m.id)),
  sources: catalogs.flatMap((c) => c.sources.flatMap((s) => [{ id: s.id, alias: null }, ...s.aliases.map((alias) => ({ id: s.id, alias }))])),
  dimensions: catalogs.flatMap((c) => c.dimensions.map((d) => d.id)),
  dimensionValues: catalogs.flatMap((c) => c.dimensions.flatMap((d) => d.values.map((v) => ({ dimension: d.id, value: v.id })))),
})

/** The vocabulary of catalogs (`vocabularyFrom` their declared names). */
export const vocabularyOf = (catalogs: readonly Catalog[], extraEvents: Iterable<string> = []): Vocabulary =>
  vocabularyFrom(declaredNamesOf(catalogs), extraEvents)
