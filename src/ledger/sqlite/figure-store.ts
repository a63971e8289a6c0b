import type { SelectQueryBuilder } from "kysely"
import type { Claim } from "../../domain/claim.js"
import type { Figure } from "../../domain/figure.js"
import { CLAIM_CORE_COLUMNS, type ClaimCoreRow, claimFromRow } from "../claim-from-row.js"
import { componentFigures } from "../component-figures.js"
import { CONFLICT_COLUMNS, FIGURE_COLUMNS, figureRows } from "../figure-rows.js"
import type { CellSelection, StoredConflict, StoredFigure } from "../ledger-rows.js"
import type { Schema } from "../schema.js"
import { loadCatalogs } from "./catalog-store.js"
import { param, prepare } from "./prepared.js"
import { renewProcessLease } from "./process-store.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { countPass, staleCount } from "./stale-store.js"

type ComponentRow = ClaimCoreRow & { readonly dataset: string }

const componentClaims = (ctx: SqliteContext) =>
  prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["dataset", ...CLAIM_CORE_COLUMNS]).where("component", "=", param("component")).orderBy("seq"))

/** The claims of one component, as the core reads them. */
export const claimsOfComponent = (ctx: SqliteContext, component: string): Claim[] =>
  componentClaims(ctx).all<ComponentRow>({ component }).map(claimFromRow)

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
 * One transaction of `reconcileStale`: reconciles stale components, in component order, for
 * about 100 ms (not one transaction per component: a commit per component made rewriting 30k
 * components spend most of its time committing), replacing each one's figures and conflicts and
 * removing its stale mark together, so that queries read finished figures only and a kill at any
 * moment leaves the mark of every component not finished. Returns what it did and what is left.
 */
export const reconcileStep = (ctx: SqliteContext, dataset: string | undefined, now: string) =>
  writeTransaction(ctx, () => {
    renewProcessLease(ctx)
    const catalogs = new Map(loadCatalogs(ctx).map((c) => [c.name, c]))
    const learned = { weights: loadSourceWeights(ctx), copyGroups: loadSourceCopyGroups(ctx) }
    const pending = prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select(["component", "dataset"])
      .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset")))
      .orderBy("component").limit(PENDING_PER_TRANSACTION))
      .all<{ component: string; dataset: string }>(dataset === undefined ? {} : { dataset })
    const load = componentClaims(ctx)
    const unmark = prepare(ctx.sqlite, ctx.db.deleteFrom("stale_components").where("component", "=", param("component")))
    const counted = countPass(ctx, "reconciled")
    const deleteFigures = prepare(ctx.sqlite, ctx.db.deleteFrom("figures").where("component", "=", param("component")))
    const deleteConflicts = prepare(ctx.sqlite, ctx.db.deleteFrom("conflicts").where("component", "=", param("component")))
    const insertFigure = prepare(ctx.sqlite, ctx.db.insertInto("figures").values(Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, param(c)])) as never)
      .onConflict((oc) => oc.columns(["event", "metric", "scope_key", "at_key"]).doUpdateSet((eb) =>
        Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never)))
    const insertConflict = prepare(ctx.sqlite, ctx.db.insertInto("conflicts").values(Object.fromEntries(CONFLICT_COLUMNS.map((c) => [c, param(c)])) as never))
    const store = (component: string, figures: readonly Figure[]) => {
      deleteFigures.run({ component })
      deleteConflicts.run({ component })
      const rows = figureRows(component, figures, now)
      for (const f of rows.figures) insertFigure.run(f as unknown as Record<string, unknown>)
      for (const c of rows.conflicts) insertConflict.run(c as unknown as Record<string, unknown>)
    }
    const start = performance.now()
    let components = 0
    let figures = 0
    for (const { component, dataset: componentDataset } of pending) {
      const rows = load.all<ComponentRow>({ component })
      const catalog = rows.length === 0 ? undefined : catalogs.get(rows[0]!.dataset)
      // No claims (re-keyed away by a catalog change) or no catalog: nothing to show for it any more.
      const computed = catalog === undefined ? [] : componentFigures(catalog, rows.map(claimFromRow), learned)
      store(component, computed)
      unmark.run({ component })
      counted.run({ component, dataset: componentDataset })
      components++
      figures += computed.length
      if (performance.now() - start >= TRANSACTION_MS) break
    }
    return { components, figures, left: staleCount(ctx, dataset) }
  })

/** The WHERE of a figures or conflicts query: the selection's event, metric and scope, as far as given. */
const whereCells = <O>(q: SelectQueryBuilder<Schema, "figures" | "conflicts", O>, cells: CellSelection) =>
  q.$if(cells.event !== undefined, (b) => b.where("event", "=", param("event")))
    .$if(cells.metric !== undefined, (b) => b.where("metric", "=", param("metric")))
    .$if(cells.scopeKey !== undefined, (b) => b.where("scope_key", "=", param("scopeKey")))

const cellParams = (cells: CellSelection) =>
  Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined))

/** Materialized figures, by cell, the latest valid time first. */
export const storedFigures = (ctx: SqliteContext, cells: CellSelection): StoredFigure[] =>
  prepare(ctx.sqlite, whereCells(ctx.db.selectFrom("figures").select(["detail_json", "event", "metric", "scope_key", "at_key"]), cells)
    .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key", "desc"))
    .all<{ detail_json: string; event: string; metric: string; scope_key: string; at_key: string }>(cellParams(cells))
    .map((r) => ({
      event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key,
      figure: JSON.parse(r.detail_json) as Omit<Figure, "explanation">,
    }))

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
