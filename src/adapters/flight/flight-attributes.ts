/**
 * The four time attributes of the Flight benchmark: their name in evaluation reports, the metric id
 * in the ledger, and their column in the claim files (after Source, Flight#) and in the gold files
 * (after Flight#). Gates are categorical and left out.
 */
export interface FlightAttribute {
  readonly attribute: "scheduled_departure" | "actual_departure" | "scheduled_arrival" | "actual_arrival"
  readonly metric: string
  /** Column of the value in claims/*.txt.gz (0 = Source). */
  readonly claimColumn: number
  /** Column of the value in truth/*.txt (0 = Flight#). */
  readonly truthColumn: number
  readonly title: string
}

export const FLIGHT_ATTRIBUTES: readonly FlightAttribute[] = [
  { attribute: "scheduled_departure", metric: "departure.scheduled", claimColumn: 2, truthColumn: 1, title: "Scheduled departure" },
  { attribute: "actual_departure", metric: "departure.actual", claimColumn: 3, truthColumn: 2, title: "Actual departure" },
  { attribute: "scheduled_arrival", metric: "arrival.scheduled", claimColumn: 5, truthColumn: 4, title: "Scheduled arrival" },
  { attribute: "actual_arrival", metric: "arrival.actual", claimColumn: 6, truthColumn: 5, title: "Actual arrival" },
]

/** The event id of a flight on a day: one event per flight and date. */
export const flightEventId = (flight: string, date: string): string => `${flight}@${date}`

/** "20111201.txt.gz" → "2011-12-01"; null when the name does not start with a YYYYMMDD date. */
export const dateOfFlightFile = (fileName: string): string | null => {
  const m = /^(\d{4})(\d{2})(\d{2})\b/.exec(fileName)
  return m === null ? null : `${m[1]}-${m[2]}-${m[3]}`
}
