import type { SelectQueryBuilder } from "kysely"
import type { Claim } from "../../domain/claim.js"
import type { Figure } from "../../domain/figure.js"
import { scopeKey } from "../../domain/scope.js"
import { CLAIM_CORE_COLUMNS, type ClaimCoreRow, claimFromRow } from "../claim-from-row.js"
import { componentFigures, storedFigureJson } from "../component-figures.js"
import { canonicalJson } from "../content-hash.js"
import type { CellSelection, StoredConflict, StoredFigure } from "../ledger-rows.js"
import type { Schema } from "../schema.js"
import { loadCatalogs } from "./catalog-store.js"
import { param, prepare } from "./prepared.js"
import { renewProcessLease } from "./process-store.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { staleCount } from "./stale-store.js"

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
    const pending = prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select("component")
      .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset")))
      .orderBy("component").limit(PENDING_PER_TRANSACTION))
      .all<{ component: string }>(dataset === undefined ? {} : { dataset })
    const load = componentClaims(ctx)
    const unmark = prepare(ctx.sqlite, ctx.db.deleteFrom("stale_components").where("component", "=", param("component")))
    const deleteFigures = prepare(ctx.sqlite, ctx.db.deleteFrom("figures").where("component", "=", param("component")))
    const deleteConflicts = prepare(ctx.sqlite, ctx.db.deleteFrom("conflicts").where("component", "=", param("component")))
    const figureColumns = ["component", "event", "metric", "scope_key", "scope_json", "at_key", "status", "lo", "hi", "has_range", "best",
      "voices", "heuristic", "detail_json", "computed"] as const
    const insertFigure = prepare(ctx.sqlite, ctx.db.insertInto("figures").values(Object.fromEntries(figureColumns.map((c) => [c, param(c)])) as never)
      .onConflict((oc) => oc.columns(["event", "metric", "scope_key", "at_key"]).doUpdateSet((eb) =>
        Object.fromEntries(figureColumns.map((c) => [c, eb.ref(`excluded.${c}`)])) as never)))
    const conflictColumns = ["component", "event", "metric", "scope_key", "at_key", "kind", "claims_json", "against_json", "reason"] as const
    const insertConflict = prepare(ctx.sqlite, ctx.db.insertInto("conflicts").values(Object.fromEntries(conflictColumns.map((c) => [c, param(c)])) as never))
    const store = (component: string, figures: readonly Figure[]) => {
      deleteFigures.run({ component })
      deleteConflicts.run({ component })
      for (const f of figures) {
        const key = scopeKey(f.scope)
        const atKey = f.at ?? ""
        insertFigure.run({
          component, event: f.event, metric: f.metric, scope_key: key, scope_json: canonicalJson(f.scope), at_key: atKey, status: f.status,
          lo: f.range?.lo ?? null, hi: f.range?.hi ?? null, has_range: f.range ? 1 : 0, best: f.best, voices: f.voices, heuristic: f.heuristic,
          detail_json: storedFigureJson(f), computed: now,
        })
        for (const c of f.conflicts) {
          insertConflict.run({
            component, event: f.event, metric: f.metric, scope_key: key, at_key: atKey, kind: c.kind,
            claims_json: JSON.stringify(c.claims), against_json: JSON.stringify(c.against), reason: c.reason,
          })
        }
      }
    }
    const start = performance.now()
    let components = 0
    let figures = 0
    for (const { component } of pending) {
      const rows = load.all<ComponentRow>({ component })
      const catalog = rows.length === 0 ? undefined : catalogs.get(rows[0]!.dataset)
      // No claims (re-keyed away by a catalog change) or no catalog: nothing to show for it any more.
      const computed = catalog === undefined ? [] : componentFigures(catalog, rows.map(claimFromRow), learned)
      store(component, computed)
      unmark.run({ component })
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
    .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key").orderBy("kind").orderBy("claims_json"))
    .all<Schema["conflicts"]>(cellParams(cells))
    .map((r) => ({
      event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key, kind: r.kind,
      claims: JSON.parse(r.claims_json) as string[], against: JSON.parse(r.against_json) as string[], reason: r.reason,
    }))
