import { type SelectQueryBuilder, type SqlBool, sql } from "kysely"
import type { Claim } from "../../domain/claim.js"
import type { Figure } from "../../domain/figure.js"
import { CLAIM_CORE_COLUMNS, CLAIM_RECONCILE_COLUMNS, claimFromValues, reconcileClaimReader } from "../claim-from-row.js"
import { componentFigures, holdsListedClaims, LISTED_CLAIM_COLUMNS, type ListedClaimRow, listedClaimFromValues, withListedClaims } from "../component-figures.js"
import { CONFLICT_COLUMNS, FIGURE_COLUMNS, figureRows } from "../figure-rows.js"
import type { CellSelection, StoredConflict, StoredFigure } from "../ledger-rows.js"
import type { ConflictsTable, FiguresTable, Schema } from "../schema.js"
import { loadCatalogs } from "./catalog-store.js"
import { param, prepare } from "./prepared.js"
import { renewProcessLease } from "./process-store.js"
import { loadSourceMetricWeights } from "./query-store.js"
import { readTransaction, type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { countPass, staleCount } from "./stale-store.js"

/** A component's claims as `columns` values, then the dataset (at `columns.length`). */
const componentClaims = (ctx: SqliteContext, columns: readonly (typeof CLAIM_CORE_COLUMNS)[number][]) =>
  prepare(ctx.sqlite, ctx.db.selectFrom("claims").select([...columns, "dataset"]).where("component", "=", param("component")).orderBy("seq"))

/** The claims of one component, as the core reads them. */
export const claimsOfComponent = (ctx: SqliteContext, component: string): Claim[] =>
  componentClaims(ctx, CLAIM_CORE_COLUMNS).rawAll({ component }).map(claimFromValues)

/** Whether two of the claims share an id (of two datasets on one event): the core then picks one by all its fields. */
const sharesIds = (claims: readonly Claim[]): boolean => new Set(claims.map((c) => c.id)).size !== claims.length

/**
 * Learned source reliability, where computed (SPEC §4.3: it replaces the prior weight); a source
 * learned with too little evidence has no weight and keeps its prior.
 */
export const loadSourceWeights = (ctx: SqliteContext): ReadonlyMap<string, number> =>
  new Map(prepare(ctx.sqlite, ctx.db.selectFrom("source_reliability").select(["source", "weight"]).where("weight", "is not", null))
    .all<{ source: string; weight: number }>().map((r) => [r.source, r.weight]))

/** Learned copy groups, source id → group id (SPEC §4.3: members stating one value are one voice). */
export const loadSourceCopyGroups = (ctx: SqliteContext): ReadonlyMap<string, string> =>
  new Map(prepare(ctx.sqlite, ctx.db.selectFrom("source_reliability").select(["source", "copy_group"]).where("copy_group", "is not", null))
    .all<{ source: string; copy_group: string }>().map((r) => [r.source, r.copy_group]))

/** The components holding claims of an event (and metric). */
export const componentsOf = (ctx: SqliteContext, cells: { event?: string | undefined; metric?: string | undefined }) =>
  prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["component", "event"]).distinct().orderBy("component")
    .$if(cells.event !== undefined, (q) => q.where("event", "=", param("event")))
    .$if(cells.metric !== undefined, (q) => q.where("metric", "=", param("metric"))))
    .all<{ component: string; event: string }>({ ...cells })

/** How long one write transaction of a reconciliation may run before it commits and lets other writers in. */
const TRANSACTION_MS = 100
/** Stale components read per transaction (more than one transaction's worth). */
const PENDING_PER_TRANSACTION = 2000

/**
 * What reconciling a component changes in its stored rows: the figure rows to write (new, or not
 * as stored), the keys (`FIGURE_KEY` values) of the figures it no longer has, and its conflicts
 * when they are not the stored set (null: as stored). Reconciling again what did not change (a
 * full reconcile, a catalog change that touches few cells, a component with one new claim) then
 * writes only what changed: rewriting every row was most of a full reconcile's time (its index
 * updates and its pages in the WAL).
 */
export interface FigureChanges {
  readonly write: readonly FiguresTable[]
  readonly gone: readonly (readonly unknown[])[]
  readonly conflicts: readonly ConflictsTable[] | null
  /** How many figures the component has now. */
  readonly figures: number
}

/**
 * A component's changes (`FigureChanges`), computed outside the writer's transaction from its
 * claims and stored rows as they stood when its stale mark had `generation` and the component had
 * been reconciled `reconciled` times (`component_passes`).
 */
export interface ComputedComponent extends FigureChanges {
  readonly component: string
  readonly dataset: string
  readonly generation: number
  readonly reconciled: number
}

/** Computes the figure rows of components from the claims, catalogs and learned weights the connection sees. */
const componentComputer = (ctx: SqliteContext, now: string) => {
  const catalogs = new Map(loadCatalogs(ctx, true).map((c) => [c.name, c]))
  const learned = { weights: loadSourceWeights(ctx), metricWeights: loadSourceMetricWeights(ctx), copyGroups: loadSourceCopyGroups(ctx) }
  const load = componentClaims(ctx, CLAIM_RECONCILE_COLUMNS)
  const claimOf = reconcileClaimReader()
  return (component: string): { figures: FiguresTable[]; conflicts: ConflictsTable[] } => {
    const rows = load.rawAll({ component })
    const catalog = rows.length === 0 ? undefined : catalogs.get(rows[0]![CLAIM_RECONCILE_COLUMNS.length] as string)
    const read = rows.map(claimOf)
    // Claims sharing an id are told apart by every field, quote and url too: read them whole, as `reckon explain` does.
    const claims = sharesIds(read) ? claimsOfComponent(ctx, component) : read
    // No claims (re-keyed away by a catalog change) or no catalog: nothing to show for it any more.
    return figureRows(component, catalog === undefined ? [] : componentFigures(catalog, claims, learned), claims, now)
  }
}

/** The columns that make a figure what it is: all but when it was computed. */
const FIGURE_VALUES = FIGURE_COLUMNS.filter((c) => c !== "computed")
const FIGURE_KEY = ["event", "metric", "scope_key", "at_key"] as const
const KEY_AT = FIGURE_KEY.map((c) => FIGURE_VALUES.indexOf(c))
const keyOf = (values: readonly unknown[]): string => KEY_AT.map((i) => values[i]).join("\u0000")
const valuesOf = (row: object, columns: readonly string[]): unknown[] => columns.map((c) => (row as Record<string, unknown>)[c])
const conflictSet = (rows: readonly (readonly unknown[])[]) => rows.map((r) => JSON.stringify(r)).sort().join("\n")

/** The changes (`FigureChanges`) of a component from its stored rows (read now) to its newly computed ones. */
const changesFrom = (ctx: SqliteContext) => {
  const storedFigures = prepare(ctx.sqlite, ctx.db.selectFrom("figures").select(FIGURE_VALUES).where("component", "=", param("component")))
  const storedConflicts = prepare(ctx.sqlite, ctx.db.selectFrom("conflicts").select(CONFLICT_COLUMNS).where("component", "=", param("component")))
  return (component: string, rows: { readonly figures: readonly FiguresTable[]; readonly conflicts: readonly ConflictsTable[] }): FigureChanges => {
    const stored = new Map(storedFigures.rawAll({ component }).map((v) => [keyOf(v), v]))
    const write: FiguresTable[] = []
    for (const f of rows.figures) {
      const values = valuesOf(f, FIGURE_VALUES)
      const key = keyOf(values)
      const old = stored.get(key)
      stored.delete(key)
      if (old === undefined || old.some((v, i) => v !== values[i])) write.push(f)
    }
    // the cells it no longer has (a catalog change moved them, or their claims were re-keyed away)
    const gone = [...stored.values()].map((v) => KEY_AT.map((i) => v[i]))
    const same = conflictSet(storedConflicts.rawAll({ component })) === conflictSet(rows.conflicts.map((c) => valuesOf(c, CONFLICT_COLUMNS)))
    return { write, gone, conflicts: same ? null : rows.conflicts, figures: rows.figures.length }
  }
}

/**
 * Applies a component's changes to its stored figures and conflicts and counts the pass. Inside
 * a write transaction. A figure row left alone keeps its `computed`: the time it last changed.
 */
const componentWriter = (ctx: SqliteContext) => {
  const counted = countPass(ctx, "reconciled")
  const deleteFigure = prepare(ctx.sqlite, ctx.db.deleteFrom("figures").where("component", "=", param("component"))
    .where("event", "=", param("event")).where("metric", "=", param("metric")).where("scope_key", "=", param("scope_key")).where("at_key", "=", param("at_key")))
  const deleteConflicts = prepare(ctx.sqlite, ctx.db.deleteFrom("conflicts").where("component", "=", param("component")))
  const insertFigure = prepare(ctx.sqlite, ctx.db.insertInto("figures").values(Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, param(c)])) as never)
    .onConflict((oc) => oc.columns([...FIGURE_KEY]).doUpdateSet((eb) =>
      Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never)))
  const insertConflict = prepare(ctx.sqlite, ctx.db.insertInto("conflicts").values(Object.fromEntries(CONFLICT_COLUMNS.map((c) => [c, param(c)])) as never))
  return (component: string, dataset: string, changes: FigureChanges) => {
    for (const f of changes.write) insertFigure.run(f as unknown as Record<string, unknown>)
    for (const key of changes.gone) deleteFigure.run({ component, ...Object.fromEntries(FIGURE_KEY.map((c, i) => [c, key[i]])) })
    if (changes.conflicts !== null) {
      deleteConflicts.run({ component })
      for (const c of changes.conflicts) insertConflict.run(c as unknown as Record<string, unknown>)
    }
    counted.run({ component, dataset })
  }
}

/**
 * One transaction of `reconcileStale`: reconciles stale components, in component order, for
 * about 100 ms (not one transaction per component: a commit per component made rewriting 30k
 * components spend most of its time committing), replacing each one's figures and conflicts and
 * removing its stale mark together, so that queries read finished figures only and a kill at any
 * moment leaves the mark of every component not finished. Returns what it did and what is left.
 */
export const reconcileStep = (ctx: SqliteContext, dataset: string | undefined, now: string) =>
  writeTransaction(ctx, () => {
    renewProcessLease(ctx)
    const pending = prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select(["component", "dataset"])
      .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset")))
      .orderBy("component").limit(PENDING_PER_TRANSACTION))
      .all<{ component: string; dataset: string }>(dataset === undefined ? {} : { dataset })
    const compute = componentComputer(ctx, now)
    const changes = changesFrom(ctx)
    const store = componentWriter(ctx)
    const unmark = prepare(ctx.sqlite, ctx.db.deleteFrom("stale_components").where("component", "=", param("component")))
    const start = performance.now()
    let components = 0
    let figures = 0
    for (const { component, dataset: componentDataset } of pending) {
      const rows = compute(component)
      store(component, componentDataset, changes(component, rows))
      unmark.run({ component })
      components++
      figures += rows.figures.length
      if (performance.now() - start >= TRANSACTION_MS) break
    }
    return { components, figures, left: staleCount(ctx, dataset) }
  })

/** The stale components (of one dataset), in component order. */
export const staleComponents = (ctx: SqliteContext, dataset: string | undefined): string[] =>
  prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select("component")
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset"))).orderBy("component"))
    .all<{ component: string }>(dataset === undefined ? {} : { dataset }).map((r) => r.component)

/**
 * The changes of these components' figures (`ComputedComponent`), computed in one read
 * transaction: one snapshot of claims, catalogs, weights, stored figures and stale marks, with
 * each mark's generation and the component's count of reconciliations. A component no longer
 * marked has been reconciled meanwhile (by another process) and is left out. For a worker thread:
 * it writes nothing.
 */
export const computeComponents = (ctx: SqliteContext, components: readonly string[], now: string): ComputedComponent[] =>
  readTransaction(ctx, () => {
    const mark = prepare(ctx.sqlite, ctx.db.selectFrom("stale_components")
      .leftJoin("component_passes", "component_passes.component", "stale_components.component")
      .select(["stale_components.dataset", "stale_components.generation", sql<number>`coalesce(component_passes.reconciled, 0)`.as("reconciled")])
      .where("stale_components.component", "=", param("component")))
    const compute = componentComputer(ctx, now)
    const changes = changesFrom(ctx)
    const out: ComputedComponent[] = []
    for (const component of components) {
      const m = mark.get<{ dataset: string; generation: number; reconciled: number }>({ component })
      if (m !== undefined) out.push({ component, ...m, ...changes(component, compute(component)) })
    }
    return out
  })

/**
 * Stores changes computed outside this transaction (`computeComponents` on a worker thread) in
 * one write transaction, each component's only if nothing happened to it since its snapshot: its
 * stale mark has the generation it was computed at, and no one reconciled it in between (its
 * count of reconciliations is the same; a mark removed and made again starts at generation 0, so
 * the generation alone would not tell). A component marked again since (a claim came in, its
 * catalog or a weight changed) keeps its mark and its old figures and is reconciled again later:
 * figures from claims that changed meanwhile are never stored as current, and changes are applied
 * only to the rows they were computed from.
 */
export const storeComputed = (ctx: SqliteContext, computed: readonly ComputedComponent[]) =>
  writeTransaction(ctx, () => {
    renewProcessLease(ctx)
    const unmark = prepare(ctx.sqlite, ctx.db.deleteFrom("stale_components")
      .where("component", "=", param("component")).where("generation", "=", param<number>("generation"))
      .where(sql<SqlBool>`coalesce((SELECT reconciled FROM component_passes WHERE component_passes.component = stale_components.component), 0) = ${param<number>("reconciled")}`))
    const store = componentWriter(ctx)
    let components = 0
    let figures = 0
    for (const c of computed) {
      if (unmark.run({ component: c.component, generation: c.generation, reconciled: c.reconciled }).changes === 0) continue
      store(c.component, c.dataset, c)
      components++
      figures += c.figures
    }
    return { components, figures, outdated: computed.length - components }
  })

/** The WHERE of a figures or conflicts query: the selection's event, metric and scope, as far as given. */
const whereCells = <O>(q: SelectQueryBuilder<Schema, "figures" | "conflicts", O>, cells: CellSelection) =>
  q.$if(cells.event !== undefined, (b) => b.where("event", "=", param("event")))
    .$if(cells.metric !== undefined, (b) => b.where("metric", "=", param("metric")))
    .$if(cells.scopeKey !== undefined, (b) => b.where("scope_key", "=", param("scopeKey")))

const cellParams = (cells: CellSelection) =>
  Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined))

/**
 * Materialized figures, by cell, the latest valid time first, with their claims whole
 * (`withListedClaims`): from the claim rows of the figure's component, or of its event where the
 * component lacks one (a catalog change moved it, and the component is not reconciled yet).
 */
export const storedFigures = (ctx: SqliteContext, cells: CellSelection): StoredFigure[] =>
  readTransaction(ctx, () => {
    const listedBy = (column: "component" | "event") => {
      const query = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select([...LISTED_CLAIM_COLUMNS]).where(column, "=", param("key")))
      const read = new Map<string, Map<string, ListedClaimRow>>()
      return (key: string) => {
        let m = read.get(key)
        if (!m) read.set(key, (m = new Map(query.rawAll({ key }).map(listedClaimFromValues))))
        return m
      }
    }
    const ofComponent = listedBy("component")
    const ofEvent = listedBy("event")
    return prepare(ctx.sqlite, whereCells(ctx.db.selectFrom("figures").select(["detail_json", "component", "event", "metric", "scope_key", "at_key"]), cells)
      .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key", "desc"))
      .all<{ detail_json: string; component: string; event: string; metric: string; scope_key: string; at_key: string }>(cellParams(cells))
      .map((r) => {
        const stored = JSON.parse(r.detail_json) as Omit<Figure, "explanation">
        const rows = ofComponent(r.component)
        return {
          event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key,
          figure: withListedClaims(stored, holdsListedClaims(stored, rows) ? rows : ofEvent(r.event)),
        }
      })
  })

/** Materialized conflicts, in a stable order. */
export const storedConflicts = (ctx: SqliteContext, cells: CellSelection): StoredConflict[] =>
  prepare(ctx.sqlite, whereCells(ctx.db.selectFrom("conflicts").selectAll(), cells)
    .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key").orderBy("kind").orderBy("claims_json")
    .orderBy("against_json").orderBy("reason"))
    .all<Schema["conflicts"]>(cellParams(cells))
    .map((r) => ({
      event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key, kind: r.kind,
      claims: JSON.parse(r.claims_json) as string[], against: JSON.parse(r.against_json) as string[], reason: r.reason,
    }))
