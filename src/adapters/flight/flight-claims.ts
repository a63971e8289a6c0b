import type { Claim } from "../../domain/claim.js"
import { FLIGHT_ATTRIBUTES, flightEventId } from "./flight-attributes.js"
import { parseFlightTime, type ParseFlightTimeOptions } from "./parse-flight-time.js"

/**
 * A claim record in the SPEC §2.2 shape, as the ingest path stores it: the value is the number of
 * minutes since midnight of the flight's date (local wall-clock time), the quote the raw cell text.
 */
export interface FlightClaimRecord {
  readonly id: string
  readonly event: string
  readonly metric: string
  readonly source: string
  readonly value: number
  readonly certainty: "asserted" | "estimated"
  readonly at: null
  readonly stated: null
  readonly quote: string
  /** Format id the value was read with, and any qualifier the source added ("Estimated", "runway"). */
  readonly note: string
}

/** A cell that held something but could not be read as a time. */
export interface FlightRejection {
  readonly source: string
  readonly event: string
  readonly metric: string
  readonly line: number
  readonly raw: string
  readonly format: string
  readonly reason: string
}

export interface FlightRowClaims {
  readonly claims: readonly FlightClaimRecord[]
  readonly rejected: readonly FlightRejection[]
}

const FLIGHT_ID = /^[A-Z0-9]{2}-\d+-[A-Z]{3}-[A-Z]{3}$/

/**
 * The claims of one row of a Flight claim file (Source, Flight#, 6 value columns) for a flight on
 * `date`: one claim per readable time cell, one rejection per cell that holds text but no readable
 * time; empty cells say nothing and give neither.
 * @example flightRowClaims(["aa", "AA-1007-TPA-MIA", "12/01/2011 01:55 PM", "", "F78", "", "", ""], "2011-12-01", 1)
 *   → claims: [{ event: "AA-1007-TPA-MIA@2011-12-01", metric: "departure.scheduled", value: 835, … }]
 */
export const flightRowClaims = (
  fields: readonly string[],
  date: string,
  line: number,
  options: ParseFlightTimeOptions = {},
): FlightRowClaims => {
  const source = (fields[0] ?? "").trim()
  const flight = (fields[1] ?? "").trim()
  const claims: FlightClaimRecord[] = []
  const rejected: FlightRejection[] = []
  const event = flightEventId(flight, date)
  if (source === "" || !FLIGHT_ID.test(flight)) {
    rejected.push({
      source, event, metric: "", line, raw: fields.join("\t"), format: "row",
      reason: source === "" ? "no source" : `not a flight id: "${flight}"`,
    })
    return { claims, rejected }
  }
  for (const attr of FLIGHT_ATTRIBUTES) {
    const raw = fields[attr.claimColumn] ?? ""
    const parsed = parseFlightTime(raw, date, options)
    if (parsed === null) continue
    if (!parsed.ok) {
      rejected.push({ source, event, metric: attr.metric, line, raw, format: parsed.format, reason: parsed.reason })
      continue
    }
    const estimated = parsed.qualifier !== null && /estimated/i.test(parsed.qualifier)
    claims.push({
      id: `${source}/${event}/${attr.metric}/${parsed.minutes}`,
      event,
      metric: attr.metric,
      source,
      value: parsed.minutes,
      certainty: estimated ? "estimated" : "asserted",
      at: null,
      stated: null,
      quote: raw,
      note: parsed.qualifier === null ? parsed.format : `${parsed.format}; ${parsed.qualifier}`,
    })
  }
  return { claims, rejected }
}

/** The domain claim of a record, as the reconciliation core takes it: a time claim is the point [m, m]. */
export const toFlightClaim = (r: FlightClaimRecord): Claim => ({
  id: r.id,
  event: r.event,
  metric: r.metric,
  scope: {},
  source: r.source,
  via: [],
  value: r.quote,
  lo: r.value,
  hi: r.value,
  best: null,
  certainty: r.certainty,
  method: null,
  at: null,
  stated: null,
  quote: r.quote,
})
