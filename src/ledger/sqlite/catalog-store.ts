import type { Compilable } from "kysely"
import type { Catalog } from "../../domain/catalog.js"
import { componentKey } from "../../domain/component-key.js"
import type { DeclaredNames } from "../../domain/vocabulary.js"
import { cachedCatalog, cachedEngineCatalog, catalogForStore, eventFromRow, type StoredCatalog } from "../catalog-cache.js"
import { catalogEventsQuery, type EventRow } from "../catalog-events-query.js"
import { declaredNamesQueries } from "../declared-names-queries.js"
import type { RegisterResult } from "../ledger.js"
import { withBulkCache } from "./open-sqlite.js"
import { param, prepare } from "./prepared.js"
import { readTransaction, type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { markAllStale, markStale } from "./stale-store.js"

/** A dataset's stored catalog JSON, and its event rows in their catalog's order. */
const storedForm = (ctx: SqliteContext) => {
  const json = prepare(ctx.sqlite, ctx.db.selectFrom("datasets").select("catalog_json").where("name", "=", param("name")))
  const events = prepare(ctx.sqlite, catalogEventsQuery(ctx.db, param("name")))
  return {
    json: (name: string) => () => json.get<{ catalog_json: string }>({ name })!.catalog_json,
    events: (name: string) => () => events.all<EventRow>({ name }).map(eventFromRow),
  }
}

/**
 * Every catalog registered in the ledger, in registration order; as reconciliation reads them
 * (`cachedEngineCatalog`: without their events) when `engine`.
 */
export const loadCatalogs = (ctx: SqliteContext, engine = false): Catalog[] => {
  const stored = storedForm(ctx)
  return prepare(ctx.sqlite, ctx.db.selectFrom("datasets").select(["name", "catalog_hash"]).orderBy("registered_at").orderBy("name"))
    .all<{ name: string; catalog_hash: string }>()
    .map((r) => engine
      ? cachedEngineCatalog(r.catalog_hash, stored.json(r.name))
      : cachedCatalog(r.catalog_hash, stored.json(r.name), stored.events(r.name)))
}

/**
 * The catalog an event is reconciled under, as reconciliation reads it (without its events): the
 * dataset declaring it, else (an `open_events` catalog's undeclared event) the dataset of its
 * claims; null when the event is unknown.
 */
export const catalogOfEvent = (ctx: SqliteContext, event: string): Catalog | null => {
  const row = prepare(ctx.sqlite, ctx.db.selectFrom("events").innerJoin("datasets", "datasets.name", "events.dataset")
    .select(["datasets.name", "datasets.catalog_hash"]).where("events.id", "=", param("event")))
    .get<{ name: string; catalog_hash: string }>({ event })
    ?? prepare(ctx.sqlite, ctx.db.selectFrom("claims").innerJoin("datasets", "datasets.name", "claims.dataset")
      .select(["datasets.name", "datasets.catalog_hash"]).where("claims.event", "=", param("event")).limit(1))
      .get<{ name: string; catalog_hash: string }>({ event })
  return row ? cachedEngineCatalog(row.catalog_hash, storedForm(ctx).json(row.name)) : null
}

const storedHash = (ctx: SqliteContext, name: string): string | undefined =>
  prepare(ctx.sqlite, ctx.db.selectFrom("datasets").select("catalog_hash").where("name", "=", param("name")))
    .get<{ catalog_hash: string }>({ name })?.catalog_hash

/**
 * Gives the claims of `catalog` the component keys it implies now (new `parts` join metric
 * groups, removed ones split them) and marks the old and new components stale. Only the derived
 * `component` column changes: claims themselves stay as they were stored.
 */
const rekeyClaims = (ctx: SqliteContext, catalog: Catalog, now: string): void => {
  const dataset = catalog.name
  const keys = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["event", "metric", "component"])
    .where("dataset", "=", param("dataset")).distinct())
    .all<{ event: string; metric: string; component: string }>({ dataset })
  const rekey = prepare(ctx.sqlite, ctx.db.updateTable("claims").set({ component: param("to") })
    .where("dataset", "=", param("dataset")).where("event", "=", param("event")).where("metric", "=", param("metric")))
  const moved: [string, string][] = []
  for (const k of keys) {
    const to = componentKey(catalog, k.event, k.metric)
    if (to === k.component) continue
    rekey.run({ to, dataset, event: k.event, metric: k.metric })
    moved.push([k.component, dataset], [to, dataset])
  }
  markStale(ctx, moved, now)
}

/** The rows of a catalog, in place of the dataset's rows before (in the caller's transaction). */
const writeCatalogRows = (ctx: SqliteContext, c: StoredCatalog & { catalog: Catalog; folder: string | null; now: string }): void => {
  const { catalog, events } = c
  const name = catalog.name
  for (const t of ["events", "metrics", "metric_parts", "dimensions", "dimension_values", "sources", "source_aliases"] as const) {
    prepare(ctx.sqlite, ctx.db.deleteFrom(t).where("dataset", "=", param("dataset"))).run({ dataset: name })
  }
  prepare(ctx.sqlite, ctx.db.insertInto("datasets").values({
    name: param("name"), title: param("title"), path: param("path"), catalog_json: param("json"), catalog_hash: param("hash"), registered_at: param("now"),
  }).onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({
    title: eb.ref("excluded.title"), path: eb.ref("excluded.path"), catalog_json: eb.ref("excluded.catalog_json"), catalog_hash: eb.ref("excluded.catalog_hash"),
  })))).run({ name, title: catalog.title ?? null, path: c.folder, json: c.json, hash: c.hash, now: c.now })
  // Sources are per dataset: another dataset's source of the same id keeps its own row.
  const source = prepare(ctx.sqlite, ctx.db.insertInto("sources").values({
    id: param("id"), name: param("name"), kind: param("kind"), side: param("side"), weight: param<number>("weight"), dataset: param("dataset"),
  }))
  const alias = prepare(ctx.sqlite, ctx.db.insertInto("source_aliases").values({ dataset: param("dataset"), alias: param("alias"), source_id: param("id") }))
  for (const s of catalog.sources) {
    source.run({ id: s.id, name: s.name, kind: s.kind, side: s.side ?? null, weight: s.weight, dataset: name })
    for (const a of s.aliases) alias.run({ dataset: name, alias: a, id: s.id })
  }
  const event = prepare(ctx.sqlite, ctx.db.insertInto("events").values({
    id: param("id"), title: param("title"), date: param("date"), dataset: param("dataset"), position: param<number>("position"),
  }))
  events.forEach((e, position) => event.run({ id: e.id, title: e.title ?? null, date: e.date ?? null, dataset: name, position }))
  const metric = prepare(ctx.sqlite, ctx.db.insertInto("metrics").values({
    dataset: param("dataset"), id: param("id"), unit: param("unit"), kind: param("kind"),
    exhaustive: param<number>("exhaustive"), cumulative: param<number>("cumulative"), approx: param<number>("approx"),
  }))
  const part = prepare(ctx.sqlite, ctx.db.insertInto("metric_parts").values({
    dataset: param("dataset"), metric_id: param("metric"), part_id: param("part"), position: param<number>("position"),
  }))
  for (const m of catalog.metrics) {
    metric.run({ dataset: name, id: m.id, unit: m.unit ?? null, kind: m.kind, exhaustive: m.exhaustive, cumulative: m.cumulative, approx: m.approx ?? null })
    m.parts.forEach((p, position) => part.run({ dataset: name, metric: m.id, part: p, position }))
  }
  const dim = prepare(ctx.sqlite, ctx.db.insertInto("dimensions").values({ dataset: param("dataset"), id: param("id"), exhaustive: param<number>("exhaustive") }))
  const value = prepare(ctx.sqlite, ctx.db.insertInto("dimension_values").values({
    dataset: param("dataset"), dimension_id: param("dimension"), value_id: param("value"), parent_id: param("parent"), title: param("title"),
  }))
  for (const d of catalog.dimensions) {
    dim.run({ dataset: name, id: d.id, exhaustive: d.exhaustive })
    for (const v of d.values) value.run({ dataset: name, dimension: d.id, value: v.id, parent: v.parent ?? null, title: v.title ?? null })
  }
}

/**
 * Stores a dataset's catalog: as JSON without its events (what the engine reads), and spread over
 * readable tables (sources, events with their places, metrics, parts, dimensions), which give the
 * events back and serve people querying the ledger (`catalogForStore`). A catalog
 * may change between ingests (a new source, a corrected weight, new parts); then its claims are
 * re-keyed and every component of the dataset is marked stale, in the same transaction. An event
 * already owned by another dataset is refused, since an event's claims are reconciled under one
 * catalog.
 */
export const registerCatalog = (ctx: SqliteContext, catalog: Catalog, folder: string | null, now: string): RegisterResult => {
  const { json, hash, events } = catalogForStore(catalog)
  // The common case, the same catalog again, needs no write lock.
  if (storedHash(ctx, catalog.name) === hash) return { ok: true, changed: false, isNew: false, stale: 0 }
  return writeTransaction(ctx, (): RegisterResult => {
    const name = catalog.name
    const owner = prepare(ctx.sqlite, ctx.db.selectFrom("events").select("dataset").where("id", "=", param("id")))
    const problems: string[] = []
    // an event another dataset holds claims of without declaring it (open_events) is its too
    const claimedBy = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select("dataset")
      .where("event", "=", param("id")).where("dataset", "!=", param("dataset")).limit(1))
    for (const e of catalog.events) {
      const row = owner.get<{ dataset: string }>({ id: e.id })
      if (row && row.dataset !== name) problems.push(`event "${e.id}" is already declared by dataset "${row.dataset}"`)
      const used = row ? undefined : claimedBy.get<{ dataset: string }>({ id: e.id, dataset: name })
      if (used) problems.push(`event "${e.id}" already has claims of dataset "${used.dataset}" (which takes any event)`)
    }
    if (problems.length > 0) return { ok: false, problems }
    const existing = storedHash(ctx, name)
    if (existing === hash) return { ok: true, changed: false, isNew: false, stale: 0 }
    withBulkCache(ctx.sqlite, () => writeCatalogRows(ctx, { catalog, folder, json, hash, events, now }))
    if (existing === undefined) return { ok: true, changed: true, isNew: true, stale: 0 }
    // Relations, weights or groups may have changed: every figure of the dataset is reconciled again.
    rekeyClaims(ctx, catalog, now)
    return { ok: true, changed: true, isNew: false, stale: markAllStale(ctx, name, now) }
  })
}

/** The names the catalogs declare, from the catalog tables, in one snapshot (`Ledger.declaredNames`). */
export const declaredNames = (ctx: SqliteContext, events?: readonly string[]): DeclaredNames =>
  readTransaction(ctx, () => {
    const q = declaredNamesQueries(ctx.db, events)
    const names = (query: Compilable) => prepare(ctx.sqlite, query).rawAll<[string]>().map((r) => r[0])
    return {
      datasets: names(q.datasets), events: names(q.events), metrics: names(q.metrics), dimensions: names(q.dimensions),
      sources: prepare(ctx.sqlite, q.sources).all<{ id: string; alias: string | null }>(),
      dimensionValues: prepare(ctx.sqlite, q.dimensionValues).all<{ dimension: string; value: string }>(),
    }
  })
