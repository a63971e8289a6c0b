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
