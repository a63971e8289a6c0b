import type { Catalog } from "../domain/catalog.js"

/** The names a ledger knows, that filters and completions are checked against. */
export interface Vocabulary {
  readonly datasets: readonly string[]
  readonly events: readonly string[]
  readonly metrics: readonly string[]
  /** Source ids and their aliases. */
  readonly sources: readonly string[]
  /** Declared values by dimension id. */
  readonly dimensions: ReadonlyMap<string, readonly string[]>
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort()

/**
 * The names declared by the catalogs (events, metrics, sources with aliases, dimensions and
 * their values), plus `extraEvents`: the events that claims use without a declaration, under
 * `open_events`.
 */
export const vocabularyOf = (catalogs: readonly Catalog[], extraEvents: Iterable<string> = []): Vocabulary => {
  const dimensions = new Map<string, Set<string>>()
  for (const c of catalogs) {
    for (const d of c.dimensions) {
      const values = dimensions.get(d.id) ?? new Set<string>()
      for (const v of d.values) values.add(v.id)
      dimensions.set(d.id, values)
    }
  }
  return {
    datasets: sorted(catalogs.map((c) => c.name)),
    events: sorted([...catalogs.flatMap((c) => c.events.map((e) => e.id)), ...extraEvents]),
    metrics: sorted(catalogs.flatMap((c) => c.metrics.map((m) => m.id))),
    sources: sorted(catalogs.flatMap((c) => c.sources.flatMap((s) => [s.id, ...s.aliases]))),
    dimensions: new Map([...dimensions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, v]) => [d, sorted(v)])),
  }
}
