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
  const parsedCells = FLIGHT_ATTRIBUTES.map((attr) => {
    const raw = fields[attr.claimColumn] ?? ""
    return { attr, raw, parsed: parseFlightTime(raw, date, options) }
  })
  const contradiction = rowContradiction(parsedCells)
  for (const { attr, raw, parsed } of parsedCells) {
    if (parsed === null) continue
    if (!parsed.ok) {
      rejected.push({ source, event, metric: attr.metric, line, raw, format: parsed.format, reason: parsed.reason })
      continue
    }
    const why = contradiction.get(attr.metric)
    if (why !== undefined) {
      rejected.push({ source, event, metric: attr.metric, line, raw, format: `${parsed.format} (row check)`, reason: why })
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

/**
 * US domestic flights cross at most six hours of time zones (Hawaii), so in local wall-clock time a
 * flight can land earlier than it took off, but never by more than that: a source whose arrival is
 * further before its own departure has stamped one of them with the wrong day. Which one cannot be
 * told, so both are rejected rather than guessed.
 */
export const MAX_WALL_CLOCK_BACKWARDS = 6 * 60

const rowContradiction = (
  cells: readonly { readonly attr: { readonly metric: string }; readonly parsed: ReturnType<typeof parseFlightTime> }[],
): Map<string, string> => {
  const minutes = new Map<string, number>()
  for (const { attr, parsed } of cells) if (parsed !== null && parsed.ok) minutes.set(attr.metric, parsed.minutes)
  const out = new Map<string, string>()
  for (const kind of ["scheduled", "actual"]) {
    const dep = minutes.get(`departure.${kind}`)
    const arr = minutes.get(`arrival.${kind}`)
    if (dep === undefined || arr === undefined || dep - arr <= MAX_WALL_CLOCK_BACKWARDS) continue
    const reason = `the row contradicts itself: ${kind} arrival (${clock(arr)}) is more than 6 h before ${kind} departure (${clock(dep)})`
    out.set(`departure.${kind}`, reason)
    out.set(`arrival.${kind}`, reason)
  }
  return out
}

/** 1469 → "+1d 00:29", -30 → "-1d 23:30", 845 → "14:05". */
const clock = (m: number): string => {
  const day = Math.floor(m / 1440)
  const rest = m - day * 1440
  const hh = String(Math.floor(rest / 60)).padStart(2, "0")
  const mm = String(rest % 60).padStart(2, "0")
  return `${day === 0 ? "" : `${day > 0 ? "+" : ""}${day}d `}${hh}:${mm}`
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
