import type { Catalog, DimensionDef, MetricDef } from "./catalog.js"

/** A dimension indexed for walking its hierarchy; "all" (the dimension left out) is the key `null`. */
export interface DimensionGraph {
  readonly def: DimensionDef
  /** value → its parent value, `null` when it is a child of "all". */
  readonly parentOf: ReadonlyMap<string, string | null>
  /** parent value (`null` = "all") → its child values, in declaration order. */
  readonly childrenOf: ReadonlyMap<string | null, readonly string[]>
}

/** The relation structure of a catalog, indexed once: metric parts and dimension hierarchies. */
export interface CatalogGraph {
  readonly catalog: Catalog
  readonly metric: (id: string) => MetricDef
  /** metric id → the metrics that list it among their parts. */
  readonly wholesOf: ReadonlyMap<string, readonly string[]>
  readonly dimensions: ReadonlyMap<string, DimensionGraph>
  /** The prior weight of a source (1 when the catalog does not know it). */
  readonly priorWeight: (source: string) => number
}

const cache = new WeakMap<Catalog, CatalogGraph>()

/** A metric the catalog does not declare is read as a plain count without relations. */
const undeclaredMetric = (id: string): MetricDef => ({ id, kind: "count", parts: [], exhaustive: false, cumulative: false })

/** Indexes a catalog's relations (cached per catalog object, the catalog being immutable). */
export const catalogGraph = (catalog: Catalog): CatalogGraph => {
  const cached = cache.get(catalog)
  if (cached) return cached
  const metrics = new Map(catalog.metrics.map((m) => [m.id, m]))
  const wholesOf = new Map<string, string[]>()
  for (const m of catalog.metrics) {
    for (const p of m.parts) {
      const list = wholesOf.get(p) ?? []
      if (!list.includes(m.id)) list.push(m.id)
      wholesOf.set(p, list)
    }
  }
  const dimensions = new Map<string, DimensionGraph>()
  for (const d of catalog.dimensions) {
    const parentOf = new Map<string, string | null>()
    const childrenOf = new Map<string | null, string[]>()
    for (const v of d.values) {
      const parent = v.parent ?? null
      parentOf.set(v.id, parent)
      const list = childrenOf.get(parent) ?? []
      list.push(v.id)
      childrenOf.set(parent, list)
    }
    dimensions.set(d.id, { def: d, parentOf, childrenOf })
  }
  const weights = new Map(catalog.sources.map((s) => [s.id, s.weight]))
  const graph: CatalogGraph = {
    catalog,
    metric: (id) => metrics.get(id) ?? undeclaredMetric(id),
    wholesOf,
    dimensions,
    priorWeight: (source) => weights.get(source) ?? 1,
  }
  cache.set(catalog, graph)
  return graph
}
