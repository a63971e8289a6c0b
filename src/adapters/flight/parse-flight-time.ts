import {
  type CalendarDay,
  dayNumber,
  offsetOfDay,
  offsetOfMonthDay,
  offsetOfWeekdayNear,
  parseIsoDay,
  weekdayOf,
} from "./flight-calendar.js"
import { type ClockPart, type DatePart, FLIGHT_TIME_FORMATS } from "./flight-time-formats.js"

export type FlightTime =
  | {
      readonly ok: true
      /** Id of the format it was read with (see FLIGHT_TIME_FORMATS). */
      readonly format: string
      /** Minutes since midnight of the flight's date, local wall-clock time: 1440+ the next day, < 0 the day before. */
      readonly minutes: number
      /** Days between the value's own date and the flight's date. */
      readonly dayOffset: number
      /** Words kept next to the time: "Estimated", "runway", "On Time", "*", … */
      readonly qualifier: string | null
    }
  | { readonly ok: false; readonly format: string; readonly reason: string }

export interface ParseFlightTimeOptions {
  /** A value stamped further than this many days from the flight's date is rejected (default 1). */
  readonly maxDayOffset?: number
}

/** Id under which values in no known format are reported. */
export const UNRECOGNIZED_FORMAT = "unrecognized"

/**
 * Reads one raw time cell of the Flight benchmark as minutes since midnight of the flight's date
 * (the local wall-clock time; a time zone or UTC offset is dropped, not converted, because the gold
 * standard is wall-clock time). Returns null for an empty cell (the source said nothing). A value
 * that cannot be read is rejected with its reason, never guessed.
 * @example parseFlightTime("2:07 PMDec 01", "2011-12-01") → { ok: true, minutes: 847, dayOffset: 0, … }
 * @example parseFlightTime("12/02/2011 05:50 AM", "2011-12-01") → { ok: true, minutes: 1790, dayOffset: 1, … }
 * @example parseFlightTime("Dec 01 - Contact Airline", "2011-12-01") → { ok: false, reason: 'status "Contact Airline", not a time', … }
 */
export const parseFlightTime = (
  raw: string,
  flightDate: string,
  options: ParseFlightTimeOptions = {},
): FlightTime | null => {
  const text = raw.replace(/\u00a0/g, " ").trim()
  if (text === "") return null
  const flight = parseIsoDay(flightDate)
  const maxDayOffset = options.maxDayOffset ?? 1
  for (const format of FLIGHT_TIME_FORMATS) {
    const m = format.pattern.exec(text)
    if (m === null) continue
    const reading = format.read(m)
    if (reading.kind === "reject") return { ok: false, format: format.id, reason: reading.reason }
    const clock = clockMinutes(reading.clock)
    if (clock === null) {
      return { ok: false, format: format.id, reason: `no such time of day: "${text}"` }
    }
    const offset = dayOffsetOf(reading.date, flight)
    if (typeof offset === "string") return { ok: false, format: format.id, reason: `${offset}: "${text}"` }
    if (Math.abs(offset) > maxDayOffset) {
      return {
        ok: false,
        format: format.id,
        reason: `dated ${offset > 0 ? "+" : ""}${offset} days from the flight's date ${flightDate}: "${text}"`,
      }
    }
    return { ok: true, format: format.id, minutes: offset * 1440 + clock, dayOffset: offset, qualifier: reading.qualifier }
  }
  return { ok: false, format: UNRECOGNIZED_FORMAT, reason: `not a time in any known format: "${text}"` }
}

/** Minutes since midnight of a wall-clock reading, or null when no such time exists (13:00 PM, 24:10). */
const clockMinutes = (c: ClockPart): number | null => {
  const { hour, minute } = c
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59) return null
  switch (c.meridiem) {
    case null:
      return hour >= 0 && hour <= 23 ? hour * 60 + minute : null
    case "am":
    case "pm": {
      if (hour < 1 || hour > 12) return null
      const h24 = (hour % 12) + (c.meridiem === "pm" ? 12 : 0)
      return h24 * 60 + minute
    }
    // "12:00noon" is noon; "12:05midnight" is five past midnight, at the start of the stated day.
    case "noon":
      return hour === 12 ? 12 * 60 + minute : null
    case "midnight":
      return hour === 12 ? minute : null
  }
}

/** The day offset of a date part, or the reason it cannot be placed. */
const dayOffsetOf = (date: DatePart, flight: CalendarDay): number | string => {
  switch (date.kind) {
    case "ymd": {
      const off = offsetOfDay(flight, date)
      return off ?? "no such date"
    }
    case "md": {
      const off = offsetOfMonthDay(flight, date.month, date.day)
      return off ?? "no such date"
    }
    case "md-weekday": {
      const off = offsetOfMonthDay(flight, date.month, date.day)
      if (off === null) return "no such date"
      const flightNo = dayNumber(flight)
      if (flightNo === null || weekdayOf(flightNo + off) !== date.weekday) return "the weekday does not match the date"
      return off
    }
    case "weekday-near": {
      const anchor = offsetOfDay(flight, date)
      if (anchor === null || !Number.isInteger(date.weekday)) return "no such date"
      return offsetOfWeekdayNear(flight, anchor, date.weekday) ?? "no such date"
    }
  }
}
