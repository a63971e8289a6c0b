import type { Catalog } from "../domain/catalog.js"
import { canonicalJson, contentHash } from "../ingest/content-hash.js"
import type { LedgerHandle } from "./ledger.js"

/**
 * Parsed catalogs by content hash. A catalog of many events is megabytes of JSON, and the
 * incremental path (one new claim, its component reconciled) and queries ask for it every time;
 * the same object also keeps the core's per-catalog caches (relations, metric groups) warm.
 */
const parsedCatalogs = new Map<string, Catalog>()

/** The catalog stored under `hash`, parsed once per process. */
export const cachedCatalog = (hash: string, json: () => string): Catalog => {
  const hit = parsedCatalogs.get(hash)
  if (hit) return hit
  if (parsedCatalogs.size >= 64) parsedCatalogs.clear()
  const catalog = JSON.parse(json()) as Catalog
  parsedCatalogs.set(hash, catalog)
  return catalog
}

/** Every catalog registered in the ledger, in registration order. */
export const loadCatalogs = (handle: LedgerHandle): Catalog[] => {
  const db = handle.sqlite
  const json = db.prepare("SELECT catalog_json FROM datasets WHERE name = ?").pluck()
  return (db.prepare("SELECT name, catalog_hash FROM datasets ORDER BY registered_at, name").all() as { name: string; catalog_hash: string }[])
    .map((r) => cachedCatalog(r.catalog_hash, () => json.get(r.name) as string))
}

export type RegisterResult =
  | { readonly ok: true; readonly changed: boolean; readonly isNew: boolean }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Stores a dataset's catalog, in full (as JSON, what the engine reads) and spread over readable
 * tables (sources, events, metrics, parts, dimensions) for people querying the ledger. A catalog
 * may change between ingests (a new source, a corrected weight); an event already owned by
 * another dataset is refused, since an event's claims are reconciled under one catalog.
 */
export const registerCatalog = (handle: LedgerHandle, catalog: Catalog, folder: string | null, now: string): RegisterResult => {
  const db = handle.sqlite
  const problems: string[] = []
  const owner = db.prepare("SELECT dataset FROM events WHERE id = ?")
  for (const e of catalog.events) {
    const row = owner.get(e.id) as { dataset: string } | undefined
    if (row && row.dataset !== catalog.name) problems.push(`event "${e.id}" is already declared by dataset "${row.dataset}"`)
  }
  if (problems.length > 0) return { ok: false, problems }
  const json = canonicalJson(catalog)
  const hash = contentHash("catalog", catalog)
  const existing = db.prepare("SELECT catalog_hash FROM datasets WHERE name = ?").get(catalog.name) as { catalog_hash: string } | undefined
  if (existing?.catalog_hash === hash) return { ok: true, changed: false, isNew: false }
  db.transaction(() => {
    const name = catalog.name
    for (const t of ["events", "metrics", "metric_parts", "dimensions", "dimension_values", "sources", "source_aliases"]) {
      db.prepare(`DELETE FROM ${t} WHERE dataset = ?`).run(name)
    }
    db.prepare(`INSERT INTO datasets (name, title, path, catalog_json, catalog_hash, registered_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET title = excluded.title, path = excluded.path, catalog_json = excluded.catalog_json,
      catalog_hash = excluded.catalog_hash`).run(name, catalog.title ?? null, folder, json, hash, now)
    // sources are per dataset: another dataset's source of the same id keeps its own row
    const source = db.prepare("INSERT INTO sources (id, name, kind, side, weight, dataset) VALUES (?, ?, ?, ?, ?, ?)")
    const alias = db.prepare("INSERT INTO source_aliases (dataset, alias, source_id) VALUES (?, ?, ?)")
    for (const s of catalog.sources) {
      source.run(s.id, s.name, s.kind, s.side ?? null, s.weight, name)
      for (const a of s.aliases) alias.run(name, a, s.id)
    }
    const event = db.prepare("INSERT INTO events (id, title, date, dataset) VALUES (?, ?, ?, ?)")
    for (const e of catalog.events) event.run(e.id, e.title ?? null, e.date ?? null, name)
    const metric = db.prepare("INSERT INTO metrics (dataset, id, unit, kind, exhaustive, cumulative, approx) VALUES (?, ?, ?, ?, ?, ?, ?)")
    const part = db.prepare("INSERT INTO metric_parts (dataset, metric_id, part_id, position) VALUES (?, ?, ?, ?)")
    for (const m of catalog.metrics) {
      metric.run(name, m.id, m.unit ?? null, m.kind, m.exhaustive ? 1 : 0, m.cumulative ? 1 : 0, m.approx ?? null)
      m.parts.forEach((p, i) => part.run(name, m.id, p, i))
    }
    const dim = db.prepare("INSERT INTO dimensions (dataset, id, exhaustive) VALUES (?, ?, ?)")
    const value = db.prepare("INSERT INTO dimension_values (dataset, dimension_id, value_id, parent_id, title) VALUES (?, ?, ?, ?, ?)")
    for (const d of catalog.dimensions) {
      dim.run(name, d.id, d.exhaustive ? 1 : 0)
      for (const v of d.values) value.run(name, d.id, v.id, v.parent ?? null, v.title ?? null)
    }
  })()
  return { ok: true, changed: true, isNew: existing === undefined }
}
