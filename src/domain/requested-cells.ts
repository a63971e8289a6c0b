import type { Catalog } from "./catalog.js"
import { componentKey } from "./component-key.js"
import type { Scope } from "./scope.js"

/**
 * The cells a query for `scope` asks of one component (SPEC §4.8): every metric of the event in
 * that component (or only `metric`), at that scope — so a declared scope value with no claims of
 * its own still gets its derived figure for every metric, and each cell is asked of its own
 * component only.
 * @example requestedCells(catalog, "spider-web", "spider-web|aircraft.damaged", { location: "diaghilev" })
 *   // hit, damaged and destroyed at Diaghilev
 */
export const requestedCells = (
  catalog: Catalog, event: string, component: string, scope: Scope, metric?: string,
): { event: string; metric: string; scope: Scope }[] =>
  catalog.metrics
    .filter((m) => (metric === undefined || m.id === metric) && componentKey(catalog, event, m.id) === component)
    .map((m) => ({ event, metric: m.id, scope }))
