import type { Catalog } from "../domain/catalog.js"

/**
 * Parsed catalogs by content hash. A catalog of many events is megabytes of JSON, and the
 * incremental path (one new claim, its component reconciled) and queries ask for it every time;
 * the same object also keeps the core's per-catalog caches (relations, metric groups) warm.
 */
const parsedCatalogs = new Map<string, Catalog>()

/** The catalog stored under `hash`, parsed once per process (`json` is read only on a miss). */
export const cachedCatalog = (hash: string, json: () => string): Catalog => {
  const hit = parsedCatalogs.get(hash)
  if (hit) return hit
  if (parsedCatalogs.size >= 64) parsedCatalogs.clear()
  const catalog = JSON.parse(json()) as Catalog
  parsedCatalogs.set(hash, catalog)
  return catalog
}

/**
 * Whether the catalog stored under `hash` is parsed already (an asynchronous store reads its JSON
 * only when not); for `engine`, whether `cachedEngineCatalog` can give it without its JSON.
 */
export const hasCachedCatalog = (hash: string, engine = false): boolean => parsedCatalogs.has(hash) || (engine && engineCatalogs.has(hash))

const engineCatalogs = new Map<string, Catalog>()

/**
 * The catalog stored under `hash` as reconciliation reads it: without its events. The core never
 * reads them (a claim names its event; the catalog's relations, metrics and weights are what it
 * uses), and they are most of a big catalog: 46k events are ~10 MB of heap in every reconciling
 * thread. Parsed once per process, like `cachedCatalog`, whose parse it reuses when it has one.
 */
export const cachedEngineCatalog = (hash: string, json: () => string): Catalog => {
  const hit = engineCatalogs.get(hash)
  if (hit) return hit
  if (engineCatalogs.size >= 64) engineCatalogs.clear()
  const catalog: Catalog = { ...(parsedCatalogs.get(hash) ?? (JSON.parse(json()) as Catalog)), events: [] }
  engineCatalogs.set(hash, catalog)
  return catalog
}
