import type { Catalog } from "../domain/catalog.js"
import { catalogSchema } from "./catalog-schema.js"
import { describeZodIssue } from "./describe-zod-issue.js"
import { readYaml } from "./read-yaml.js"

export type ParseCatalogResult =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Parses and validates a dataset.yaml text (YAML 1.2, so JSON works too): schema first, then the
 * structure — duplicate ids, undeclared parts or parents, cycles in parts or dimension parents,
 * aliases that collide. Every problem is reported, not just the first.
 */
export const parseCatalog = (text: string): ParseCatalogResult => {
  const read = readYaml(text, "catalog")
  if (!read.ok) return { ok: false, problems: [read.problem] }
  const doc = read.value
  const parsed = catalogSchema.safeParse(doc)
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeZodIssue) }
  const c = parsed.data
  const catalog: Catalog = {
    name: c.name,
    ...(c.title !== undefined ? { title: c.title } : {}),
    events: c.events.map((e) => ({ id: e.id, ...(e.title !== undefined ? { title: e.title } : {}), ...(e.date !== undefined ? { date: e.date } : {}) })),
    sources: c.sources.map((s) => ({
      id: s.id, name: s.name ?? s.id, aliases: s.aliases, kind: s.kind, weight: s.weight,
      ...(s.side !== undefined ? { side: s.side } : {}),
    })),
    metrics: c.metrics.map((m) => ({
      id: m.id, kind: m.kind, parts: m.parts, exhaustive: m.exhaustive, cumulative: m.cumulative,
      ...(m.unit !== undefined ? { unit: m.unit } : {}),
      ...(m.approx !== undefined ? { approx: m.approx } : {}),
      ...(m.vague !== undefined ? { vague: m.vague } : {}),
      ...(m.words !== undefined ? { words: m.words } : {}),
    })),
    dimensions: c.dimensions.map((d) => ({
      id: d.id, exhaustive: d.exhaustive,
      values: d.values.map((v) => ({ id: v.id, ...(v.parent !== undefined ? { parent: v.parent } : {}), ...(v.title !== undefined ? { title: v.title } : {}), ...(v.aliases !== undefined ? { aliases: v.aliases } : {}) })),
    })),
  }
  const problems = structuralProblems(catalog)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog }
}

const duplicates = (ids: readonly string[]): string[] => {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

/** The cycles of a graph given as node → successors, each as a path "a → b → a". */
const findCycle = (nodes: readonly string[], next: (n: string) => readonly string[]): string[] | null => {
  const state = new Map<string, 1 | 2>()
  const stack: string[] = []
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 2) return null
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n]
    state.set(n, 1)
    stack.push(n)
    for (const m of next(n)) {
      const cycle = visit(m)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(n, 2)
    return null
  }
  for (const n of nodes) {
    const cycle = visit(n)
    if (cycle) return cycle
  }
  return null
}

const structuralProblems = (c: Catalog): string[] => {
  const problems: string[] = []
  for (const [what, ids] of [
    ["event", c.events.map((e) => e.id)],
    ["metric", c.metrics.map((m) => m.id)],
    ["dimension", c.dimensions.map((d) => d.id)],
  ] as const) {
    for (const d of duplicates(ids)) problems.push(`duplicate ${what} id "${d}"`)
  }
  const sourceNames = c.sources.flatMap((s) => [s.id, ...s.aliases.filter((a) => a !== s.id)])
  for (const d of duplicates(sourceNames)) problems.push(`duplicate source id or alias "${d}"`)

  const metricIds = new Set(c.metrics.map((m) => m.id))
  for (const m of c.metrics) {
    for (const p of m.parts) {
      if (!metricIds.has(p)) problems.push(`metric "${m.id}": part "${p}" is not a declared metric`)
      if (p === m.id) problems.push(`metric "${m.id}" lists itself as a part`)
    }
    for (const d of duplicates(m.parts)) problems.push(`metric "${m.id}": part "${d}" listed twice`)
    const kinds = new Set(m.parts.map((p) => c.metrics.find((x) => x.id === p)?.kind).filter(Boolean))
    if (kinds.size > 0 && (kinds.size > 1 || !kinds.has(m.kind))) {
      problems.push(`metric "${m.id}": its parts must be of the same kind (${m.kind})`)
    }
  }
  const partCycle = findCycle(c.metrics.map((m) => m.id), (id) => c.metrics.find((m) => m.id === id)?.parts ?? [])
  if (partCycle) problems.push(`metric parts form a cycle: ${partCycle.join(" → ")}`)

  for (const d of c.dimensions) {
    const values = new Set(d.values.map((v) => v.id))
    for (const dup of duplicates(d.values.map((v) => v.id))) problems.push(`dimension "${d.id}": duplicate value "${dup}"`)
    for (const v of d.values) {
      if (v.parent !== undefined && !values.has(v.parent)) {
        problems.push(`dimension "${d.id}": value "${v.id}" has undeclared parent "${v.parent}"`)
      }
    }
    const parentOf = new Map(d.values.map((v) => [v.id, v.parent]))
    const cycle = findCycle(d.values.map((v) => v.id), (id) => {
      const p = parentOf.get(id)
      return p === undefined ? [] : [p]
    })
    if (cycle) problems.push(`dimension "${d.id}": parents form a cycle: ${cycle.join(" → ")}`)
  }
  return problems
}
