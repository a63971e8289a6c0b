import type { Figure } from "../domain/figure.js"
import { reconcile } from "../domain/reconcile.js"
import { requestedCells } from "../domain/requested-cells.js"
import { scopeKey } from "../domain/scope.js"
import { catalogOfEvent, loadComponentClaims } from "../ledger/figure-store.js"
import type { LedgerHandle } from "../ledger/ledger.js"
import { loadSourceCopyGroups, loadSourceWeights } from "../ledger/source-weights.js"
import type { FigureFilter } from "./figure-filter.js"
import { whereEqual } from "./where-equal.js"

/** The columns of a figure or conflict row that a filter's event, metric and scope select on. */
export const cellColumns = (filter: FigureFilter): Record<string, string | undefined> => ({
  event: filter.event, metric: filter.metric, scope_key: filter.scope === undefined ? undefined : scopeKey(filter.scope),
})

/**
 * Reconciled figures matching the filter. Without `--at`/`--as-of` they are read from the
 * materialized figures (each cell at its latest `at`); with them, or for a declared scope that
 * has no figure of its own (with or without a metric: then every metric of the event, see
 * `withDerived`), the components involved are reconciled on the fly from their claims.
 */
export const queryFigures = (handle: LedgerHandle, filter: FigureFilter): Figure[] => {
  const figures = filter.at !== undefined || filter.asOf !== undefined
    ? computeFigures(handle, filter)
    : materializedFigures(handle, filter)
  const found = filter.scope !== undefined && filter.event !== undefined ? withDerived(handle, filter, figures) : figures
  return filter.status === undefined ? found : found.filter((f) => f.status === filter.status)
}

/**
 * A scope asked of an event (SPEC §4.8): the cells without claims of their own have no materialized
 * figure, so they are reconciled on the fly — the one asked with `--metric`, else every metric of
 * the event that has no figure at this scope yet.
 */
const withDerived = (handle: LedgerHandle, filter: FigureFilter, figures: Figure[]): Figure[] => {
  if (figures.length === 0) return computeFigures(handle, filter)
  if (filter.metric !== undefined) return figures
  const have = new Set(figures.map((f) => f.metric))
  const metrics = catalogOfEvent(handle, filter.event!)?.metrics ?? []
  if (metrics.every((m) => have.has(m.id))) return figures
  const derived = computeFigures(handle, filter).filter((f) => !have.has(f.metric))
  return [...figures, ...derived].sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0))
}

const materializedFigures = (handle: LedgerHandle, filter: FigureFilter): Figure[] => {
  const where = whereEqual(cellColumns(filter))
  const sql = `SELECT detail_json, event, metric, scope_key, at_key FROM figures ${where.sql}
    ORDER BY event, metric, scope_key, at_key DESC`
  const rows = handle.sqlite.prepare(sql).all(...where.params) as { detail_json: string; event: string; metric: string; scope_key: string }[]
  // The latest `at` per cell: rows come sorted with the latest first.
  const out: Figure[] = []
  let last = ""
  for (const r of rows) {
    const cell = `${r.event}\u0000${r.metric}\u0000${r.scope_key}`
    if (cell === last) continue
    last = cell
    out.push({ explanation: [], ...(JSON.parse(r.detail_json) as Omit<Figure, "explanation">) })
  }
  return out
}

/**
 * Reconciles, from the ledger's claims, the components that hold the filtered cells.
 * `weightOverrides` replace source weights for this computation only (the audit's "what if").
 */
export const computeFigures = (handle: LedgerHandle, filter: FigureFilter, weightOverrides?: Readonly<Record<string, number>>): Figure[] => {
  const where = whereEqual({ event: filter.event, metric: filter.metric })
  let components = (handle.sqlite.prepare(`SELECT DISTINCT component, event FROM claims ${where.sql}`)
    .all(...where.params) as { component: string; event: string }[])
  if (components.length === 0 && filter.event !== undefined && filter.metric !== undefined) {
    // A metric without claims of its own may still be bounded by relations in its component.
    const catalog = catalogOfEvent(handle, filter.event)
    if (catalog) {
      components = handle.sqlite.prepare("SELECT DISTINCT component, event FROM claims WHERE event = ?").all(filter.event) as typeof components
    }
  }
  const weights = new Map([...loadSourceWeights(handle), ...Object.entries(weightOverrides ?? {})])
  const copyGroups = loadSourceCopyGroups(handle)
  const out: Figure[] = []
  for (const { component, event } of components) {
    const catalog = catalogOfEvent(handle, event)
    if (!catalog) continue
    const cells = filter.scope !== undefined ? requestedCells(catalog, event, component, filter.scope, filter.metric) : []
    const figures = reconcile({
      catalog, claims: loadComponentClaims(handle, component), weights, copyGroups, cells,
      ...(filter.at !== undefined ? { at: filter.at } : {}),
      ...(filter.asOf !== undefined ? { asOf: filter.asOf } : {}),
    })
    out.push(...figures.filter((f) =>
      (filter.event === undefined || f.event === filter.event) &&
      (filter.metric === undefined || f.metric === filter.metric) &&
      (filter.scope === undefined || scopeKey(f.scope) === scopeKey(filter.scope))))
  }
  if (filter.at !== undefined) return out
  // --as-of alone: each cell at its latest `at`, as without it.
  const latest = new Map<string, Figure>()
  for (const f of out) {
    const cell = `${f.event}\u0000${f.metric}\u0000${scopeKey(f.scope)}`
    const seen = latest.get(cell)
    if (!seen || (f.at ?? "") > (seen.at ?? "")) latest.set(cell, f)
  }
  return [...latest.values()]
}
