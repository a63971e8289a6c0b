import type { Catalog, DimensionDef, EventDef, MetricDef, SourceDef, SourceKind } from "../domain/catalog.js"
import { CONTROL_CHARACTERS } from "./catalog-schema.js"

/** A catalog document the fast path does not take: zod reads it, and tells what is wrong. */
const NO = null

type Doc = Record<string, unknown>

const SOURCE_KINDS: ReadonlySet<string> = new Set<SourceKind>([
  "official", "military", "intelligence", "imagery", "osint", "media", "analyst", "academic", "ngo", "website", "unknown",
])
const ISO_DAY = /^\d{4}-\d{2}-\d{2}/

const isDoc = (v: unknown): v is Doc => v !== null && typeof v === "object" && !Array.isArray(v)
/** An id exactly as the schema leaves it: a string that trimming does not change, not empty, printable. */
const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.trim() === v && !CONTROL_CHARACTERS.test(v)
const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.every(isId)
/** Only these keys, each of them (when present) passing its check. */
const fields = (o: Doc, checks: Readonly<Record<string, (v: unknown) => boolean>>): boolean => {
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue
    const check = Object.prototype.hasOwnProperty.call(checks, k) ? checks[k] : undefined
    if (check === undefined || !check(o[k])) return false
  }
  return Object.getPrototypeOf(o) === Object.prototype || Object.getPrototypeOf(o) === null
}
const str = (v: unknown): boolean => typeof v === "string"
const bool = (v: unknown): boolean => typeof v === "boolean"
const list = (v: unknown): boolean => Array.isArray(v)
const has = (o: Doc, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

const ROOT = { name: isId, title: str, description: str, open_events: bool, events: list, sources: list, metrics: list, dimensions: list }
const EVENT = { id: isId, title: str, date: (v: unknown) => typeof v === "string" && ISO_DAY.test(v), note: str }
const SOURCE = {
  id: isId, name: str, aliases: isIds, kind: (v: unknown) => typeof v === "string" && SOURCE_KINDS.has(v), side: str,
  weight: (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0, url: str, note: str,
}
const METRIC = {
  id: isId, title: str, unit: str, kind: (v: unknown) => v === "count" || v === "real", parts: isIds, exhaustive: bool, cumulative: bool,
  approx: (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0, words: isIds, note: str,
}
const DIMENSION = { id: isId, title: str, exhaustive: bool, values: list }
const VALUE = { id: isId, parent: isId, title: str, aliases: isIds }

/**
 * The catalog of a document in the shape every big catalog has, checked and defaulted by hand
 * exactly as `catalogSchema` would, without zod's copies of a 100,000-event list: or null for
 * anything else (a field zod would trim or convert, `vague` words, any mistake), which zod then
 * reads, so that every problem is still told zod's way. Equal to the schema's result wherever it
 * gives one (a property test holds it to that).
 */
export const fastCatalog = (doc: unknown): Catalog | null => {
  if (!isDoc(doc) || !fields(doc, ROOT) || !has(doc, "name")) return NO
  const events: EventDef[] = []
  for (const e of (doc["events"] ?? []) as unknown[]) {
    if (!isDoc(e) || !fields(e, EVENT) || !has(e, "id")) return NO
    events.push({
      id: e["id"] as string,
      ...(e["title"] !== undefined ? { title: e["title"] as string } : {}),
      ...(e["date"] !== undefined ? { date: e["date"] as string } : {}),
    })
  }
  const sources: SourceDef[] = []
  for (const s of (doc["sources"] ?? []) as unknown[]) {
    if (!isDoc(s) || !fields(s, SOURCE) || !has(s, "id")) return NO
    sources.push({
      id: s["id"] as string, name: (s["name"] ?? s["id"]) as string, aliases: (s["aliases"] ?? []) as string[],
      kind: (s["kind"] ?? "unknown") as SourceKind, weight: (s["weight"] ?? 1) as number,
      ...(s["side"] !== undefined ? { side: s["side"] as string } : {}),
    })
  }
  const metrics: MetricDef[] = []
  for (const m of (doc["metrics"] ?? []) as unknown[]) {
    if (!isDoc(m) || !fields(m, METRIC) || !has(m, "id")) return NO
    metrics.push({
      id: m["id"] as string, kind: (m["kind"] ?? "count") as MetricDef["kind"], parts: (m["parts"] ?? []) as string[],
      exhaustive: (m["exhaustive"] ?? false) as boolean, cumulative: (m["cumulative"] ?? false) as boolean,
      ...(m["unit"] !== undefined ? { unit: m["unit"] as string } : {}),
      ...(m["approx"] !== undefined ? { approx: m["approx"] as number } : {}),
      ...(m["words"] !== undefined ? { words: m["words"] as string[] } : {}),
    })
  }
  const dimensions: DimensionDef[] = []
  for (const d of (doc["dimensions"] ?? []) as unknown[]) {
    if (!isDoc(d) || !fields(d, DIMENSION) || !has(d, "id")) return NO
    const values: DimensionDef["values"][number][] = []
    for (const v of (d["values"] ?? []) as unknown[]) {
      if (!isDoc(v) || !fields(v, VALUE) || !has(v, "id")) return NO
      values.push({
        id: v["id"] as string,
        ...(v["parent"] !== undefined ? { parent: v["parent"] as string } : {}),
        ...(v["title"] !== undefined ? { title: v["title"] as string } : {}),
        ...(v["aliases"] !== undefined ? { aliases: v["aliases"] as string[] } : {}),
      })
    }
    dimensions.push({ id: d["id"] as string, exhaustive: (d["exhaustive"] ?? false) as boolean, values })
  }
  return {
    name: doc["name"] as string,
    ...(doc["title"] !== undefined ? { title: doc["title"] as string } : {}),
    ...(doc["open_events"] === true ? { openEvents: true } : {}),
    events, sources, metrics, dimensions,
  }
}
