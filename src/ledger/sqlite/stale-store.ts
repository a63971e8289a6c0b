import { sql } from "kysely"
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
  for (const [component, dataset] of components) mark.run({ component, dataset, now })
}

/** Marks every component that has claims (of one dataset) stale; returns how many are stale now. */
export const markAllStale = (ctx: SqliteContext, dataset: string | undefined, now: string): number => {
  // A WHERE clause is always there: SQLite needs one to tell `SELECT … ON CONFLICT` apart.
  const select = ctx.db.selectFrom("claims")
    .select(["component", "dataset", sql<string>`${param("now")}`.as("marked")])
    .where(dataset === undefined ? sql<boolean>`1 = 1` : sql<boolean>`dataset = ${param("dataset")}`)
    .distinct()
  prepare(ctx.sqlite, ctx.db.insertInto("stale_components").columns(["component", "dataset", "marked"]).expression(select)
    .onConflict((oc) => oc.column("component").doNothing())).run({ now, ...(dataset === undefined ? {} : { dataset }) })
  return staleCount(ctx, dataset)
}

/** Sources per statement of `markSourcesStale` (well under any database's limit of bound parameters). */
const SOURCES_PER_STATEMENT = 500

/**
 * Marks every component holding claims of these sources stale, in any dataset: a learned weight or
 * copy group is keyed by source id alone, so it changes figures wherever the source speaks.
 */
export const markSourcesStale = (ctx: SqliteContext, sources: readonly string[], now: string): void => {
  for (let i = 0; i < sources.length; i += SOURCES_PER_STATEMENT) {
    const chunk = sources.slice(i, i + SOURCES_PER_STATEMENT)
    const names = chunk.map((_, k) => `s${k}`)
    const select = ctx.db.selectFrom("claims")
      .select(["component", "dataset", sql<string>`${param("now")}`.as("marked")])
      .where("source", "in", names.map((n) => param(n)))
      .distinct()
    prepare(ctx.sqlite, ctx.db.insertInto("stale_components").columns(["component", "dataset", "marked"]).expression(select)
      .onConflict((oc) => oc.column("component").doNothing())).run({ now, ...Object.fromEntries(names.map((n, k) => [n, chunk[k]])) })
  }
}

export const staleCount = (ctx: SqliteContext, dataset: string | undefined): number =>
  prepare(ctx.sqlite, ctx.db.selectFrom("stale_components").select((eb) => eb.fn.countAll<number>().as("n"))
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset"))))
    .get<{ n: number }>(dataset === undefined ? {} : { dataset })!.n
