import type { Catalog } from "../domain/catalog.js"
import type { Figure } from "../domain/figure.js"
import { reconcile } from "../domain/reconcile.js"
import { scopeKey } from "../domain/scope.js"
import { canonicalJson } from "../ingest/content-hash.js"
import { claimFromRow, type ClaimRow } from "./claim-from-row.js"
import { loadCatalogs } from "./catalog-store.js"
import type { LedgerHandle } from "./ledger.js"
import { loadSourceWeights } from "./source-weights.js"

/** The claims of one component, as the core reads them. */
export const loadComponentClaims = (handle: LedgerHandle, component: string) =>
  (handle.sqlite.prepare("SELECT * FROM claims WHERE component = ? ORDER BY seq").all(component) as ClaimRow[]).map(claimFromRow)

/** The catalog an event is reconciled under, or null when the event is unknown. */
export const catalogOfEvent = (handle: LedgerHandle, event: string): Catalog | null => {
  const row = handle.sqlite.prepare("SELECT d.catalog_json FROM events e JOIN datasets d ON d.name = e.dataset WHERE e.id = ?")
    .get(event) as { catalog_json: string } | undefined
  return row ? (JSON.parse(row.catalog_json) as Catalog) : null
}

/**
 * Reconciles the given components again and replaces their materialized figures and conflicts,
 * one transaction per component, so that queries read finished figures only. This is the
 * incremental step after an ingest: only components whose claims changed are passed in.
 */
export const recomputeComponents = (handle: LedgerHandle, components: Iterable<string>, now: string = new Date().toISOString()): number => {
  const db = handle.sqlite
  const catalogs = new Map(loadCatalogs(handle).map((c) => [c.name, c]))
  const datasetOf = db.prepare("SELECT dataset FROM claims WHERE component = ? LIMIT 1")
  const weights = loadSourceWeights(handle)
  const deleteFigures = db.prepare("DELETE FROM figures WHERE component = ?")
  const deleteConflicts = db.prepare("DELETE FROM conflicts WHERE component = ?")
  const insertFigure = db.prepare(`INSERT OR REPLACE INTO figures (component, event, metric, scope_key, scope_json, at_key, status,
    lo, hi, has_range, best, voices, heuristic, detail_json, computed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertConflict = db.prepare(`INSERT INTO conflicts (component, event, metric, scope_key, at_key, kind, claims_json,
    against_json, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const store = db.transaction((component: string, figures: Figure[]) => {
    deleteFigures.run(component)
    deleteConflicts.run(component)
    for (const f of figures) {
      const key = scopeKey(f.scope)
      const atKey = f.at ?? ""
      insertFigure.run(component, f.event, f.metric, key, canonicalJson(f.scope), atKey, f.status,
        f.range?.lo ?? null, f.range?.hi ?? null, f.range ? 1 : 0, f.best, f.voices, f.heuristic, JSON.stringify(f), now)
      for (const c of f.conflicts) {
        insertConflict.run(component, f.event, f.metric, key, atKey, c.kind, JSON.stringify(c.claims), JSON.stringify(c.against), c.reason)
      }
    }
  })
  let written = 0
  for (const component of components) {
    const row = datasetOf.get(component) as { dataset: string } | undefined
    const catalog = row ? catalogs.get(row.dataset) : undefined
    if (!catalog) {
      store(component, [])
      continue
    }
    const figures = reconcile({ catalog, claims: loadComponentClaims(handle, component), weights })
    store(component, figures)
    written += figures.length
  }
  return written
}

/** Every component in the ledger (for a full recompute, e.g. after a catalog or weights change). */
export const allComponents = (handle: LedgerHandle, dataset?: string): string[] =>
  (dataset === undefined
    ? handle.sqlite.prepare("SELECT DISTINCT component FROM claims ORDER BY component").all()
    : handle.sqlite.prepare("SELECT DISTINCT component FROM claims WHERE dataset = ? ORDER BY component").all(dataset)
  ).map((r) => (r as { component: string }).component)
