import type { Insertable } from "kysely"
import type { Catalog } from "../../domain/catalog.js"
import { componentKey } from "../../domain/component-key.js"
import type { DeclaredNames } from "../../domain/vocabulary.js"
import { cachedCatalog, cachedEngineCatalog, catalogForStore, eventFromRow, hasCachedCatalog } from "../catalog-cache.js"
import { catalogEventsQuery, type EventRow } from "../catalog-events-query.js"
import { declaredNamesQueries } from "../declared-names-queries.js"
import type { RegisterResult } from "../ledger.js"
import type { Schema } from "../schema.js"
import { ledgerLock, type Pg, type PgContext } from "./pg-context.js"
import { markAllStale, markStale } from "./stale-store.js"

const catalogJson = async (pg: Pg, name: string): Promise<string> =>
  (await pg.first<{ catalog_json: string }>(pg.db.selectFrom("datasets").select("catalog_json").where("name", "=", name)))!.catalog_json

/**
 * Every catalog registered in the ledger, in registration order (each parsed once per process);
 * as reconciliation reads them (`cachedEngineCatalog`: without their events) when `engine`.
 */
export const loadCatalogs = async (pg: Pg, engine = false): Promise<Catalog[]> => {
  const rows = await pg.rows<{ name: string; catalog_hash: string }>(pg.db.selectFrom("datasets").select(["name", "catalog_hash"])
    .orderBy("registered_at").orderBy("name"))
  const out: Catalog[] = []
  for (const r of rows) out.push(await catalogOf(pg, r.name, r.catalog_hash, engine))
  return out
}

/** A catalog by its hash, parsed once per process: its JSON and events are fetched only when not parsed yet. */
const catalogOf = async (pg: Pg, name: string, hash: string, engine = false): Promise<Catalog> => {
  if (engine) {
    const json = hasCachedCatalog(hash, true) ? "" : await catalogJson(pg, name)
    return cachedEngineCatalog(hash, () => json)
  }
  if (hasCachedCatalog(hash)) return cachedCatalog(hash, () => "", () => [])
  const json = await catalogJson(pg, name)
  const events = (await pg.rows<EventRow>(catalogEventsQuery(pg.db, name))).map(eventFromRow)
  return cachedCatalog(hash, () => json, () => events)
}

/** The catalog an event is reconciled under, as reconciliation reads it (without its events), or null when the event is unknown. */
export const catalogOfEvent = async (pg: Pg, event: string): Promise<Catalog | null> => {
  const row = await pg.first<{ name: string; catalog_hash: string }>(pg.db.selectFrom("events").innerJoin("datasets", "datasets.name", "events.dataset")
    .select(["datasets.name", "datasets.catalog_hash"]).where("events.id", "=", event))
  return row ? catalogOf(pg, row.name, row.catalog_hash, true) : null
}

/** The names the catalogs declare, from the catalog tables (`Ledger.declaredNames`). */
export const declaredNames = async (pg: Pg, events?: readonly string[]): Promise<DeclaredNames> => {
  const q = declaredNamesQueries(pg.db, events)
  const names = async (query: Parameters<Pg["rows"]>[0]) => (await pg.rows<{ name: string }>(query)).map((r) => r.name)
  return {
    datasets: await names(q.datasets), events: await names(q.events), metrics: await names(q.metrics), dimensions: await names(q.dimensions),
    sources: await pg.rows<{ id: string; alias: string | null }>(q.sources),
    dimensionValues: await pg.rows<{ dimension: string; value: string }>(q.dimensionValues),
  }
}

const storedHash = async (pg: Pg, name: string): Promise<string | undefined> =>
  (await pg.first<{ catalog_hash: string }>(pg.db.selectFrom("datasets").select("catalog_hash").where("name", "=", name)))?.catalog_hash

/** Rows per multi-row insert of catalog tables (a catalog may have thousands of dimension values). */
const ROWS_PER_INSERT = 1000

const insertAll = async <T extends "sources" | "source_aliases" | "events" | "metrics" | "metric_parts" | "dimensions" | "dimension_values">(
  pg: Pg, table: T, rows: readonly Insertable<Schema[T]>[],
): Promise<void> => {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await pg.exec(pg.db.insertInto(table).values(rows.slice(i, i + ROWS_PER_INSERT) as never))
}

/**
 * Gives the claims of `catalog` the component keys it implies now and marks the old and new
 * components stale. Only the derived `component` column changes.
 */
const rekeyClaims = async (pg: Pg, catalog: Catalog, now: string): Promise<void> => {
  const dataset = catalog.name
  const keys = await pg.rows<{ event: string; metric: string; component: string }>(pg.db.selectFrom("claims")
    .select(["event", "metric", "component"]).where("dataset", "=", dataset).distinct())
  const moved: [string, string][] = []
  for (const k of keys) {
    const to = componentKey(catalog, k.event, k.metric)
    if (to === k.component) continue
    await pg.exec(pg.db.updateTable("claims").set({ component: to })
      .where("dataset", "=", dataset).where("event", "=", k.event).where("metric", "=", k.metric))
    moved.push([k.component, dataset], [to, dataset])
  }
  await markStale(pg, new Map(moved), now)
}

/**
 * Stores a dataset's catalog, as JSON without its events and spread over readable tables, as on SQLite. Registrations
 * take turns (an advisory lock), so two processes bringing the same new catalog at once store it
 * once; a changed catalog re-keys its claims and marks every component of the dataset stale in
 * the same transaction. An event already owned by another dataset is refused.
 */
export const registerCatalog = async (pg: Pg, ctx: PgContext, catalog: Catalog, folder: string | null, now: string): Promise<RegisterResult> => {
  const name = catalog.name
  await ledgerLock(pg, ctx, "catalog")
  const problems: string[] = []
  const owners = new Map((await pg.rows<{ id: string; dataset: string }>(pg.db.selectFrom("events").select(["id", "dataset"])
    .where("id", "in", catalog.events.length === 0 ? [""] : catalog.events.map((e) => e.id)))).map((r) => [r.id, r.dataset]))
  for (const e of catalog.events) {
    const owner = owners.get(e.id)
    if (owner !== undefined && owner !== name) problems.push(`event "${e.id}" is already declared by dataset "${owner}"`)
  }
  if (problems.length > 0) return { ok: false, problems }
  const { json, hash, events } = catalogForStore(catalog)
  const existing = await storedHash(pg, name)
  if (existing === hash) return { ok: true, changed: false, isNew: false, stale: 0 }
  for (const t of ["events", "metrics", "metric_parts", "dimensions", "dimension_values", "sources", "source_aliases"] as const) {
    await pg.exec(pg.db.deleteFrom(t).where("dataset", "=", name))
  }
  await pg.exec(pg.db.insertInto("datasets").values({
    name, title: catalog.title ?? null, path: folder, catalog_json: json, catalog_hash: hash, registered_at: now,
  }).onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({
    title: eb.ref("excluded.title"), path: eb.ref("excluded.path"), catalog_json: eb.ref("excluded.catalog_json"), catalog_hash: eb.ref("excluded.catalog_hash"),
  }))))
  // Sources are per dataset: another dataset's source of the same id keeps its own row.
  await insertAll(pg, "sources", catalog.sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind, side: s.side ?? null, weight: s.weight, dataset: name })))
  await insertAll(pg, "source_aliases", catalog.sources.flatMap((s) => s.aliases.map((alias) => ({ dataset: name, alias, source_id: s.id }))))
  await insertAll(pg, "events", events.map((e, position) => ({ id: e.id, title: e.title ?? null, date: e.date ?? null, dataset: name, position })))
  await insertAll(pg, "metrics", catalog.metrics.map((m) => ({
    dataset: name, id: m.id, unit: m.unit ?? null, kind: m.kind, exhaustive: m.exhaustive ? 1 : 0, cumulative: m.cumulative ? 1 : 0, approx: m.approx ?? null,
  })))
  await insertAll(pg, "metric_parts", catalog.metrics.flatMap((m) => m.parts.map((p, position) => ({ dataset: name, metric_id: m.id, part_id: p, position }))))
  await insertAll(pg, "dimensions", catalog.dimensions.map((d) => ({ dataset: name, id: d.id, exhaustive: d.exhaustive ? 1 : 0 })))
  await insertAll(pg, "dimension_values", catalog.dimensions.flatMap((d) => d.values.map((v) => ({
    dataset: name, dimension_id: d.id, value_id: v.id, parent_id: v.parent ?? null, title: v.title ?? null,
  }))))
  if (existing === undefined) return { ok: true, changed: true, isNew: true, stale: 0 }
  // Relations, weights or groups may have changed: every figure of the dataset is reconciled again.
  await rekeyClaims(pg, catalog, now)
  return { ok: true, changed: true, isNew: false, stale: await markAllStale(pg, name, now) }
}

/** The stored hash of a dataset's catalog, read without a lock (the common case: the same catalog again). */
export const catalogUnchanged = async (pg: Pg, catalog: Catalog): Promise<boolean> =>
  (await storedHash(pg, catalog.name)) === catalogForStore(catalog).hash
