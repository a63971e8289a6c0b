/**
 * The dataset's catalog (SPEC §2.1), derived from the category mapping so that every metric a
 * claim uses is declared, with the relations the mapping implies.
 */
import { GS_CATEGORIES, ORYX_CATEGORIES, ORYX_STATUSES, statusMetric } from "./category-mapping.js"
import { EVENT_ID, GS_SOURCE, ORYX_SOURCE } from "./types.js"

export const DATASET_NAME = "ua-losses-vs-oryx"

export interface CatalogMetric {
  readonly id: string
  readonly unit: string
  readonly kind: "count"
  readonly cumulative: true
  readonly parts?: readonly string[]
  readonly exhaustive?: boolean
}

export interface CatalogDocument {
  readonly name: string
  readonly title: string
  readonly events: readonly { readonly id: string; readonly title: string; readonly date: string }[]
  readonly sources: readonly {
    readonly id: string; readonly name: string; readonly aliases: readonly string[]
    readonly kind: "military" | "osint"; readonly side?: string
  }[]
  readonly metrics: readonly CatalogMetric[]
}

const metric = (id: string, unit: string, parts?: readonly string[], exhaustive?: boolean): CatalogMetric => ({
  id, unit, kind: "count", cumulative: true,
  ...(parts && parts.length > 0 ? { parts, exhaustive: exhaustive ?? false } : {}),
})

/** A category total with Oryx's four statuses as its exhaustive parts, then the parts. */
const withStatuses = (id: string, unit: string): CatalogMetric[] => [
  metric(id, unit, ORYX_STATUSES.map((s) => statusMetric(id, s)), true),
  ...ORYX_STATUSES.map((s) => metric(statusMetric(id, s), unit)),
]

/**
 * The catalog: one event, the two sources, and per General Staff category its metric — with
 * Oryx's statuses as exhaustive parts where one Oryx category maps onto it, or Oryx's
 * sub-categories as non-exhaustive parts (each with its statuses) where several do — then the
 * Oryx-only metrics.
 */
export const buildCatalog = (): CatalogDocument => {
  const metrics: CatalogMetric[] = []
  for (const gs of GS_CATEGORIES) {
    const unit = gs.title.toLowerCase()
    const direct = ORYX_CATEGORIES.find((o) => o.metric === gs.metric)
    const subs = ORYX_CATEGORIES.filter((o) => o.partOf === gs.metric)
    if (direct) {
      metrics.push(...withStatuses(gs.metric, unit))
    } else if (subs.length > 0) {
      metrics.push(metric(gs.metric, unit, subs.map((s) => s.metric), false))
      for (const sub of subs) metrics.push(...withStatuses(sub.metric, sub.title.toLowerCase()))
    } else {
      metrics.push(metric(gs.metric, unit))
    }
  }
  const declared = new Set(metrics.map((m) => m.id))
  for (const o of ORYX_CATEGORIES) {
    if (!declared.has(o.metric)) metrics.push(...withStatuses(o.metric, o.title.toLowerCase()))
  }
  return {
    name: DATASET_NAME,
    title: "Russian equipment losses: General Staff of Ukraine claims vs Oryx visually confirmed floors",
    events: [{ id: EVENT_ID, title: "Russian equipment losses in the war against Ukraine (running tally)", date: "2022-02-24" }],
    sources: [
      { id: GS_SOURCE, name: "General Staff of the Armed Forces of Ukraine", aliases: ["General Staff", "GSAFU"], kind: "military", side: "ua" },
      { id: ORYX_SOURCE, name: "Oryx", aliases: ["Oryx"], kind: "osint" },
    ],
    metrics,
  }
}
