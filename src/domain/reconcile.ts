import { activeClaims, type ActiveClaims } from "./active-claims.js"
import { bestEstimate } from "./best-estimate.js"
import type { Catalog } from "./catalog.js"
import { catalogGraph, type CatalogGraph } from "./catalog-graph.js"
import { cellKey, cellRef, cellText, domainOf, type CellRef } from "./cell.js"
import type { Claim } from "./claim.js"
import { componentKey } from "./component-key.js"
import { mergeCopyVoices } from "./copy-voices.js"
import { findConsensus, type Consensus, type SearchVoice } from "./consensus.js"
import { cumulativeIndex, cumulativeVoicesAt, type CumulativeIndex } from "./cumulative-voice.js"
import { evaluateCell, type CellOutcome } from "./evaluate-cell.js"
import { exclusionExplainer } from "./explain-exclusion.js"
import { explainFigure, intervalText, type ExplainFacts } from "./explain-figure.js"
import type { ClaimRole, Conflict, Figure, FigureClaim } from "./figure.js"
import { figureStatus } from "./figure-status.js"
import { finiteOrNull, hull, toJsonInterval, type Interval } from "./interval.js"
import { buildNetwork, pruneAndSplit, type Network } from "./relations.js"
import { scopeKey, type Scope } from "./scope.js"
import { buildVoices, voiceValues, type Voice } from "./voices.js"
import { groupBy } from "./group-by.js"

export interface ReconcileInput {
  readonly catalog: Catalog
  /** Claims of one or more components, in any order (may include claims of other events/metrics). */
  readonly claims: readonly Claim[]
  /** Learned reliability per source id; replaces the catalog's prior weight where present (SPEC §4.3). */
  readonly weights?: ReadonlyMap<string, number>
  /** Learned reliability per metric, metric id → source id → weight; replaces `weights` on that metric's cells (SPEC §4.3). */
  readonly metricWeights?: ReadonlyMap<string, ReadonlyMap<string, number>>
  /** Learned copy groups, source id → group id: members stating the same value on a cell are one voice (SPEC §4.3). */
  readonly copyGroups?: ReadonlyMap<string, string>
  /** Only claims with stated <= asOf count (claims without `stated` always count). ISO strings compare lexicographically. */
  readonly asOf?: string | null
  /** Compute figures at this valid time only (cumulative metrics: SPEC §4.7). Absent: every distinct `at` present. */
  readonly at?: string | null
  /** Extra cells to report even without own claims (a declared scope asked for by a query): derived/no-data. */
  readonly cells?: readonly { event: string; metric: string; scope: Scope }[]
  /** false: figures come without their explanation sentences (empty), which cost a fifth of the work. Default true. */
  readonly explain?: boolean
}

/** What one pass computes: the figures asked for, and (see `materializedFigures`) the latest-time extras. */
interface Pass {
  readonly figures: Figure[]
  readonly extra: Figure[]
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const canonicalClaim = (c: Claim): string => {
  const sorted = (x: unknown): unknown =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).filter((k) => k !== "seq").sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]))
      : x
  return JSON.stringify(sorted(c), (_k, v: unknown) => (v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : v))
}

/** A day given as `asOf` means the whole day: a datetime stated on it still counts. */
const statedBy = (stated: string, asOf: string): boolean =>
  asOf.length === 10 ? stated.slice(0, 10) <= asOf : stated <= asOf

/**
 * Reconciles claims into figures (SPEC §4): for every cell with claims (or asked for) at every valid
 * time, the consensus range, best estimate, status, the claims with their roles, the conflicts and
 * the sentences that explain them. Pure and deterministic: claim order and duplicate claims (same
 * id) never change the result. Figures come sorted by event, metric, scope key and `at`.
 * @example reconcile({ catalog, claims }).find((f) => f.metric === "aircraft.destroyed")?.range // { lo: 12, hi: 13 }
 */
export const reconcile = (input: ReconcileInput): Figure[] => reconcilePass(input, null).figures

/**
 * The figures the ledger stores for a set of claims (one component, usually): `reconcile` without
 * explanations, followed by every cumulative cell's figure at the latest `at` of the cumulative
 * claims where it has no figure of its own there (a running tally is asked for "now" more than for
 * any other day, SPEC §6), in the order `reconcile` sorts them. Equal to
 * `[...reconcile(input), ...reconcile({ ...input, at: latest }).filter(cumulative cells without a
 * figure at latest)]`, computed in one pass: the extra figures share the slice's network and
 * consensus, which do not depend on which cells are reported. `latest` is one time for all the
 * claims given (the ledger gives one component's).
 */
export const materializedFigures = (input: Pick<ReconcileInput, "catalog" | "claims" | "weights" | "metricWeights" | "copyGroups">): Figure[] => {
  const cumulative = new Set(input.catalog.metrics.filter((m) => m.cumulative).map((m) => m.id))
  let latest: string | null = null
  for (const c of input.claims) if (c.at !== null && cumulative.has(c.metric) && (latest === null || c.at > latest)) latest = c.at
  const pass = reconcilePass({ ...input, explain: false }, latest)
  return pass.extra.length === 0 ? pass.figures : [...pass.figures, ...pass.extra]
}

/** Sorts figures by event, metric, scope key and `at` (null first), each key computed once. */
const sortFigures = (figures: Figure[]): Figure[] => {
  const keyed = figures.map((f) => ({ f, scope: scopeKey(f.scope) }))
  keyed.sort((a, b) =>
    cmp(a.f.event, b.f.event) || cmp(a.f.metric, b.f.metric) || cmp(a.scope, b.scope) || cmp(a.f.at ?? "", b.f.at ?? "") ||
    (a.f.at === null ? (b.f.at === null ? 0 : -1) : b.f.at === null ? 1 : 0))
  return keyed.map((k) => k.f)
}

/**
 * One reconciliation over the input. `latest` (with no `at` asked): also the figures a query at that
 * valid time would add for cumulative cells with voices there and no figure of their own (`extra`).
 */
const reconcilePass = (input: ReconcileInput, latest: string | null): Pass => {
  const graph = catalogGraph(input.catalog)
  const weightOf = (s: string, metric: string): number => {
    const m = input.metricWeights?.get(metric)?.get(s)
    if (m !== undefined && Number.isFinite(m)) return m
    const w = input.weights?.get(s)
    return w !== undefined && Number.isFinite(w) ? w : graph.priorWeight(s)
  }
  const copyGroupOf = (s: string): string | undefined => input.copyGroups?.get(s)
  const asOf = input.asOf ?? null
  const byId = new Map<string, Claim>()
  for (const c of input.claims) {
    if (asOf !== null && c.stated !== null && !statedBy(c.stated, asOf)) continue
    const prev = byId.get(c.id)
    if (!prev || (prev !== c && canonicalClaim(c) < canonicalClaim(prev))) byId.set(c.id, c)
  }
  type Component = { event: string; claims: Claim[]; requested: CellRef[] }
  const components = new Map<string, Component>()
  // event → metric → its component: a component's key is text made anew for each claim otherwise
  const known = new Map<string, Map<string, Component>>()
  const componentOf = (event: string, metric: string): Component => {
    let ofEvent = known.get(event)
    if (!ofEvent) known.set(event, (ofEvent = new Map()))
    let comp = ofEvent.get(metric)
    if (!comp) {
      const key = componentKey(input.catalog, event, metric)
      comp = components.get(key)
      if (!comp) {
        comp = { event, claims: [], requested: [] }
        components.set(key, comp)
      }
      ofEvent.set(metric, comp)
    }
    return comp
  }
  for (const c of [...byId.values()].sort((a, b) => cmp(a.id, b.id))) componentOf(c.event, c.metric).claims.push(c)
  for (const r of input.cells ?? []) componentOf(r.event, r.metric).requested.push(cellRef(r.metric, r.scope))
  const opts: PassOptions = { at: input.at ?? null, explain: input.explain ?? true, latest: input.at == null ? latest : null, weightOf, copyGroupOf }
  const figures: Figure[] = []
  const extra: Figure[] = []
  for (const key of [...components.keys()].sort()) {
    const comp = components.get(key)!
    reconcileComponent(graph, comp.event, comp.claims, comp.requested, opts, figures, extra)
  }
  return { figures: sortFigures(figures), extra: extra.length === 0 ? extra : sortFigures(extra) }
}

interface PassOptions {
  readonly at: string | null
  readonly explain: boolean
  /** See `reconcilePass`. */
  readonly latest: string | null
  /** A source's weight on a metric's cells. */
  readonly weightOf: (s: string, metric: string) => number
  readonly copyGroupOf: (s: string) => string | undefined
}

const reconcileComponent = (
  graph: CatalogGraph, event: string, claims: readonly Claim[], requested: readonly CellRef[], opts: PassOptions,
  out: Figure[], extra: Figure[],
): void => {
  const { at, weightOf, latest } = opts
  const active = activeClaims(claims)
  const slices: (string | null)[] = at !== null
    ? [at]
    : claims.length === 0 ? [null] : [...new Set(claims.map((c) => c.at))].sort((a, b) => cmp(a ?? "", b ?? "") || (a === null ? -1 : 1))
  const grouped = new Map<string, { ref: CellRef; claims: Claim[] }>()
  for (const c of claims) {
    const k = cellKey(c.metric, c.scope)
    const entry = grouped.get(k) ?? { ref: cellRef(c.metric, c.scope), claims: [] }
    entry.claims.push(c)
    grouped.set(k, entry)
  }
  // Per cell, once for all valid times: its claims by `at`, its standing claims, and for a
  // cumulative metric the index its voices at any time are read from.
  const cells = new Map<string, PreparedCell>()
  for (const [k, { ref, claims: own }] of grouped) {
    const metric = graph.metric(ref.metric)
    const dom = domainOf(metric.kind)
    const standing = own.filter((c) => active.active.has(c.id) && c.certainty !== "possible")
    const byAt = groupBy(own, (c) => c.at)
    const standingByAt = groupBy(standing, (c) => c.at)
    const cellWeightOf = (s: string): number => weightOf(s, ref.metric)
    cells.set(k, {
      ref, domLo: dom.lo, byAt, standingByAt, weightOf: cellWeightOf,
      cumulative: metric.cumulative ? cumulativeIndex(k, standing.filter((c) => c.at !== null), cellWeightOf, dom.lo) : null,
    })
  }
  for (const t of slices) {
    reconcileSlice(graph, event, cells, active, requested, t, at !== null, opts, out, t === latest ? extra : null)
  }
  // A component whose claims all come before the latest time still has tallies carried up to it.
  if (latest !== null && !slices.includes(latest)) reconcileSlice(graph, event, cells, active, [], latest, false, opts, null, extra)
}

interface PreparedCell {
  readonly ref: CellRef
  readonly domLo: number
  readonly byAt: ReadonlyMap<string | null, Claim[]>
  readonly standingByAt: ReadonlyMap<string | null, Claim[]>
  /** A source's weight on this cell's metric. */
  readonly weightOf: (s: string) => number
  readonly cumulative: CumulativeIndex | null
}

/**
 * The figures of one valid time: into `out` those of the reported cells (claims listed at `t`, or
 * voices there when `at` was asked, or requested); into `extra` (when given) those of the other
 * cumulative cells with voices at `t`. Which cells are reported changes neither the network nor the
 * consensus: both come from the reported cells and the cells with voices together.
 */
const reconcileSlice = (
  graph: CatalogGraph, event: string, cells: ReadonlyMap<string, PreparedCell>, active: ActiveClaims,
  requested: readonly CellRef[], t: string | null, atAsked: boolean, opts: PassOptions,
  out: Figure[] | null, extra: Figure[] | null,
): void => {
  const { copyGroupOf } = opts
  const voicesOf = new Map<string, Voice[]>()
  const listedOf = new Map<string, Claim[]>()
  const reported = new Map<string, CellRef>()
  for (const [k, { ref, domLo, byAt, standingByAt, weightOf, cumulative }] of cells) {
    const voices = mergeCopyVoices(cumulative !== null && t !== null
      ? cumulativeVoicesAt(cumulative, t, domLo)
      : buildVoices(k, standingByAt.get(t) ?? [], weightOf, domLo), copyGroupOf)
    if (voices.length > 0) voicesOf.set(k, voices)
    const listed = byAt.get(t) ?? []
    listedOf.set(k, listed)
    if (listed.length > 0 || (atAsked && voices.length > 0)) reported.set(k, ref)
  }
  for (const r of requested) reported.set(r.key, r)
  const seeds = new Map<string, CellRef>(reported)
  for (const k of voicesOf.keys()) seeds.set(k, cells.get(k)!.ref)
  const extraCells = new Set<string>()
  if (extra !== null) {
    for (const k of voicesOf.keys()) if (!(out !== null && reported.has(k)) && graph.metric(cells.get(k)!.ref.metric).cumulative) extraCells.add(k)
  }
  if (out === null) reported.clear()
  if (reported.size === 0 && extraCells.size === 0) return
  const net = buildNetwork(graph, [...seeds.values()])
  const keep = net.cells.map((c) => seeds.has(c.key))
  for (const sub of pruneAndSplit(graph, net, keep)) {
    const voices: Voice[] = []
    sub.cells.forEach((c) => voices.push(...(voicesOf.get(c.key) ?? [])))
    const index = new Map(sub.cells.map((c, i) => [c.key, i]))
    const search: SearchVoice[] = voices.map((v) => ({
      cell: index.get(v.cell)!, lo: v.lo, hi: v.hi, weight: v.weight, key: `${v.source}\u0001${v.cell}`,
    }))
    const consensus = findConsensus(sub, search)
    sub.cells.forEach((c, ci) => {
      const into = reported.has(c.key) ? out : extraCells.has(c.key) ? extra : null
      if (into === null) return
      into.push(cellFigure({
        graph, event, cell: c, ci, net: sub, voices, search, consensus, t,
        listed: listedOf.get(c.key) ?? [], active, explain: opts.explain,
      }))
    })
  }
}

interface CellContext {
  readonly graph: CatalogGraph
  readonly event: string
  readonly cell: CellRef
  readonly ci: number
  readonly net: Network
  readonly voices: readonly Voice[]
  readonly search: readonly SearchVoice[]
  readonly consensus: Consensus
  readonly t: string | null
  readonly listed: readonly Claim[]
  readonly active: ActiveClaims
  readonly explain: boolean
}

/** Equal up to float noise; an infinite side equals only the same infinity (the tolerance must not scale with it). */
const sameBound = (x: number, y: number): boolean =>
  x === y || (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)))

const sameInterval = (a: Interval | null, b: Interval | null): boolean =>
  a === null || b === null ? a === b : sameBound(a.lo, b.lo) && sameBound(a.hi, b.hi)

const hullAll = (items: readonly (Interval | null)[]): Interval | null =>
  items.reduce<Interval | null>((acc, i) => (i === null ? acc : acc === null ? i : hull(acc, i)), null)

const claimIds = (v: Voice, withRepeats: boolean): string[] =>
  [...v.primary, ...(withRepeats ? v.repeats : [])].map((c) => c.id).sort()

const voiceWords = (v: Voice): string =>
  `${v.source}'s ${v.primary.map((c) => `"${c.value}"`).join(" / ")} ${intervalText(v)}`

const cellFigure = (ctx: CellContext): Figure => {
  const { graph, net, voices, search, consensus, ci } = ctx
  const sets = consensus.sets
  const metric = graph.metric(ctx.cell.metric)
  const dom = domainOf(metric.kind)
  const outcomes: CellOutcome[] = sets.map((kept) => evaluateCell(net, search, kept, ci))
  const own = voices.map((v, i) => i).filter((i) => search[i]!.cell === ci)
    .sort((a, b) => voices[b]!.weight - voices[a]!.weight || cmp(voices[a]!.source, voices[b]!.source))
  const roles = new Map<number, ClaimRole>()
  for (const i of own) {
    const n = sets.reduce((s, k) => s + (k[i] ? 1 : 0), 0)
    roles.set(i, n === sets.length ? "support" : n === 0 ? "excluded" : "contested")
  }
  const roleOf = (i: number): ClaimRole => roles.get(i)!
  const ranges = outcomes.map((o) => o.range)
  const differs = ranges.some((r) => !sameInterval(r, ranges[0] ?? null))
  const hulled = hullAll(ranges)
  const direct = hullAll(outcomes.map((o) => o.direct))
  const impliedAll = outcomes.map((o) => o.implied)
  const implied = impliedAll.every((i) => i === null) ? null : hullAll(impliedAll)
  const hasImpliedBounds = implied !== null && (implied.lo > dom.lo || implied.hi < dom.hi)
  // A cell nothing speaks about nor bounds has no range: its domain is no figure, and 0 no best.
  const range = own.length === 0 && !hasImpliedBounds ? null : hulled

  // sources standing behind the range: own kept voices, and the voices behind binding implied bounds
  const behind = new Set<string>()
  outcomes.forEach((o, s) => {
    for (const i of own) if (sets[s]![i]) behind.add(voices[i]!.source)
    if (o.implied === null) return
    if (o.implied.lo > dom.lo && (o.direct === null || o.implied.lo >= o.direct.lo)) for (const i of o.loWhy) behind.add(voices[i]!.source)
    if (o.implied.hi < dom.hi && (o.direct === null || o.implied.hi <= o.direct.hi)) for (const i of o.hiWhy) behind.add(voices[i]!.source)
  })

  const conflicts: Conflict[] = []
  const explain = exclusionExplainer(net, search, sets)
  for (const i of own) {
    const role = roleOf(i)
    if (role === "support") continue
    const s = role === "excluded" ? 0 : sets.findIndex((k) => !k[i])
    const against = explain(i, s)
    const v = voices[i]!
    const direct = against.every((j) => search[j]!.cell === ci)
    const others = against.map((j) => `${voiceWords(voices[j]!)}${search[j]!.cell !== ci ? ` on ${cellText(net.cells[search[j]!.cell]!)}` : ""}`)
    const reason = against.length === 0
      ? `${voiceWords(v)} is impossible on its own for this metric.`
      : role === "excluded"
        ? `${voiceWords(v)} cannot be true together with ${others.join(", ")}${direct ? "" : ", given the relations between the cells"}; it was excluded.`
        : `tie: ${voiceWords(v)} cannot be true together with ${others.join(", ")}${direct ? "" : " (given the relations between the cells)"}, and dropping either side costs the same weight; the engine does not choose.`
    conflicts.push({
      kind: direct ? "direct" : "cross-cell",
      claims: claimIds(v, true),
      against: [...new Set(against.flatMap((j) => claimIds(voices[j]!, false)))].sort(),
      reason,
    })
  }

  const voiceRuledOut = own.some((i) => roleOf(i) !== "support")
  const status = figureStatus({
    voices: own.length, voiceRuledOut, rangeDiffersAcrossTies: differs, hasImpliedBounds, sourcesBehindRange: behind.size,
  })
  const standing = voiceValues(own.filter((i) => roleOf(i) === "support").map((i) => voices[i]!))
  const estimate = differs ? null : bestEstimate(range, standing.values, dom.integer)
  const best = estimate?.best ?? null
  const bestHow: ExplainFacts["bestHow"] = estimate === null ? "tie" : estimate.how

  // the claims, with their roles: voices (heaviest first), then possible and superseded ones
  const listedClaims: FigureClaim[] = []
  const seen = new Set<string>()
  const add = (c: Claim, role: ClaimRole, weight: number, noValue = false): void => {
    if (seen.has(c.id)) return
    seen.add(c.id)
    listedClaims.push({
      id: c.id, source: c.source, via: c.via, value: c.value,
      lo: noValue ? null : finiteOrNull(c.lo), hi: noValue ? null : finiteOrNull(c.hi),
      certainty: c.certainty, role, weight, at: c.at, stated: c.stated, quote: c.quote ?? null, url: c.url ?? null,
    })
  }
  for (const i of own) {
    const v = voices[i]!
    for (const c of v.primary) add(c, roleOf(i), v.weight)
    for (const c of v.repeats) add(c, "repeat", v.weight)
    for (const c of v.relayed ?? []) add(c, "relayed", 0)
  }
  const rest = [...ctx.listed].sort((a, b) => cmp(a.id, b.id))
  const possible: Claim[] = []
  const superseded: ExplainFacts["superseded"][number][] = []
  const retractions: ExplainFacts["retractions"][number][] = []
  for (const c of rest) {
    if (seen.has(c.id)) continue
    const inactive = ctx.active.inactive.get(c.id)
    const target = ctx.active.retractions.get(c.id)
    if (target !== undefined) {
      retractions.push({ claim: c, target })
      add(c, "superseded", 0, true)
    } else if (inactive) {
      superseded.push({ claim: c, by: inactive.by, how: inactive.how })
      add(c, "superseded", 0)
    } else if (c.certainty === "possible") {
      possible.push(c)
      add(c, "possible", 0)
    }
  }

  const bounds: { side: "lo" | "hi"; value: number; relation: string | null; claims: string[] }[] = []
  // bounds, like the lists of possible and superseded claims, are words of the explanation only
  if (ctx.explain) outcomes.slice(0, 4).forEach((o) => {
    if (o.implied === null) return
    const ids = (why: readonly number[]) => [...new Set(why.flatMap((j) => claimIds(voices[j]!, false)))].sort()
    if (o.loRel >= 0 && o.implied.lo > dom.lo) bounds.push({ side: "lo", value: o.implied.lo, relation: net.relations[o.loRel]!.label, claims: ids(o.loWhy) })
    if (o.hiRel >= 0 && o.implied.hi < dom.hi) bounds.push({ side: "hi", value: o.implied.hi, relation: net.relations[o.hiRel]!.label, claims: ids(o.hiWhy) })
  })
  const uniqueBounds = [...new Map(bounds.map((b) => [`${b.side}|${b.value}|${b.relation}|${b.claims.join(",")}`, b])).values()]

  const totalWeight = sets.length > 0 ? search.reduce((s, v, i) => s + (sets[0]![i] ? v.weight : 0), 0) : 0
  const explanation = !ctx.explain ? [] : explainFigure({
    cell: cellText(ctx.cell), at: ctx.t, status, range, direct, implied, best, bestHow,
    voices: own.map((i) => ({
      source: voices[i]!.source, weight: voices[i]!.weight, role: roleOf(i), interval: voices[i]!,
      primary: voices[i]!.primary, repeats: voices[i]!.repeats, note: voices[i]!.note,
      rep: voices[i]!.rep, split: voices[i]!.split ?? null, carriedRep: voices[i]!.carriedRep ?? null, relayed: voices[i]!.relayed ?? [],
      copiedBy: voices[i]!.copiedBy ?? [], copyGroup: voices[i]!.copyGroup ?? null,
    })),
    median: estimate?.median ? { values: standing.values, total: estimate.median.total, carried: standing.carried, candidates: estimate.candidates } : null,
    possible, superseded, retractions, bounds: uniqueBounds, conflicts,
    tie: sets.length > 1 ? { sets: sets.length, weight: totalWeight, ranges, truncated: consensus.truncated } : null,
    heuristic: consensus.heuristic, componentVoices: search.filter((v) => v.weight > 0).length,
  })
  if (ctx.explain && own.some((i) => voices[i]!.selfContradiction)) {
    explanation.push("A source's own cumulative tally went down without a correction: its latest value at or before this time stands.")
  }

  return {
    event: ctx.event, metric: ctx.cell.metric, scope: ctx.cell.scope, at: ctx.t, status,
    range: range === null ? null : toJsonInterval(range), best, best_candidates: estimate?.candidates ?? [],
    direct: direct === null ? null : toJsonInterval(direct), implied: implied === null ? null : toJsonInterval(implied),
    voices: own.length, claims: listedClaims, conflicts, explanation, heuristic: consensus.heuristic,
  }
}
