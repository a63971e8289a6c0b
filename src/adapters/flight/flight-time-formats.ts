import { monthNumber, weekdayNumber } from "./flight-calendar.js"

/**
 * The raw time formats of the Flight benchmark, one entry per format seen in the data, each with a
 * self-explaining id (used in rejection reports) and a real example. A format reads its match into
 * a date part and a wall-clock part; the parser turns those into minutes relative to the flight's date.
 */

/** How the date of a value is given. */
export type DatePart =
  | { readonly kind: "ymd"; readonly year: number; readonly month: number; readonly day: number }
  | { readonly kind: "md"; readonly month: number; readonly day: number }
  /** A page date plus a weekday: the day nearest the page date that falls on that weekday. */
  | { readonly kind: "weekday-near"; readonly year: number; readonly month: number; readonly day: number; readonly weekday: number }
  /** A weekday plus a month-day: the month-day decides, the weekday is checked. */
  | { readonly kind: "md-weekday"; readonly month: number; readonly day: number; readonly weekday: number }

export interface ClockPart {
  readonly hour: number
  readonly minute: number
  /** null: a 24-hour clock. */
  readonly meridiem: "am" | "pm" | "noon" | "midnight" | null
}

export type FormatReading =
  | { readonly kind: "time"; readonly date: DatePart; readonly clock: ClockPart; readonly qualifier: string | null }
  /** The cell holds a status or a date without a time: rejected with this reason. */
  | { readonly kind: "reject"; readonly reason: string }

export interface FlightTimeFormat {
  readonly id: string
  readonly example: string
  readonly pattern: RegExp
  readonly read: (m: RegExpExecArray) => FormatReading
}

const num = (s: string | undefined): number => Number(s ?? "NaN")
const mer = (s: string | undefined): "am" | "pm" => ((s ?? "").toLowerCase().startsWith("p") ? "pm" : "am")
const month = (s: string | undefined): number => monthNumber(s ?? "") ?? NaN
const weekday = (s: string | undefined): number => weekdayNumber(s ?? "") ?? NaN
/** Two-digit years are 20xx: the benchmark is from 2011. */
const year2 = (s: string | undefined): number => 2000 + num(s)
const qual = (s: string | undefined): string | null => (s === undefined || s.trim() === "" ? null : s.trim())

const time = (date: DatePart, hour: number, minute: number, meridiem: ClockPart["meridiem"], qualifier: string | null = null): FormatReading => ({
  kind: "time",
  date,
  clock: { hour, minute, meridiem },
  qualifier,
})
const ymd = (year: number, monthNo: number, day: number): DatePart => ({ kind: "ymd", year, month: monthNo, day })
const md = (monthNo: number, day: number): DatePart => ({ kind: "md", month: monthNo, day })
const status = (text: string | undefined): FormatReading => ({
  kind: "reject",
  reason: `status "${(text ?? "").trim()}", not a time`,
})

const MON = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
const DDD = "(Sun|Mon|Tue|Wed|Thu|Fri|Sat)"
const MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)"
/** Status words that stand where a time would: never read as a time. */
const STATUS = "(Not Available|Contact Airline|Cancell?ed|Canceled|Possible delay pending airline decision\\.?|result unknown.*|Diverted|Scheduled|Unknown)"

/** Every format found in the benchmark (claims and gold), most specific first. */
export const FLIGHT_TIME_FORMATS: readonly FlightTimeFormat[] = [
  {
    id: "MM/DD/YYYY hh:mm AM",
    example: "12/01/2011 02:07 PM",
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})\s+([AP])M$/i,
    read: (m) => time(ymd(num(m[3]), num(m[1]), num(m[2])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "M/D/YYYY h:mmAM TZ",
    example: "12/1/2011 2:07PM EST",
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})\s*([AP])M\s+([A-Z]{2,5})$/i,
    // The zone is dropped, not converted: the gold standard is the local wall-clock time.
    read: (m) => time(ymd(num(m[3]), num(m[1]), num(m[2])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "M/D/YY h:mm AM (±hh:mm)",
    example: "12/1/11 2:06 PM (-05:00)",
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{2})\s+(\d{1,2}):(\d{2})\s*([AP])M\s*\(([+-]\d{2}:\d{2})\)$/i,
    read: (m) => time(ymd(year2(m[3]), num(m[1]), num(m[2])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "Month D, YYYY hh:mm AM",
    example: "December 1, 2011               02:07 PM    ",
    pattern: new RegExp(`^${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4})\\s+(\\d{1,2}):(\\d{2})\\s*([AP])M$`, "i"),
    read: (m) => time(ymd(num(m[3]), month(m[1]), num(m[2])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "Month D, YYYY (no time)",
    example: "December 10, 2011     ",
    pattern: new RegExp(`^${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4})$`, "i"),
    read: () => ({ kind: "reject", reason: "a date without a time" }),
  },
  {
    id: "h:mm AM, Mon DD",
    example: "2:07 PM, Dec 01&nbsp(Estimated)",
    pattern: new RegExp(`^(\\d{1,2}):(\\d{2})\\s*([AP])M,\\s*${MON}\\s+(\\d{1,2})(?:\\s*&nbsp;?\\((Estimated)\\))?$`, "i"),
    read: (m) => time(md(month(m[4]), num(m[5])), num(m[1]), num(m[2]), mer(m[3]), qual(m[6])),
  },
  {
    id: "h:mm AMMon DD",
    example: "2:07 PMDec 01",
    pattern: new RegExp(`^(\\d{1,2}):(\\d{2})\\s*([AP])M${MON}\\s*(\\d{1,2})$`, "i"),
    read: (m) => time(md(month(m[4]), num(m[5])), num(m[1]), num(m[2]), mer(m[3])),
  },
  {
    id: "h:mmaMon D",
    example: "1:57pDec 1",
    pattern: new RegExp(`^(\\d{1,2}):(\\d{2})([ap])${MON}\\s*(\\d{1,2})$`, "i"),
    read: (m) => time(md(month(m[4]), num(m[5])), num(m[1]), num(m[2]), mer(m[3])),
  },
  {
    id: "Mon DD - h:mmam",
    example: "Dec 01 - 2:07pm*",
    pattern: new RegExp(`^${MON}\\s+(\\d{1,2})\\s+-\\s+(\\d{1,2}):(\\d{2})\\s*(am|pm|noon|midnight)(\\*)?$`, "i"),
    read: (m) => {
      const word = (m[5] ?? "").toLowerCase() as "am" | "pm" | "noon" | "midnight"
      return time(md(month(m[1]), num(m[2])), num(m[3]), num(m[4]), word, qual(m[6]))
    },
  },
  {
    id: "Mon DD - status",
    example: "Dec 01 - Contact Airline",
    pattern: new RegExp(`^${MON}\\s+(\\d{1,2})\\s+-\\s+${STATUS}$`, "i"),
    read: (m) => status(m[3]),
  },
  {
    id: "YYYY-MM-DD h:mm AM",
    example: "2011-12-01 2:07 PM (Estimated runway)",
    pattern: /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})\s+([AP])M(?:\s+\(((?:Estimated\s*)?(?:runway)?)\))?$/i,
    read: (m) => time(ymd(num(m[1]), num(m[2]), num(m[3])), num(m[4]), num(m[5]), mer(m[6]), qual(m[7])),
  },
  {
    id: "YYYY-MM-DD hh:mmAM TZ",
    example: "2011-12-01 02:07PM EST",
    pattern: /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})([AP])M\s+([A-Z]{2,5})$/i,
    // The zone is dropped, not converted: the gold standard is the local wall-clock time.
    read: (m) => time(ymd(num(m[1]), num(m[2]), num(m[3])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "YYYY-MM-DD status",
    example: "2011-12-01 Cancelled",
    pattern: new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})\\s+${STATUS}$`, "i"),
    read: (m) => status(m[4]),
  },
  {
    id: "YYYY-MM-DD  h:mmA",
    example: "2011-12-01  2:57P",
    pattern: /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})([AP])$/i,
    read: (m) => time(ymd(num(m[1]), num(m[2]), num(m[3])), num(m[4]), num(m[5]), mer(m[6])),
  },
  {
    id: "h:mmA MM-DD-YY",
    example: "2:57P 12-01-11",
    pattern: /^(\d{1,2}):(\d{2})([AP])\s+(\d{2})-(\d{2})-(\d{2})$/i,
    read: (m) => time(ymd(year2(m[6]), num(m[4]), num(m[5])), num(m[1]), num(m[2]), mer(m[3])),
  },
  {
    id: "YYYY-MM-DD HH:mm",
    example: "2011-12-01 13:52 ",
    pattern: /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})$/,
    read: (m) => time(ymd(num(m[1]), num(m[2]), num(m[3])), num(m[4]), num(m[5]), null),
  },
  {
    id: "YYYY-MM-DD Ddd  HH:mm",
    example: "2011-12-01 Wed  23:55",
    pattern: new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})\\s+${DDD}\\s+(\\d{1,2}):(\\d{2})$`, "i"),
    // The leading date is the page's; the weekday says on which day near it the time falls.
    read: (m) =>
      time(
        { kind: "weekday-near", year: num(m[1]), month: num(m[2]), day: num(m[3]), weekday: weekday(m[4]) },
        num(m[5]),
        num(m[6]),
        null,
      ),
  },
  {
    id: "YYYY-MM-DD M/D h:mm AM",
    example: "2011-12-01 11/30 5:20 PM",
    pattern: /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})\s*([AP])M$/i,
    // The leading date is the page's; the month/day is the flight's own stamp.
    read: (m) => time(md(num(m[4]), num(m[5])), num(m[6]), num(m[7]), mer(m[8])),
  },
  {
    id: "hh:mm AM  Ddd DD-Mon-YYYY",
    example: "02:07 PM  Thu 01-Dec-2011 (Runway)",
    pattern: new RegExp(`^(\\d{1,2}):(\\d{2})\\s*([AP])M\\s+${DDD}\\s+(\\d{1,2})-${MON}-(\\d{4})(?:\\s+\\((Runway)\\))?$`, "i"),
    read: (m) => time(ymd(num(m[7]), month(m[6]), num(m[5])), num(m[1]), num(m[2]), mer(m[3]), qual(m[8])),
  },
  {
    id: "Ddd, Mon D h:mm AM",
    example: "Thu, Dec 1 2:37 PM            On Time",
    pattern: new RegExp(`^${DDD},\\s+${MON}\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})\\s*([AP])M(?:\\s+(On Time|Delayed|Rerouted|Early|Diverted))?$`, "i"),
    read: (m) =>
      time(
        { kind: "md-weekday", month: month(m[2]), day: num(m[3]), weekday: weekday(m[1]) },
        num(m[4]),
        num(m[5]),
        mer(m[6]),
        qual(m[7]),
      ),
  },
  {
    id: "Ddd, Mon D status",
    example: "Fri, Dec 02 Cancelled",
    pattern: new RegExp(`^${DDD},\\s+${MON}\\s+(\\d{1,2})\\s+${STATUS}$`, "i"),
    read: (m) => status(m[4]),
  },
  {
    id: "Ddd., Mon.DD, YYYY h:mm a.m.",
    example: "Thu., Dec.01, 2011 6:44 p.m.",
    pattern: new RegExp(`^${DDD}\\.,\\s*${MON}\\.\\s*(\\d{1,2}),\\s*(\\d{4})\\s+(\\d{1,2}):(\\d{2})\\s*([ap])\\.m\\.$`, "i"),
    read: (m) =>
      time(ymd(num(m[4]), month(m[2]), num(m[3])), num(m[5]), num(m[6]), mer(m[7])),
  },
  {
    id: "status",
    example: "Not Available",
    pattern: new RegExp(`^${STATUS}$`, "i"),
    read: (m) => status(m[1]),
  },
]
