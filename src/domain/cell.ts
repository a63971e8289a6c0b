import type { MetricKind } from "./catalog.js"
import { scopeKey, type Scope } from "./scope.js"

/** A cell of one event (SPEC §1): a metric in a scope. `key` identifies it within the event. */
export interface CellRef {
  readonly metric: string
  readonly scope: Scope
  readonly key: string
}

/** The key of a cell within an event: metric and canonical scope key. */
export const cellKey = (metric: string, scope: Scope): string => `${metric}\u0001${scopeKey(scope)}`

/** Builds a cell reference with its key. */
export const cellRef = (metric: string, scope: Scope): CellRef => ({ metric, scope, key: cellKey(metric, scope) })

/** The values a metric can take before any claim: counts are integers ≥ 0, reals anything. */
export const domainOf = (kind: MetricKind): { readonly lo: number; readonly hi: number; readonly integer: boolean } =>
  kind === "count" ? { lo: 0, hi: Infinity, integer: true } : { lo: -Infinity, hi: Infinity, integer: false }

/** "{location=belaya, type=Tu-95}", or "{}" for the whole: how explanations print a scope. */
export const scopeText = (scope: Scope): string => `{${scopeKey(scope).split(";").filter((s) => s !== "").join(", ")}}`

/** The text of a cell in explanations: "aircraft.destroyed{type=Tu-95}". */
export const cellText = (cell: { readonly metric: string; readonly scope: Scope }): string => `${cell.metric}${scopeText(cell.scope)}`
