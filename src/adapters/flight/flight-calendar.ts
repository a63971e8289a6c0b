/**
 * Calendar arithmetic for the Flight adapter: a flight's date is an ISO day ("2011-12-01"); a time a
 * source gives is placed relative to it, in whole days. Pure; UTC arithmetic only, no clock.
 */

export interface CalendarDay {
  readonly year: number
  readonly month: number
  readonly day: number
}

const MS_PER_DAY = 86_400_000

/** "2011-12-01" → { year: 2011, month: 12, day: 1 }; throws on anything else (a programming error). */
export const parseIsoDay = (iso: string): CalendarDay => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (m === null) throw new Error(`not an ISO day: ${iso}`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/** Days since 1970-01-01 of a (possibly invalid) calendar day, or null when it does not exist. */
export const dayNumber = (d: CalendarDay): number | null => {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return null
  const ms = Date.UTC(d.year, d.month - 1, d.day)
  const back = new Date(ms)
  // Date.UTC rolls Feb 30 over into March: such a day does not exist.
  if (back.getUTCDate() !== d.day) return null
  return Math.round(ms / MS_PER_DAY)
}

/** Day of the week, 0 = Sunday … 6 = Saturday, of a day number. */
export const weekdayOf = (dayNo: number): number => (((dayNo + 4) % 7) + 7) % 7

/**
 * The day offset, relative to `flight`, of a day given without a year: the year is the one that puts
 * it nearest to the flight's date (so "Dec 31" next to 2012-01-01 is −1, not +365).
 * @example offsetOfMonthDay({year: 2011, month: 12, day: 1}, 11, 30) === -1
 */
export const offsetOfMonthDay = (flight: CalendarDay, month: number, day: number): number | null => {
  const base = dayNumber(flight)
  if (base === null) return null
  let best: number | null = null
  for (const year of [flight.year - 1, flight.year, flight.year + 1]) {
    const n = dayNumber({ year, month, day })
    if (n === null) continue
    const off = n - base
    if (best === null || Math.abs(off) < Math.abs(best)) best = off
  }
  return best
}

/** The day offset of a fully given day. */
export const offsetOfDay = (flight: CalendarDay, other: CalendarDay): number | null => {
  const a = dayNumber(flight)
  const b = dayNumber(other)
  return a === null || b === null ? null : b - a
}

/**
 * The offset of the day nearest to `anchor` (an offset from the flight's date) that falls on `weekday`:
 * a page dated 2011-12-01 (a Thursday) that says "Wed" means the day before.
 */
export const offsetOfWeekdayNear = (flight: CalendarDay, anchorOffset: number, weekday: number): number | null => {
  const base = dayNumber(flight)
  if (base === null) return null
  const anchor = base + anchorOffset
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    if (weekdayOf(anchor + delta) === weekday) return anchorOffset + delta
  }
  return null
}

export const MONTHS_SHORT = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const
export const WEEKDAYS_SHORT = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const

/** "Dec", "December", "dec." → 12; null when not a month name. */
export const monthNumber = (name: string): number | null => {
  const key = name.toLowerCase().replace(/\.$/, "")
  const i = MONTHS_SHORT.findIndex((m) => key === m || (key.length > 3 && fullMonth(m) === key))
  return i < 0 ? null : i + 1
}

/** "Thu", "Thursday", "thu." → 4; null when not a weekday name. */
export const weekdayNumber = (name: string): number | null => {
  const key = name.toLowerCase().replace(/\.$/, "")
  const i = WEEKDAYS_SHORT.findIndex((w) => key === w || (key.length > 3 && key.startsWith(w) && key.endsWith("day")))
  return i < 0 ? null : i
}

const FULL_MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
]
const fullMonth = (short: string): string => FULL_MONTHS[MONTHS_SHORT.indexOf(short as (typeof MONTHS_SHORT)[number])] ?? ""
