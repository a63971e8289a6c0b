import type { Catalog, MetricDef } from "../domain/catalog.js"

/**
 * Every catalog the ledger knows, indexed for resolving a claim record: which dataset an event
 * belongs to, and within that dataset its metrics, sources (by id or alias) and dimension values.
 */
export interface CatalogIndex {
  readonly catalogs: ReadonlyMap<string, Catalog>
  readonly datasetOfEvent: ReadonlyMap<string, string>
  readonly byDataset: ReadonlyMap<string, DatasetIndex>
  /** The datasets whose catalog says `open_events: true`: they take claims of undeclared events. */
  readonly openDatasets: readonly string[]
}

export interface DatasetIndex {
  readonly catalog: Catalog
  readonly metrics: ReadonlyMap<string, MetricDef>
  /** id or alias → source id */
  readonly sources: ReadonlyMap<string, string>
  /** dimension id → its value ids */
  readonly dimensions: ReadonlyMap<string, ReadonlySet<string>>
}

/** Indexes catalogs by dataset name. A later catalog claiming an event of another dataset is refused by the caller. */
export const buildCatalogIndex = (catalogs: Iterable<Catalog>): CatalogIndex => {
  const byName = new Map<string, Catalog>()
  const datasetOfEvent = new Map<string, string>()
  const byDataset = new Map<string, DatasetIndex>()
  for (const catalog of catalogs) {
    byName.set(catalog.name, catalog)
    for (const e of catalog.events) datasetOfEvent.set(e.id, catalog.name)
    const sources = new Map<string, string>()
    for (const s of catalog.sources) {
      sources.set(s.id, s.id)
      for (const a of s.aliases) sources.set(a, s.id)
    }
    byDataset.set(catalog.name, {
      catalog,
      metrics: new Map(catalog.metrics.map((m) => [m.id, m])),
      sources,
      dimensions: new Map(catalog.dimensions.map((d) => [d.id, new Set(d.values.map((v) => v.id))])),
    })
  }
  const openDatasets = [...byName.values()].filter((c) => c.openEvents === true).map((c) => c.name)
  return { catalogs: byName, datasetOfEvent, byDataset, openDatasets }
}
