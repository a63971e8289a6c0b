import type Database from "better-sqlite3"
import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { Figure } from "../domain/figure.js"
import { reconcile } from "../domain/reconcile.js"
import { scopeKey } from "../domain/scope.js"
import { canonicalJson } from "../ingest/content-hash.js"
import { CLAIM_CORE_COLUMNS, type ClaimCoreRow, claimFromRow } from "./claim-from-row.js"
import { cachedCatalog, loadCatalogs } from "./catalog-store.js"
import type { LedgerHandle } from "./ledger.js"
import { loadSourceCopyGroups, loadSourceWeights } from "./source-weights.js"

type ComponentRow = ClaimCoreRow & { readonly dataset: string }

/** Prepared once per connection: the statement runs once per component on every recompute. */
const componentStatements = new WeakMap<Database.Database, Database.Statement>()
const componentStatement = (db: Database.Database): Database.Statement => {
  let st = componentStatements.get(db)
  if (!st) {
    st = db.prepare(`SELECT dataset, ${CLAIM_CORE_COLUMNS.join(", ")} FROM claims WHERE component = ? ORDER BY seq`)
    componentStatements.set(db, st)
  }
  return st
}

/**
 * A figure as stored: without its explanation sentences, which are most of its size and are only
 * read by `reckon explain`, which reconciles its one component again to tell them.
 */
const storedFigureJson = ({ explanation: _e, ...rest }: Figure): string => JSON.stringify(rest)

/**
 * A running tally is asked for "now" more than for any other day: without `--at`, a cumulative
 * figure is shown at the latest `at` that has claims (SPEC §6). The core reports a cell only at the
 * times it has claims of its own, so a tally that last changed months ago (an Oryx row holds until
 * its next row) would show its old date; this adds every cell's figure at the component's latest
 * `at`, so that the newest figure of every cell is the one at the newest date.
 */
const withLatestSlice = (
  catalog: Catalog, claims: readonly Claim[], figures: Figure[], weights: ReadonlyMap<string, number>, copyGroups: ReadonlyMap<string, string>,
): Figure[] => {
  const cumulative = new Set(catalog.metrics.filter((m) => m.cumulative).map((m) => m.id))
  let latest: string | null = null
  for (const c of claims) if (c.at !== null && cumulative.has(c.metric) && (latest === null || c.at > latest)) latest = c.at
  if (latest === null) return figures
  const have = new Set(figures.filter((f) => f.at === latest).map((f) => `${f.metric}\u0000${scopeKey(f.scope)}`))
  const extra = reconcile({ catalog, claims, weights, copyGroups, at: latest })
    .filter((f) => cumulative.has(f.metric) && !have.has(`${f.metric}\u0000${scopeKey(f.scope)}`))
  return [...figures, ...extra]
}

/** The claims of one component, as the core reads them. */
export const loadComponentClaims = (handle: LedgerHandle, component: string) =>
  (componentStatement(handle.sqlite).all(component) as ComponentRow[]).map(claimFromRow)

/** The catalog an event is reconciled under, or null when the event is unknown. */
export const catalogOfEvent = (handle: LedgerHandle, event: string): Catalog | null => {
  const row = handle.sqlite.prepare("SELECT d.name, d.catalog_hash FROM events e JOIN datasets d ON d.name = e.dataset WHERE e.id = ?")
    .get(event) as { name: string; catalog_hash: string } | undefined
  if (!row) return null
  return cachedCatalog(row.catalog_hash, () =>
    handle.sqlite.prepare("SELECT catalog_json FROM datasets WHERE name = ?").pluck().get(row.name) as string)
}

/** How long one write transaction of a recompute may run before it commits and lets other writers in. */
const TRANSACTION_MS = 100

/**
 * Reconciles the given components again and replaces their materialized figures and conflicts.
 * Components are written in transactions of about 100 ms each (not one per component: a commit
 * per component made rewriting 30k components spend most of its time committing), and a
 * component is always inside one transaction, so that queries read finished figures only. This
 * is the incremental step after an ingest: only components whose claims changed are passed in.
 */
export const recomputeComponents = (handle: LedgerHandle, components: Iterable<string>, now: string = new Date().toISOString()): number => {
  const db = handle.sqlite
  const catalogs = new Map(loadCatalogs(handle).map((c) => [c.name, c]))
  const load = componentStatement(db)
  const weights = loadSourceWeights(handle)
  const copyGroups = loadSourceCopyGroups(handle)
  const deleteFigures = db.prepare("DELETE FROM figures WHERE component = ?")
  const deleteConflicts = db.prepare("DELETE FROM conflicts WHERE component = ?")
  const insertFigure = db.prepare(`INSERT OR REPLACE INTO figures (component, event, metric, scope_key, scope_json, at_key, status,
    lo, hi, has_range, best, voices, heuristic, detail_json, computed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertConflict = db.prepare(`INSERT INTO conflicts (component, event, metric, scope_key, at_key, kind, claims_json,
    against_json, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const store = (component: string, figures: Figure[]) => {
    deleteFigures.run(component)
    deleteConflicts.run(component)
    for (const f of figures) {
      const key = scopeKey(f.scope)
      const atKey = f.at ?? ""
      insertFigure.run(component, f.event, f.metric, key, canonicalJson(f.scope), atKey, f.status,
        f.range?.lo ?? null, f.range?.hi ?? null, f.range ? 1 : 0, f.best, f.voices, f.heuristic, storedFigureJson(f), now)
      for (const c of f.conflicts) {
        insertConflict.run(component, f.event, f.metric, key, atKey, c.kind, JSON.stringify(c.claims), JSON.stringify(c.against), c.reason)
      }
    }
  }
  let written = 0
  const recompute = (component: string) => {
    const rows = load.all(component) as ComponentRow[]
    const catalog = rows.length > 0 ? catalogs.get(rows[0]!.dataset) : undefined
    if (!catalog) {
      store(component, [])
      return
    }
    const claims = rows.map(claimFromRow)
    const figures = withLatestSlice(catalog, claims, reconcile({ catalog, claims, weights, copyGroups }), weights, copyGroups)
    store(component, figures)
    written += figures.length
  }
  const pending = components[Symbol.iterator]()
  /** One transaction: components until the time budget is spent; true when none are left. */
  const chunk = db.transaction((): boolean => {
    const start = performance.now()
    for (;;) {
      const next = pending.next()
      if (next.done) return true
      recompute(next.value)
      if (performance.now() - start >= TRANSACTION_MS) return false
    }
  })
  while (!chunk()) {
    // the next transaction
  }
  return written
}

/** Every component in the ledger (for a full recompute, e.g. after a catalog or weights change). */
export const allComponents = (handle: LedgerHandle, dataset?: string): string[] =>
  (dataset === undefined
    ? handle.sqlite.prepare("SELECT DISTINCT component FROM claims ORDER BY component").all()
    : handle.sqlite.prepare("SELECT DISTINCT component FROM claims WHERE dataset = ? ORDER BY component").all(dataset)
  ).map((r) => (r as { component: string }).component)
