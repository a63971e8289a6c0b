import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { FLIGHT_TIME_FORMATS } from "../../../src/adapters/flight/flight-time-formats.js"
import { parseFlightTime } from "../../../src/adapters/flight/parse-flight-time.js"

const DAY = "2011-12-01" // a Thursday

// Real cells from the benchmark (claims and gold), with the minutes they mean relative to DAY.
const READABLE: readonly [string, string, number][] = [
  ["12/01/2011 02:07 PM", "MM/DD/YYYY hh:mm AM", 847],
  ["12/02/2011 05:50 AM", "MM/DD/YYYY hh:mm AM", 1440 + 350],
  ["12/1/2011 2:07PM EST", "M/D/YYYY h:mmAM TZ", 847],
  ["12/1/2011 9:15PM AKST", "M/D/YYYY h:mmAM TZ", 1275],
  ["11/30/2011 11:58PM PST", "M/D/YYYY h:mmAM TZ", -2],
  ["12/1/11 2:06 PM (-05:00)", "M/D/YY h:mm AM (±hh:mm)", 846],
  ["12/1/11 10:06 AM (+01:00)", "M/D/YY h:mm AM (±hh:mm)", 606],
  ["December 1, 2011               02:07 PM    ", "Month D, YYYY hh:mm AM", 847],
  ["December 2, 2011               12:15 AM    ", "Month D, YYYY hh:mm AM", 1440 + 15],
  ["2:07 PM, Dec 01", "h:mm AM, Mon DD", 847],
  ["10:41 PM, Dec 01&nbsp(Estimated)", "h:mm AM, Mon DD", 1361],
  ["2:07 PMDec 01", "h:mm AMMon DD", 847],
  ["12:05 AMDec 02", "h:mm AMMon DD", 1445],
  ["1:57pDec 1", "h:mmaMon D", 837],
  ["11:50pNov 30", "h:mmaMon D", -10],
  ["Dec 01 - 2:07pm", "Mon DD - h:mmam", 847],
  ["Dec 01 - 9:40am*", "Mon DD - h:mmam", 580],
  ["Dec 01 - 12:00noon", "Mon DD - h:mmam", 720],
  ["Dec 02 - 12:00midnight*", "Mon DD - h:mmam", 1440],
  ["2011-12-01 02:07 PM", "YYYY-MM-DD h:mm AM", 847],
  ["2011-12-01 2:07 PM (Estimated runway)", "YYYY-MM-DD h:mm AM", 847],
  ["2011-12-01 9:07 am", "YYYY-MM-DD h:mm AM", 547],
  ["2011-12-01 3:05 pm (runway)", "YYYY-MM-DD h:mm AM", 905],
  ["2011-12-01 02:07PM EST", "YYYY-MM-DD hh:mmAM TZ", 847],
  ["2011-12-01 11:40AM MST", "YYYY-MM-DD hh:mmAM TZ", 700],
  ["2011-12-01  2:57P", "YYYY-MM-DD  h:mmA", 897],
  ["2:57P 12-01-11", "h:mmA MM-DD-YY", 897],
  ["10:05A 12-02-11", "h:mmA MM-DD-YY", 1440 + 605],
  ["2011-12-01 13:52 ", "YYYY-MM-DD HH:mm", 832],
  ["2011-12-01 Thu  16:17", "YYYY-MM-DD Ddd  HH:mm", 977],
  ["2011-12-01 Wed  23:55", "YYYY-MM-DD Ddd  HH:mm", -5],
  ["2011-12-01 11/30 5:20 PM", "YYYY-MM-DD M/D h:mm AM", -1440 + 1040],
  ["2011-12-01 6:00 AM", "YYYY-MM-DD h:mm AM", 360],
  ["02:07 PM  Thu 01-Dec-2011", "hh:mm AM  Ddd DD-Mon-YYYY", 847],
  ["08:10 AM  Thu 01-Dec-2011 (Runway)", "hh:mm AM  Ddd DD-Mon-YYYY", 490],
  ["Thu, Dec 1 6:20 PM", "Ddd, Mon D h:mm AM", 1100],
  ["Thu, Dec 1 2:37 PM            On Time", "Ddd, Mon D h:mm AM", 877],
  ["Fri, Dec 2 5:11 AM", "Ddd, Mon D h:mm AM", 1440 + 311],
  ["Thu., Dec.01, 2011 6:44 p.m.", "Ddd., Mon.DD, YYYY h:mm a.m.", 1124],
  ["Thu., Dec.01, 2011 12:05 a.m.", "Ddd., Mon.DD, YYYY h:mm a.m.", 5],
]

// Real cells that must be rejected, with the words their reason must contain.
const REJECTED: readonly [string, string, string][] = [
  ["Not Available", "status", 'status "Not Available"'],
  ["Dec 01 - Contact Airline", "Mon DD - status", 'status "Contact Airline"'],
  ["Dec 01 - Not Available", "Mon DD - status", 'status "Not Available"'],
  ["Dec 01 - Canceled", "Mon DD - status", 'status "Canceled"'],
  ["Dec 01 - Possible delay pending airline decision.", "Mon DD - status", "Possible delay"],
  ["2011-12-01 Cancelled", "YYYY-MM-DD status", 'status "Cancelled"'],
  ["2011-12-01 result unknown (?) (track log &amp; graph)", "YYYY-MM-DD status", "result unknown"],
  ["Fri, Dec 02 Cancelled", "Ddd, Mon D status", 'status "Cancelled"'],
  ["December 10, 2011     ", "Month D, YYYY (no time)", "without a time"],
  ["13:07 PMDec 01", "h:mm AMMon DD", "no such time"],
  ["2011-12-01 24:10", "YYYY-MM-DD HH:mm", "no such time"],
  ["Dec 01 - 11:00noon", "Mon DD - h:mmam", "no such time"],
  ["Wed, Dec 1 6:20 PM", "Ddd, Mon D h:mm AM", "weekday does not match"],
  ["12/05/2011 02:07 PM", "MM/DD/YYYY hh:mm AM", "+4 days"],
  ["02/30/2011 02:07 PM", "MM/DD/YYYY hh:mm AM", "no such date"],
  ["Delayed", "unrecognized", "not a time in any known format"],
  ["14h07", "unrecognized", "not a time"],
]

describe("parseFlightTime on real cells", () => {
  it.each(READABLE)("reads %j (%s)", (raw, format, minutes) => {
    const r = parseFlightTime(raw, DAY)
    expect(r).toMatchObject({ ok: true, format, minutes })
  })

  it.each(REJECTED)("rejects %j (%s)", (raw, format, words) => {
    const r = parseFlightTime(raw, DAY)
    expect(r?.ok).toBe(false)
    if (r !== null && !r.ok) {
      expect(r.format).toBe(format)
      expect(r.reason).toContain(words)
    }
  })

  it("says nothing for an empty or blank cell", () => {
    expect(parseFlightTime("", DAY)).toBeNull()
    expect(parseFlightTime("   ", DAY)).toBeNull()
  })

  it("keeps the qualifier a source adds", () => {
    expect(parseFlightTime("2011-12-01 2:07 PM (Estimated runway)", DAY)).toMatchObject({ qualifier: "Estimated runway" })
    expect(parseFlightTime("Thu, Dec 1 2:37 PM            Delayed", DAY)).toMatchObject({ qualifier: "Delayed" })
  })

  it("drops a time zone instead of converting it (the gold is local wall-clock time)", () => {
    const a = parseFlightTime("12/1/2011 2:07PM PST", DAY)
    const b = parseFlightTime("12/1/2011 2:07PM EST", DAY)
    expect(a).toMatchObject({ ok: true, minutes: 847 })
    expect(b).toMatchObject({ ok: true, minutes: 847 })
  })

  it("places a day without a year in the year nearest the flight's date", () => {
    expect(parseFlightTime("11:30pDec 31", "2012-01-01")).toMatchObject({ ok: true, minutes: -30, dayOffset: -1 })
    expect(parseFlightTime("12:10aJan 1", "2011-12-31")).toMatchObject({ ok: true, minutes: 1450, dayOffset: 1 })
  })

  it("honours maxDayOffset", () => {
    expect(parseFlightTime("12/03/2011 02:07 PM", DAY)?.ok).toBe(false)
    expect(parseFlightTime("12/03/2011 02:07 PM", DAY, { maxDayOffset: 2 })).toMatchObject({ ok: true, minutes: 2 * 1440 + 847 })
  })

  it("has a real example for every format, and each reads with its own format", () => {
    for (const f of FLIGHT_TIME_FORMATS) {
      const r = parseFlightTime(f.example, DAY)
      expect(r?.format, f.example).toBe(f.id)
    }
  })
})

// Formatters written from the formats as the sources print them, independent of the parser.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
const WEEK = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
const p2 = (n: number): string => String(n).padStart(2, "0")

interface When { y: number; mo: number; d: number; wd: number; h: number; mi: number }
const h12 = (w: When): number => (w.h % 12 === 0 ? 12 : w.h % 12)
const ap = (w: When): "AM" | "PM" => (w.h < 12 ? "AM" : "PM")

const FORMATTERS: readonly [string, (w: When) => string][] = [
  ["MM/DD/YYYY hh:mm AM", (w) => `${p2(w.mo)}/${p2(w.d)}/${w.y} ${p2(h12(w))}:${p2(w.mi)} ${ap(w)}`],
  ["M/D/YYYY h:mmAM TZ", (w) => `${w.mo}/${w.d}/${w.y} ${h12(w)}:${p2(w.mi)}${ap(w)} CST`],
  ["M/D/YY h:mm AM (±hh:mm)", (w) => `${w.mo}/${w.d}/${String(w.y).slice(2)} ${h12(w)}:${p2(w.mi)} ${ap(w)} (-06:00)`],
  ["Month D, YYYY hh:mm AM", (w) => `${LONG[w.mo - 1]} ${w.d}, ${w.y}               ${p2(h12(w))}:${p2(w.mi)} ${ap(w)}    `],
  ["h:mm AM, Mon DD", (w) => `${h12(w)}:${p2(w.mi)} ${ap(w)}, ${MONTHS[w.mo - 1]} ${p2(w.d)}`],
  ["h:mm AMMon DD", (w) => `${h12(w)}:${p2(w.mi)} ${ap(w)}${MONTHS[w.mo - 1]} ${p2(w.d)}`],
  ["h:mmaMon D", (w) => `${h12(w)}:${p2(w.mi)}${ap(w)[0]!.toLowerCase()}${MONTHS[w.mo - 1]} ${w.d}`],
  ["Mon DD - h:mmam", (w) => `${MONTHS[w.mo - 1]} ${p2(w.d)} - ${h12(w)}:${p2(w.mi)}${ap(w).toLowerCase()}`],
  ["YYYY-MM-DD h:mm AM", (w) => `${w.y}-${p2(w.mo)}-${p2(w.d)} ${h12(w)}:${p2(w.mi)} ${ap(w)}`],
  ["YYYY-MM-DD hh:mmAM TZ", (w) => `${w.y}-${p2(w.mo)}-${p2(w.d)} ${p2(h12(w))}:${p2(w.mi)}${ap(w)} EST`],
  ["YYYY-MM-DD  h:mmA", (w) => `${w.y}-${p2(w.mo)}-${p2(w.d)}  ${h12(w)}:${p2(w.mi)}${ap(w)[0]}`],
  ["h:mmA MM-DD-YY", (w) => `${h12(w)}:${p2(w.mi)}${ap(w)[0]} ${p2(w.mo)}-${p2(w.d)}-${String(w.y).slice(2)}`],
  ["YYYY-MM-DD HH:mm", (w) => `${w.y}-${p2(w.mo)}-${p2(w.d)} ${p2(w.h)}:${p2(w.mi)} `],
  ["YYYY-MM-DD M/D h:mm AM", (w) => `2011-12-01 ${w.mo}/${w.d} ${h12(w)}:${p2(w.mi)} ${ap(w)}`],
  ["hh:mm AM  Ddd DD-Mon-YYYY", (w) => `${p2(h12(w))}:${p2(w.mi)} ${ap(w)}  ${WEEK[w.wd]} ${p2(w.d)}-${MONTHS[w.mo - 1]}-${w.y}`],
  ["Ddd, Mon D h:mm AM", (w) => `${WEEK[w.wd]}, ${MONTHS[w.mo - 1]} ${w.d} ${h12(w)}:${p2(w.mi)} ${ap(w)}`],
  ["Ddd., Mon.DD, YYYY h:mm a.m.", (w) => `${WEEK[w.wd]}., ${MONTHS[w.mo - 1]}.${p2(w.d)}, ${w.y} ${h12(w)}:${p2(w.mi)} ${ap(w) === "AM" ? "a.m." : "p.m."}`],
  ["YYYY-MM-DD Ddd  HH:mm", (w) => `2011-12-01 ${WEEK[w.wd]}  ${p2(w.h)}:${p2(w.mi)}`],
]

const when = (offset: number, h: number, mi: number): When => {
  const t = new Date(Date.UTC(2011, 11, 1 + offset))
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: t.getUTCDay(), h, mi }
}

describe("parseFlightTime properties", () => {
  test.prop([fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })])(
    "format a time in every supported format → parse back → the same minutes",
    (offset, h, mi) => {
      const w = when(offset, h, mi)
      for (const [id, format] of FORMATTERS) {
        const text = format(w)
        const r = parseFlightTime(text, DAY)
        expect(r, `${id}: ${text}`).toMatchObject({ ok: true, format: id, minutes: offset * 1440 + h * 60 + mi })
      }
    },
  )

  test.prop([fc.string({ maxLength: 40 })])("junk without a clock time never parses", (junk) => {
    fc.pre(!/\d{1,2}:\d{2}/.test(junk))
    const r = parseFlightTime(junk, DAY)
    expect(r === null || r.ok === false).toBe(true)
  })

  test.prop([fc.integer({ min: 0, max: 99 }), fc.integer({ min: 60, max: 99 }), fc.constantFrom("AM", "PM")])(
    "an impossible minute never parses",
    (h, mi, m) => {
      const r = parseFlightTime(`12/01/2011 ${p2(h % 13)}:${mi} ${m}`, DAY)
      expect(r?.ok).toBe(false)
    },
  )
})
