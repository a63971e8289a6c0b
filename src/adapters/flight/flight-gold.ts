import { FLIGHT_ATTRIBUTES, type FlightAttribute, flightEventId } from "./flight-attributes.js"
import { parseFlightTime } from "./parse-flight-time.js"

/** One gold-standard cell with a gold value. */
export interface FlightGoldCell {
  readonly event: string
  readonly metric: string
  readonly attribute: FlightAttribute["attribute"]
  /** Minutes since midnight of the flight's date. */
  readonly minutes: number
  readonly raw: string
}

/** A gold cell that held text but no readable time ("December 10, 2011", a status): no gold value. */
export interface FlightGoldGap {
  readonly event: string
  readonly metric: string
  readonly raw: string
  readonly reason: string
}

/**
 * The gold cells of one row of a truth file (Flight#, then the claim columns without Source). The
 * gold keeps each site's own format, so it goes through the same parser as the claims; a cell with a
 * date but no time has no gold value.
 */
export const flightGoldRow = (
  fields: readonly string[],
  date: string,
): { readonly cells: readonly FlightGoldCell[]; readonly gaps: readonly FlightGoldGap[] } => {
  const flight = (fields[0] ?? "").trim()
  const event = flightEventId(flight, date)
  const cells: FlightGoldCell[] = []
  const gaps: FlightGoldGap[] = []
  for (const attr of FLIGHT_ATTRIBUTES) {
    const raw = fields[attr.truthColumn] ?? ""
    const parsed = parseFlightTime(raw, date)
    if (parsed === null) continue
    if (parsed.ok) cells.push({ event, metric: attr.metric, attribute: attr.attribute, minutes: parsed.minutes, raw })
    else gaps.push({ event, metric: attr.metric, raw, reason: parsed.reason })
  }
  return { cells, gaps }
}
