import type { CatalogGraph } from "./catalog-graph.js"
import { cellRef, cellText, domainOf, type CellRef } from "./cell.js"
import type { Scope } from "./scope.js"

/**
 * One linear relation over cells: `whole ≥ Σ parts` (or `=` when exhaustive). Parts the network does
 * not hold are "absent": they stand for any value of their domain ([0, ∞) for counts), which keeps
 * `≥` sound and gives `=` no upper bound.
 */
export interface Relation {
  readonly whole: number
  readonly parts: readonly number[]
  /** How many declared parts are absent from the network. */
  readonly absent: number
  /** Σ of the absent parts' domain lower bounds: 0 for counts, -∞ when a real part is absent. */
  readonly absentLo: number
  readonly exhaustive: boolean
  /** How explanations name it: "aircraft.hit{} = aircraft.damaged + aircraft.destroyed (exhaustive)". */
  readonly label: string
}

/** Cells tied by relations, with each cell's domain; indices are positions in `cells`. */
export interface Network {
  readonly cells: readonly CellRef[]
  readonly relations: readonly Relation[]
  readonly domLo: readonly number[]
  readonly domHi: readonly number[]
  readonly integer: readonly boolean[]
  /** cell → the relations it takes part in (as whole or part). */
  readonly relationsOf: readonly (readonly number[])[]
}

interface DraftRelation {
  readonly whole: string
  readonly parts: string[]
  readonly declared: number
  readonly exhaustive: boolean
  readonly label: string
  /** For metric relations: which part metrics were declared, to price the absent ones. */
  readonly partMetrics?: readonly string[]
}

const MAX_LISTED = 6

const metricAncestors = (graph: CatalogGraph, metric: string): string[] => {
  const seen = new Set([metric])
  const queue = [metric]
  while (queue.length > 0) {
    const m = queue.pop()!
    for (const w of graph.wholesOf.get(m) ?? []) {
      if (!seen.has(w)) {
        seen.add(w)
        queue.push(w)
      }
    }
  }
  return [...seen]
}

/** A dimension value and its ancestors up to "all" (null); unknown values have no hierarchy. */
const valueChain = (graph: CatalogGraph, dim: string, value: string): (string | null)[] => {
  const d = graph.dimensions.get(dim)
  if (!d || !d.parentOf.has(value)) return [value]
  const chain: (string | null)[] = [value]
  const seen = new Set([value])
  let cur: string | null = value
  while (cur !== null) {
    const parent: string | null = d.parentOf.get(cur) ?? null
    if (parent !== null && seen.has(parent)) break // a cyclic hierarchy is the catalog's error; stop walking
    chain.push(parent)
    if (parent !== null) seen.add(parent)
    cur = parent
  }
  return chain
}

/** Every scope above `scope`: each dimension replaced by one of its ancestors (or left out for "all"). */
const ancestorScopes = (graph: CatalogGraph, scope: Scope): Scope[] => {
  let scopes: Record<string, string>[] = [{}]
  for (const dim of Object.keys(scope).sort()) {
    const chain = valueChain(graph, dim, scope[dim]!)
    const next: Record<string, string>[] = []
    for (const s of scopes) {
      for (const v of chain) next.push(v === null ? s : { ...s, [dim]: v })
    }
    scopes = next
  }
  return scopes
}

const listed = (items: readonly string[]): string =>
  items.length <= MAX_LISTED ? items.join(", ") : `${items.slice(0, MAX_LISTED).join(", ")} and ${items.length - MAX_LISTED} more`

/**
 * The relation network over the cells that matter for `seeds` (cells with voices, or asked for):
 * the seeds, their ancestors by metric whole and by dimension parent in every combination, and the
 * relations among them (SPEC §2.1, §4.4). Descendant cells are never created, so a dimension with
 * thousands of values costs only the values that have claims.
 */
export const buildNetwork = (graph: CatalogGraph, seeds: readonly CellRef[]): Network => {
  const cells = new Map<string, CellRef>()
  for (const seed of seeds) {
    const metrics = metricAncestors(graph, seed.metric)
    for (const scope of ancestorScopes(graph, seed.scope)) {
      for (const m of metrics) {
        const c = cellRef(m, scope)
        if (!cells.has(c.key)) cells.set(c.key, c)
      }
    }
  }
  const drafts = new Map<string, DraftRelation>()
  for (const c of cells.values()) {
    for (const w of graph.wholesOf.get(c.metric) ?? []) {
      const whole = cellRef(w, c.scope)
      const key = `M\u0001${whole.key}`
      let d = drafts.get(key)
      if (!d) {
        const def = graph.metric(w)
        d = {
          whole: whole.key, parts: [], declared: def.parts.length, exhaustive: def.exhaustive, partMetrics: def.parts,
          label: `${cellText(whole)} ${def.exhaustive ? "=" : "≥"} ${def.parts.join(" + ")}${def.exhaustive ? " (exhaustive)" : ""}`,
        }
        drafts.set(key, d)
      }
      d.parts.push(c.key)
    }
    for (const dim of Object.keys(c.scope)) {
      const dg = graph.dimensions.get(dim)
      const value = c.scope[dim]!
      if (!dg || !dg.parentOf.has(value)) continue
      const parent = dg.parentOf.get(value) ?? null
      const wholeScope: Record<string, string> = { ...c.scope }
      if (parent === null) delete wholeScope[dim]
      else wholeScope[dim] = parent
      const whole = cellRef(c.metric, wholeScope)
      const key = `D\u0001${whole.key}\u0001${dim}`
      let d = drafts.get(key)
      if (!d) {
        const children = dg.childrenOf.get(parent) ?? []
        d = {
          whole: whole.key, parts: [], declared: children.length, exhaustive: dg.def.exhaustive,
          label: `${cellText(whole)} ${dg.def.exhaustive ? "=" : "≥"} Σ ${dim} ∈ {${listed(children)}}${dg.def.exhaustive ? " (exhaustive)" : ""}`,
        }
        drafts.set(key, d)
      }
      d.parts.push(c.key)
    }
  }
  const cellList = [...cells.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const index = new Map(cellList.map((c, i) => [c.key, i]))
  const relations: Relation[] = []
  for (const key of [...drafts.keys()].sort()) {
    const d = drafts.get(key)!
    const parts = [...new Set(d.parts)].map((k) => index.get(k)!).sort((a, b) => a - b)
    const whole = index.get(d.whole)!
    let absentLo = 0
    if (d.partMetrics) {
      const present = new Set(parts.map((p) => cellList[p]!.metric))
      for (const m of d.partMetrics) if (!present.has(m)) absentLo += domainOf(graph.metric(m).kind).lo
    } else if (d.declared > parts.length) {
      absentLo = (d.declared - parts.length) * domainOf(graph.metric(cellList[whole]!.metric).kind).lo
    }
    relations.push({ whole, parts, absent: Math.max(0, d.declared - parts.length), absentLo, exhaustive: d.exhaustive, label: d.label })
  }
  return makeNetwork(graph, cellList, relations)
}

const makeNetwork = (graph: CatalogGraph, cells: readonly CellRef[], relations: readonly Relation[]): Network => {
  const doms = cells.map((c) => domainOf(graph.metric(c.metric).kind))
  const relationsOf: number[][] = cells.map(() => [])
  relations.forEach((r, i) => {
    relationsOf[r.whole]!.push(i)
    for (const p of r.parts) relationsOf[p]!.push(i)
  })
  return {
    cells, relations, relationsOf,
    domLo: doms.map((d) => d.lo), domHi: doms.map((d) => d.hi), integer: doms.map((d) => d.integer),
  }
}

/**
 * Removes what cannot matter, then splits the rest into independent networks. A cell without
 * voices that is not reported and takes part in only one relation is free: as a part it becomes an
 * absent part (any value of its domain), as a whole it can always equal the sum of its parts, so its
 * relation goes. A relation left without parts says nothing beyond the domain and goes too.
 * `keep[i]` marks the cells that must stay (voices, or reported).
 */
export const pruneAndSplit = (graph: CatalogGraph, net: Network, keep: readonly boolean[]): Network[] => {
  const rels = net.relations.map((r) => ({ ...r, parts: [...r.parts], alive: true }))
  const count = net.cells.map((_, i) => net.relationsOf[i]!.length)
  const alive = net.cells.map(() => true)
  const queue: number[] = []
  const consider = (c: number): void => {
    if (alive[c] && !keep[c] && count[c]! <= 1) queue.push(c)
  }
  const killRelation = (ri: number): void => {
    const r = rels[ri]!
    if (!r.alive) return
    r.alive = false
    count[r.whole]!--
    consider(r.whole)
    for (const p of r.parts) {
      count[p]!--
      consider(p)
    }
  }
  for (let c = 0; c < net.cells.length; c++) consider(c)
  for (let ri = 0; ri < rels.length; ri++) if (rels[ri]!.parts.length === 0) killRelation(ri)
  while (queue.length > 0) {
    const c = queue.pop()!
    if (!alive[c] || count[c]! > 1) continue
    alive[c] = false
    for (const ri of net.relationsOf[c]!) {
      const r = rels[ri]!
      if (!r.alive) continue
      if (r.whole === c) {
        killRelation(ri)
      } else {
        r.parts = r.parts.filter((p) => p !== c)
        r.absent++
        r.absentLo += net.domLo[c]!
        count[c]!--
        if (r.parts.length === 0) killRelation(ri)
      }
    }
  }
  // union-find over the surviving relations
  const parent = net.cells.map((_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (const r of rels) {
    if (!r.alive) continue
    for (const p of r.parts) {
      const a = find(r.whole)
      const b = find(p)
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
    }
  }
  const groups = new Map<number, number[]>()
  for (let c = 0; c < net.cells.length; c++) {
    if (!alive[c]) continue
    const root = find(c)
    const g = groups.get(root) ?? []
    g.push(c)
    groups.set(root, g)
  }
  const relsOfGroup = new Map<number, number[]>()
  rels.forEach((r, ri) => {
    if (!r.alive) return
    const root = find(r.whole)
    const list = relsOfGroup.get(root) ?? []
    list.push(ri)
    relsOfGroup.set(root, list)
  })
  const out: Network[] = []
  for (const [root, members] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    const local = new Map(members.map((c, i) => [c, i]))
    const relations = (relsOfGroup.get(root) ?? []).map((ri) => {
      const r = rels[ri]!
      return {
        whole: local.get(r.whole)!, parts: r.parts.map((p) => local.get(p)!), absent: r.absent,
        absentLo: r.absentLo, exhaustive: r.exhaustive, label: r.label,
      }
    })
    out.push(makeNetwork(graph, members.map((c) => net.cells[c]!), relations))
  }
  return out
}
