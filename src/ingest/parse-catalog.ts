import type { Catalog } from "../domain/catalog.js"
import { fastCatalog } from "./catalog-fast-path.js"
import { catalogSchema } from "./catalog-schema.js"
import { describeZodIssue } from "./describe-zod-issue.js"
import { readYaml } from "./read-yaml.js"

export type ParseCatalogResult =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Largest catalog read. 100,000 events of a line each are about 10 MB; the YAML parser needs some
 * 70 times a text's size in memory, so a cap keeps a hostile or mistaken file from exhausting it.
 */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024

/**
 * Most separators (`,` `[` `{` and line ends) a catalog may have: a bound on its YAML nodes, read
 * before parsing. Tiny flow items (`[1,1,1,…]`) cost the parser about 1 KB each, far above the
 * per-byte average; 100,000 events take some 400,000.
 */
export const MAX_CATALOG_ENTRIES = 1_000_000

/** Deepest nesting of the catalog document (the format itself needs 5). */
export const MAX_CATALOG_DEPTH = 32

/** Longest chain of metric parts, or of dimension values under parents (Tu-95MS ⊂ Tu-95 ⊂ bomber is 3). */
export const MAX_HIERARCHY_DEPTH = 64

const sizeProblem = (text: string): string | null => {
  const bytes = Buffer.byteLength(text)
  if (bytes > MAX_CATALOG_BYTES) return `the catalog is ${bytes} bytes; the limit is ${MAX_CATALOG_BYTES}`
  let entries = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x2c || c === 0x0a || c === 0x5b || c === 0x7b) entries++
  }
  return entries > MAX_CATALOG_ENTRIES ? `the catalog has ${entries} entries (items, lines); the limit is ${MAX_CATALOG_ENTRIES}` : null
}

/** How deeply a parsed document nests (objects and arrays), walked without recursion; stops counting past `limit`. */
const nestingDepth = (doc: unknown, limit: number): number => {
  let deepest = 0
  const stack: [unknown, number][] = [[doc, 1]]
  while (stack.length > 0) {
    const [v, d] = stack.pop()!
    if (v === null || typeof v !== "object") continue
    if (d > deepest) deepest = d
    if (deepest > limit) return deepest
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1])
  }
  return deepest
}

/**
 * Parses and validates a dataset.yaml text (YAML 1.2, so JSON works too): schema first, then the
 * structure — duplicate ids, undeclared parts or parents, cycles in parts or dimension parents,
 * aliases that collide, chains of parts or parents deeper than `MAX_HIERARCHY_DEPTH`. Every
 * problem is reported, not just the first. Each check is linear in the catalog's size.
 */
export const parseCatalog = (text: string): ParseCatalogResult => {
  const tooBig = sizeProblem(text)
  if (tooBig !== null) return { ok: false, problems: [tooBig] }
  const read = readYaml(text, "catalog")
  if (!read.ok) {
    // the YAML parser recurses per nesting level: a deeply nested document overflows its stack
    const deep = /Maximum call stack size exceeded/.test(read.problem)
    return { ok: false, problems: [deep ? `the catalog is nested too deeply to read (the limit is ${MAX_CATALOG_DEPTH} levels)` : read.problem] }
  }
  // The fast path takes only documents of the schema's shape, which nest 5 levels at most.
  const catalog = fastCatalog(read.value) ?? catalogBySchema(read.value)
  if ("problems" in catalog) return catalog
  const problems = structuralProblems(catalog)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog }
}

/**
 * The catalog of a document as `catalogSchema` reads it (defaults filled in, ids trimmed), or the
 * problems it finds; the slow path, and the one that words every problem.
 */
export const catalogBySchema = (doc: unknown): Catalog | { readonly ok: false; readonly problems: readonly string[] } => {
  const depth = nestingDepth(doc, MAX_CATALOG_DEPTH)
  if (depth > MAX_CATALOG_DEPTH) return { ok: false, problems: [`the catalog is nested more than ${MAX_CATALOG_DEPTH} levels deep`] }
  const parsed = catalogSchema.safeParse(doc)
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeZodIssue) }
  const c = parsed.data
  return {
    name: c.name,
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.open_events ? { openEvents: true as const } : {}),
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
}

const duplicates = (ids: readonly string[]): string[] => {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

/** A chain shown short: `a → b → … → z (10000 levels)`. */
const chainText = (chain: readonly string[]): string =>
  chain.length <= 6 ? chain.join(" → ") : `${chain.slice(0, 3).join(" → ")} → … → ${chain.slice(-2).join(" → ")}`

type GraphProblem = { readonly kind: "cycle"; readonly path: string[] } | { readonly kind: "deep"; readonly path: string[] }

/**
 * Walks a graph given as node → successors without recursion (a 10,000-deep chain must not
 * overflow the stack), each node once: the first cycle found, or else the longest chain when it
 * is longer than `maxDepth` nodes, as a path; null when there is neither.
 */
const checkGraph = (nodes: Iterable<string>, next: (n: string) => readonly string[], maxDepth: number): GraphProblem | null => {
  const done = new Map<string, number>() // node → the longest chain starting at it
  const onStack = new Map<string, number>() // node → its position on the path
  let deepest = 0
  let deepestNode: string | null = null
  for (const root of nodes) {
    if (done.has(root)) continue
    const path: string[] = [root]
    const cursor: number[] = [0]
    onStack.set(root, 0)
    while (path.length > 0) {
      const n = path[path.length - 1]!
      const succ = next(n)
      const i = cursor[cursor.length - 1]!
      if (i < succ.length) {
        cursor[cursor.length - 1] = i + 1
        const m = succ[i]!
        const at = onStack.get(m)
        if (at !== undefined) return { kind: "cycle", path: [...path.slice(at), m] }
        if (!done.has(m)) {
          onStack.set(m, path.length)
          path.push(m)
          cursor.push(0)
        }
        continue
      }
      let longest = 1
      for (const m of succ) longest = Math.max(longest, 1 + (done.get(m) ?? 0))
      done.set(n, longest)
      if (longest > deepest) {
        deepest = longest
        deepestNode = n
      }
      onStack.delete(n)
      path.pop()
      cursor.pop()
    }
  }
  if (deepestNode === null || deepest <= maxDepth) return null
  // follow the longest successors to show the chain
  const path = [deepestNode]
  for (let x = deepestNode; (done.get(x) ?? 1) > 1;) {
    x = next(x).reduce((a, b) => ((done.get(b) ?? 0) > (done.get(a) ?? 0) ? b : a))
    path.push(x)
  }
  return { kind: "deep", path }
}

const graphProblem = (what: string, cycleText: string, p: GraphProblem): string =>
  p.kind === "cycle" ? `${cycleText}: ${p.path.join(" → ")}`
    : `${what} nest ${p.path.length} levels deep (${chainText(p.path)}); the limit is ${MAX_HIERARCHY_DEPTH}`

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

  const metricById = new Map(c.metrics.map((m) => [m.id, m]))
  for (const m of c.metrics) {
    for (const p of m.parts) {
      if (!metricById.has(p)) problems.push(`metric "${m.id}": part "${p}" is not a declared metric`)
      if (p === m.id) problems.push(`metric "${m.id}" lists itself as a part`)
    }
    for (const d of duplicates(m.parts)) problems.push(`metric "${m.id}": part "${d}" listed twice`)
    const kinds = new Set(m.parts.map((p) => metricById.get(p)?.kind).filter(Boolean))
    if (kinds.size > 0 && (kinds.size > 1 || !kinds.has(m.kind))) {
      problems.push(`metric "${m.id}": its parts must be of the same kind (${m.kind})`)
    }
  }
  const parts = checkGraph(metricById.keys(), (id) => (metricById.get(id)?.parts ?? []).filter((p) => metricById.has(p)), MAX_HIERARCHY_DEPTH)
  if (parts) problems.push(graphProblem("metric parts", "metric parts form a cycle", parts))

  for (const d of c.dimensions) {
    const values = new Set(d.values.map((v) => v.id))
    for (const dup of duplicates(d.values.map((v) => v.id))) problems.push(`dimension "${d.id}": duplicate value "${dup}"`)
    for (const v of d.values) {
      if (v.parent !== undefined && !values.has(v.parent)) {
        problems.push(`dimension "${d.id}": value "${v.id}" has undeclared parent "${v.parent}"`)
      }
    }
    const parentOf = new Map(d.values.map((v) => [v.id, v.parent]))
    const up = checkGraph(values, (id) => {
      const p = parentOf.get(id)
      return p === undefined || !values.has(p) ? [] : [p]
    }, MAX_HIERARCHY_DEPTH)
    if (up) problems.push(graphProblem(`dimension "${d.id}": values under parents`, `dimension "${d.id}": parents form a cycle`, up))
  }
  return problems
}
