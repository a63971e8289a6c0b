import type { Catalog } from "../../domain/catalog.js"
import { FLIGHT_ATTRIBUTES } from "./flight-attributes.js"

/**
 * The catalog of the Flight benchmark: one event per flight and date, the four time metrics (kind
 * `real`, unit minutes since midnight of the flight's date), and the sources discovered in the data,
 * all of kind `website` with the default weight 1 (reliability is learned, never set by hand).
 */
export const buildFlightCatalog = (events: Iterable<string>, sources: Iterable<string>): Catalog => ({
  name: "flight",
  title: "Flight truth-discovery benchmark (Li, Dong et al., VLDB 2012), December 2011",
  events: [...new Set(events)].sort().map((id) => {
    const at = id.lastIndexOf("@")
    return { id, title: `Flight ${id.slice(0, at)}`, date: id.slice(at + 1) }
  }),
  sources: [...new Set(sources)].sort().map((id) => ({ id, name: id, aliases: [], kind: "website" as const, weight: 1 })),
  metrics: FLIGHT_ATTRIBUTES.map((a) => ({
    id: a.metric,
    unit: "minutes since midnight of the flight's date",
    kind: "real" as const,
    parts: [],
    exhaustive: false,
    cumulative: false,
  })),
  dimensions: [],
})
