import type { Catalog, EventDef } from "../domain/catalog.js"
import type { EventRow } from "./catalog-events-query.js"
import { canonicalCopy, canonicalHashOfParts } from "./content-hash.js"

/**
 * Parsed catalogs by content hash. A catalog of many events is megabytes, and the incremental path
 * (one new claim, its component reconciled) and queries ask for it every time; the same object
 * also keeps the core's per-catalog caches (relations, metric groups) warm.
 */
const parsedCatalogs = new Map<string, Catalog>()
const engineCatalogs = new Map<string, Catalog>()

/** Caches stay small: a process that meets more catalogs than this starts again. */
const MAX_CACHED = 64

const remember = (cache: Map<string, Catalog>, hash: string, catalog: Catalog): Catalog => {
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(hash, catalog)
  return catalog
}

/** A catalog as a store keeps it (`catalogForStore`). */
export interface StoredCatalog {
  /** The canonical JSON of the catalog without its events (`"events":[]`): they are rows of their own. */
  readonly json: string
  /** The content hash of the whole catalog, events included (`canonicalHash("catalog", canonicalJson(catalog))`). */
  readonly hash: string
  /** Its events, in order, as they read back. */
  readonly events: readonly EventDef[]
}

/** Events per piece of the streamed hash: one hash update per piece, no string of all of them. */
const EVENTS_PER_PIECE = 1000

/** The canonical JSON of `copy` (a canonical copy), in pieces: its events a thousand at a time. */
function* canonicalPieces(copy: Catalog): Generator<string> {
  yield "{"
  let first = true
  for (const [key, value] of Object.entries(copy)) {
    yield `${first ? "" : ","}${JSON.stringify(key)}:`
    first = false
    if (key !== "events") {
      yield JSON.stringify(value)
      continue
    }
    yield "["
    for (let i = 0; i < copy.events.length; i += EVENTS_PER_PIECE) {
      yield `${i > 0 ? "," : ""}${copy.events.slice(i, i + EVENTS_PER_PIECE).map((e) => JSON.stringify(e)).join(",")}`
    }
    yield "]"
  }
  yield "}"
}

/**
 * A catalog as a store keeps it: its JSON without the events (stored as rows, with their places),
 * and the hash of the whole. The catalog is remembered under that hash as the store reads it back,
 * so the ingest that registers a big catalog does not read it again straight after. A 100k-event
 * catalog was 7.6 MB of JSON, bound, copied and stored whole, and parsed again after.
 */
export const catalogForStore = (catalog: Catalog): StoredCatalog => {
  const copy = canonicalCopy(catalog) as Catalog
  const hash = canonicalHashOfParts("catalog", canonicalPieces(copy))
  if (!parsedCatalogs.has(hash)) remember(parsedCatalogs, hash, copy)
  return { json: JSON.stringify({ ...copy, events: [] }), hash, events: copy.events }
}

/** An event as `catalogForStore` gave it, from its row (keys in canonical order). */
export const eventFromRow = (r: EventRow): EventDef =>
  ({ ...(r.date !== null ? { date: r.date } : {}), id: r.id, ...(r.title !== null ? { title: r.title } : {}) })

/**
 * The catalog stored under `hash`, parsed once per process: `json` is read only on a miss, and
 * `events` (its rows, in order) only when the JSON holds none, as since migration 0011 (a catalog
 * stored before keeps its events in its JSON).
 */
export const cachedCatalog = (hash: string, json: () => string, events: () => readonly EventDef[]): Catalog => {
  const hit = parsedCatalogs.get(hash)
  if (hit) return hit
  const parsed = JSON.parse(json()) as Catalog
  return remember(parsedCatalogs, hash, parsed.events.length > 0 ? parsed : { ...parsed, events: events() })
}

/**
 * Whether the catalog stored under `hash` is parsed already (an asynchronous store reads its JSON
 * only when not); for `engine`, whether `cachedEngineCatalog` can give it without its JSON.
 */
export const hasCachedCatalog = (hash: string, engine = false): boolean => parsedCatalogs.has(hash) || (engine && engineCatalogs.has(hash))

/**
 * The catalog stored under `hash` as reconciliation and queries read it: without its events. The
 * core never reads them (a claim names its event; the catalog's relations, metrics and weights are
 * what it uses), and they are most of a big catalog: 46k events are ~10 MB of heap in every
 * reconciling thread. Parsed once per process, like `cachedCatalog`, whose parse it reuses when it
 * has one.
 */
export const cachedEngineCatalog = (hash: string, json: () => string): Catalog => {
  const hit = engineCatalogs.get(hash)
  if (hit) return hit
  return remember(engineCatalogs, hash, { ...(parsedCatalogs.get(hash) ?? (JSON.parse(json()) as Catalog)), events: [] })
}
