import { sql } from "kysely"
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
  const counted = countPass(ctx, "marked")
  for (const [component, dataset] of components) if (mark.run({ component, dataset, now }).changes > 0) counted.run({ component, dataset })
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
  const inDataset = dataset === undefined ? sql<boolean>`1 = 1` : sql<boolean>`dataset = ${param("dataset")}`
  // The components not stale yet are the new marks: counted before they are marked.
  prepare(ctx.sqlite, ctx.db.insertInto("component_passes").columns(["component", "dataset", "marked", "reconciled"])
    .expression(ctx.db.selectFrom("claims").select(["component", "dataset", sql<number>`1`.as("marked"), sql<number>`0`.as("reconciled")])
      .where(inDataset).where("component", "not in", ctx.db.selectFrom("stale_components").select("component")).distinct())
    .onConflict((oc) => oc.column("component").doUpdateSet((eb) => ({ marked: eb("component_passes.marked", "+", 1) }))))
    .run(dataset === undefined ? {} : { dataset })
  const select = ctx.db.selectFrom("claims")
    .select(["component", "dataset", sql<string>`${param("now")}`.as("marked")])
    .where(inDataset)
    .distinct()
  prepare(ctx.sqlite, ctx.db.insertInto("stale_components").columns(["component", "dataset", "marked"]).expression(select)
    .onConflict((oc) => oc.column("component").doNothing())).run({ now, ...(dataset === undefined ? {} : { dataset }) })
  return staleCount(ctx, dataset)
}

export const staleCount = (ctx: SqliteContext, dataset: string | undefined): number =>
  prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select((eb) => eb.fn.countAll<number>().as("n"))
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset"))))
    .get<{ n: number }>(dataset === undefined ? {} : { dataset })!.n

/** Marks and reconciliations counted per component, by component. */
export const componentPasses = (ctx: SqliteContext): ComponentPasses[] =>
  prepare(ctx.sqlite, ctx.db.selectFrom("component_passes").select(["component", "marked", "reconciled"]).orderBy("component")).all<ComponentPasses>()
