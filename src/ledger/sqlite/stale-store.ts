import { type Expression, type SqlBool, sql } from "kysely"
import type { ComponentPasses } from "../ledger.js"
import { param, prepare } from "./prepared.js"
import type { SqliteContext } from "./sqlite-context.js"

/**
 * The stale-components record (SPEC §5): every write that makes figures out of date marks their
 * components here inside its own transaction; `reconcileStale` removes a mark in the transaction
 * that replaces the component's figures. Call these inside a write transaction.
 */
export const markStale = (ctx: SqliteContext, components: Iterable<readonly [component: string, dataset: string]>, now: string): void => {
  const mark = prepare(ctx.sqlite, ctx.db.insertInto("stale_components")
    .values({ component: param("component"), dataset: param("dataset"), marked: param("now") })
    .onConflict((oc) => oc.column("component").doNothing()))
  const again = prepare(ctx.sqlite, ctx.db.updateTable("stale_components")
    .set((eb) => ({ generation: eb("generation", "+", 1) })).where("component", "=", param("component")))
  const counted = countPass(ctx, "marked")
  for (const [component, dataset] of components) {
    if (mark.run({ component, dataset, now }).changes > 0) counted.run({ component, dataset })
    else again.run({ component })
  }
}

/**
 * Counts a mark (a component made stale that was not) or a reconciliation of a component in
 * `component_passes`: with nothing stale, every component has been reconciled as often as marked.
 */
export const countPass = (ctx: SqliteContext, pass: "marked" | "reconciled") =>
  prepare(ctx.sqlite, ctx.db.insertInto("component_passes")
    .values({ component: param("component"), dataset: param("dataset"), marked: pass === "marked" ? 1 : 0, reconciled: pass === "reconciled" ? 1 : 0 })
    .onConflict((oc) => oc.column("component").doUpdateSet((eb) => ({ [pass]: eb(`component_passes.${pass}`, "+", 1) }))))

/** Marks every component that has claims (of one dataset) stale; returns how many are stale now. */
export const markAllStale = (ctx: SqliteContext, dataset: string | undefined, now: string): number => {
  // A WHERE clause is always there: SQLite needs one to tell `SELECT … ON CONFLICT` apart.
  markComponentsWhere(ctx, dataset === undefined ? sql<boolean>`1 = 1` : sql<boolean>`dataset = ${param("dataset")}`,
    { now, ...(dataset === undefined ? {} : { dataset }) })
  return staleCount(ctx, dataset)
}

/**
 * Marks stale the components of the claims `where` selects (`params` binds its markers and
 * `now`); the ones not stale yet are new marks, counted in component_passes first.
 */
const markComponentsWhere = (ctx: SqliteContext, where: Expression<SqlBool>, params: Record<string, unknown>): void => {
  prepare(ctx.sqlite, ctx.db.insertInto("component_passes").columns(["component", "dataset", "marked", "reconciled"])
    .expression(ctx.db.selectFrom("claims").select(["component", "dataset", sql<number>`1`.as("marked"), sql<number>`0`.as("reconciled")])
      .where(where).where("component", "not in", ctx.db.selectFrom("stale_components").select("component")).distinct())
    .onConflict((oc) => oc.column("component").doUpdateSet((eb) => ({ marked: eb("component_passes.marked", "+", 1) }))))
    .run(params)
  const select = ctx.db.selectFrom("claims").select(["component", "dataset", sql<string>`${param("now")}`.as("marked")]).where(where).distinct()
  prepare(ctx.sqlite, ctx.db.insertInto("stale_components").columns(["component", "dataset", "marked"]).expression(select)
    .onConflict((oc) => oc.column("component").doUpdateSet((eb) => ({ generation: eb("stale_components.generation", "+", 1) })))).run(params)
}

/** Sources per statement of `markSourcesStale` (well under any database's limit of bound parameters). */
export const SOURCES_PER_STATEMENT = 500

/**
 * Marks every component holding claims of these sources stale, in any dataset: a learned weight or
 * copy group is keyed by source id alone, so it changes figures wherever the source speaks.
 */
export const markSourcesStale = (ctx: SqliteContext, sources: readonly string[], now: string): void => {
  for (let i = 0; i < sources.length; i += SOURCES_PER_STATEMENT) {
    const chunk = sources.slice(i, i + SOURCES_PER_STATEMENT)
    const names = chunk.map((_, k) => `s${k}`)
    markComponentsWhere(ctx, sql<SqlBool>`source IN (${sql.join(names.map((n) => param(n)))})`,
      { now, ...Object.fromEntries(names.map((n, k) => [n, chunk[k]])) })
  }
}

export const staleCount = (ctx: SqliteContext, dataset: string | undefined): number =>
  prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select((eb) => eb.fn.countAll<number>().as("n"))
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset"))))
    .get<{ n: number }>(dataset === undefined ? {} : { dataset })!.n

/** Marks and reconciliations counted per component, by component. */
export const componentPasses = (ctx: SqliteContext): ComponentPasses[] =>
  prepare(ctx.sqlite, ctx.db.selectFrom("component_passes").select(["component", "marked", "reconciled"]).orderBy("component")).all<ComponentPasses>()
