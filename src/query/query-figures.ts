import * as Effect from "effect/Effect"
import type { Figure } from "../domain/figure.js"
import { reconcile } from "../domain/reconcile.js"
import { requestedCells } from "../domain/requested-cells.js"
import { scopeKey } from "../domain/scope.js"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { CellSelection } from "../ledger/ledger-rows.js"
import type { FigureFilter } from "./figure-filter.js"

/** The cells of the ledger that a filter's event, metric and scope select. */
export const cellColumns = (filter: FigureFilter): CellSelection => ({
  event: filter.event, metric: filter.metric, scopeKey: filter.scope === undefined ? undefined : scopeKey(filter.scope),
})

/**
 * Reconciled figures matching the filter. Without `--at`/`--as-of` they are read from the
 * materialized figures (each cell at its latest `at`); with them, or for a declared scope that
 * has no figure of its own (with or without a metric: then every metric of the event, see
 * `withDerived`), the components involved are reconciled on the fly from their claims.
 */
export const queryFigures = (filter: FigureFilter): Effect.Effect<Figure[], LedgerError, Ledger> =>
  Effect.gen(function* () {
    const figures = filter.at !== undefined || filter.asOf !== undefined
      ? yield* computeFigures(filter)
      : yield* materializedFigures(filter)
    const found = filter.scope !== undefined && filter.event !== undefined ? yield* withDerived(filter, figures) : figures
    return filter.status === undefined ? found : found.filter((f) => f.status === filter.status)
  })

/**
 * A scope asked of an event (SPEC §4.8): the cells without claims of their own have no materialized
 * figure, so they are reconciled on the fly — the one asked with `--metric`, else every metric of
 * the event that has no figure at this scope yet.
 */
const withDerived = (filter: FigureFilter, figures: Figure[]) =>
  Effect.gen(function* () {
    if (figures.length === 0) return yield* computeFigures(filter)
    if (filter.metric !== undefined) return figures
    const have = new Set(figures.map((f) => f.metric))
    const metrics = (yield* (yield* Ledger).catalogOfEvent(filter.event!))?.metrics ?? []
    if (metrics.every((m) => have.has(m.id))) return figures
    const derived = (yield* computeFigures(filter)).filter((f) => !have.has(f.metric))
    return [...figures, ...derived].sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0))
  })

const materializedFigures = (filter: FigureFilter) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const rows = yield* ledger.figures(cellColumns(filter))
    // The latest `at` per cell: rows come sorted with the latest first.
    const out: Figure[] = []
    let last = ""
    for (const r of rows) {
      const cell = `${r.event}\u0000${r.metric}\u0000${r.scopeKey}`
      if (cell === last) continue
      last = cell
      out.push({ explanation: [], ...r.figure })
    }
    return out
  })

/**
 * Reconciles, from the ledger's claims, the components that hold the filtered cells.
 * `weightOverrides` replace source weights for this computation only (the audit's "what if").
 */
export const computeFigures = (
  filter: FigureFilter, weightOverrides?: Readonly<Record<string, number>>,
): Effect.Effect<Figure[], LedgerError, Ledger> =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    let components = yield* ledger.componentsOf({ event: filter.event, metric: filter.metric })
    if (components.length === 0 && filter.event !== undefined && filter.metric !== undefined) {
      // A metric without claims of its own may still be bounded by relations in its component.
      const catalog = yield* ledger.catalogOfEvent(filter.event)
      if (catalog) components = yield* ledger.componentsOf({ event: filter.event })
    }
    const weights = new Map([...(yield* ledger.sourceWeights), ...Object.entries(weightOverrides ?? {})])
    // A weight given for this computation holds on every metric: the learned per-metric weights of that source give way.
    const metricWeights = new Map([...(yield* ledger.sourceMetricWeights)].map(([metric, bySource]) =>
      [metric, new Map([...bySource].filter(([source]) => weightOverrides?.[source] === undefined))]))
    const copyGroups = yield* ledger.sourceCopyGroups
    const out: Figure[] = []
    for (const { component, event } of components) {
      const catalog = yield* ledger.catalogOfEvent(event)
      if (!catalog) continue
      const cells = filter.scope !== undefined ? requestedCells(catalog, event, component, filter.scope, filter.metric) : []
      const figures = reconcile({
        catalog, claims: yield* ledger.claimsOfComponent(component), weights, metricWeights, copyGroups, cells,
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
  })
