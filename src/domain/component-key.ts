import type { Catalog } from "./catalog.js"

const groupCache = new WeakMap<Catalog, ReadonlyMap<string, string>>()

/**
 * Each metric id → the representative of its group: the metrics connected by `parts` (in either
 * direction), represented by their smallest id so the key does not depend on declaration order.
 * Cached per catalog object because the ingest path asks once per claim.
 */
export const metricGroups = (catalog: Catalog): ReadonlyMap<string, string> => {
  const cached = groupCache.get(catalog)
  if (cached) return cached
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!
    // path compression keeps repeated lookups flat
    let cur = x
    while (cur !== root) {
      const next = parent.get(cur)!
      parent.set(cur, root)
      cur = next
    }
    return root
  }
  const union = (a: string, b: string): void => {
    const ra = find(a)
    const rb = find(b)
    if (ra === rb) return
    // the smaller id becomes the root, so the root is the group's smallest id
    if (ra < rb) parent.set(rb, ra)
    else parent.set(ra, rb)
  }
  for (const m of catalog.metrics) {
    if (!parent.has(m.id)) parent.set(m.id, m.id)
    for (const p of m.parts) {
      if (!parent.has(p)) parent.set(p, p)
      union(m.id, p)
    }
  }
  const groups = new Map<string, string>()
  for (const id of parent.keys()) groups.set(id, find(id))
  groupCache.set(catalog, groups)
  return groups
}

/**
 * The component a claim belongs to: its event plus the connected group of metrics linked by `parts`.
 * Dimension relations link every scope of a metric, so all scopes and `at`s of a metric group are one
 * component; recomputing a component is `reconcile()` over all of its claims.
 * @example componentKey(catalog, "spider-web", "aircraft.destroyed") === "spider-web|aircraft.damaged"
 *          // when hit = damaged + destroyed: the group's smallest metric id represents it
 */
export const componentKey = (catalog: Catalog, event: string, metric: string): string =>
  `${event}|${metricGroups(catalog).get(metric) ?? metric}`
