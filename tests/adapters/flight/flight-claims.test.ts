import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { buildFlightCatalog } from "../../../src/adapters/flight/flight-catalog.js"
import { flightRowClaims, toFlightClaim } from "../../../src/adapters/flight/flight-claims.js"
import { flightGoldRow } from "../../../src/adapters/flight/flight-gold.js"
import { readFlightFile } from "../../../src/adapters/flight/read-flight-file.js"

const DAY = "2011-12-01"

describe("flightRowClaims", () => {
  it("turns each readable time cell into a real claim and leaves gates out", () => {
    const row = ["aa", "AA-1007-TPA-MIA", "12/01/2011 01:55 PM", "12/01/2011 02:07 PM", "F78", "12/01/2011 03:00 PM", "12/01/2011 02:57 PM", "D5"]
    const { claims, rejected } = flightRowClaims(row, DAY, 1)
    expect(rejected).toEqual([])
    expect(claims.map((c) => [c.metric, c.value])).toEqual([
      ["departure.scheduled", 835],
      ["departure.actual", 847],
      ["arrival.scheduled", 900],
      ["arrival.actual", 897],
    ])
    expect(claims[0]).toMatchObject({ event: "AA-1007-TPA-MIA@2011-12-01", source: "aa", quote: "12/01/2011 01:55 PM", at: null, stated: null, certainty: "asserted" })
  })

  it("rejects status texts with their reason and says nothing for empty cells", () => {
    const row = ["travelocity", "AA-1007-TPA-MIA", "Dec 01 - 1:55pm", "Dec 01 - Contact Airline", "", "", "Dec 01 - Not Available", ""]
    const { claims, rejected } = flightRowClaims(row, DAY, 7)
    expect(claims.map((c) => c.metric)).toEqual(["departure.scheduled"])
    expect(rejected.map((r) => [r.metric, r.format, r.line])).toEqual([
      ["departure.actual", "Mon DD - status", 7],
      ["arrival.actual", "Mon DD - status", 7],
    ])
    expect(rejected[0]!.reason).toContain("Contact Airline")
  })

  it("marks estimated times as estimated", () => {
    const row = ["flightstats", "UA-1-SFO-ORD", "", "2011-12-01 2:07 PM (Estimated)", "", "", "", ""]
    expect(flightRowClaims(row, DAY, 1).claims[0]).toMatchObject({ certainty: "estimated", value: 847 })
  })

  it("rejects both times of a row whose arrival is far before its departure (a wrong day stamp)", () => {
    const row = ["orbitz", "UA-233-LAX-JFK", "9:00pDec 1", "", "", "12:29aDec 1", "", ""]
    const { claims, rejected } = flightRowClaims(row, DAY, 3)
    expect(claims).toEqual([])
    expect(rejected.map((r) => r.metric).sort()).toEqual(["arrival.scheduled", "departure.scheduled"])
    expect(rejected[0]!.reason).toContain("contradicts itself")
  })

  it("keeps a westbound flight that lands at an earlier wall-clock time", () => {
    const row = ["orbitz", "AA-1-ATL-DFW", "10:00aDec 1", "", "", "9:50aDec 1", "", ""]
    expect(flightRowClaims(row, DAY, 1).claims).toHaveLength(2)
  })

  it("rejects a row without a flight id", () => {
    expect(flightRowClaims(["aa", "not a flight", "12/01/2011 01:55 PM"], DAY, 1).rejected[0]!.reason).toContain("not a flight id")
  })

  it("makes a point claim for the engine and a catalog of real metrics and website sources", () => {
    const { claims } = flightRowClaims(["aa", "AA-1-TPA-MIA", "12/01/2011 01:55 PM", "", "", "", "", ""], DAY, 1)
    const c = toFlightClaim(claims[0]!)
    expect([c.lo, c.hi, c.value]).toEqual([835, 835, "12/01/2011 01:55 PM"])
    const catalog = buildFlightCatalog([c.event], ["aa", "ua", "aa"])
    expect(catalog.sources.map((s) => [s.id, s.kind, s.weight])).toEqual([["aa", "website", 1], ["ua", "website", 1]])
    expect(catalog.metrics.every((m) => m.kind === "real")).toBe(true)
    expect(catalog.events[0]).toMatchObject({ id: "AA-1-TPA-MIA@2011-12-01", date: "2011-12-01" })
  })
})

describe("flightGoldRow", () => {
  it("reads gold cells in their site's format; a date without a time has no gold value", () => {
    const row = ["AA-1522-SFO-ORD", "December 1, 2011               10:10 PM    ", "", "23", "December 2, 2011               05:50 AM    ", "December 2, 2011     ", "H1"]
    const { cells, gaps } = flightGoldRow(row, DAY)
    expect(cells.map((c) => [c.attribute, c.minutes])).toEqual([["scheduled_departure", 1330], ["scheduled_arrival", 1790]])
    expect(gaps.map((g) => g.reason)).toEqual(["a date without a time"])
  })
})

describe("readFlightFile", () => {
  it("streams a gzipped Latin-1 TSV line by line, skipping blank lines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flight-"))
    const file = path.join(dir, "20111201.txt.gz")
    const text = Buffer.concat([
      Buffer.from("den\tCO-1-IAH-DEN\t\t\t\t2011-12-01 1:17 PM\t\tM-", "latin1"),
      Buffer.from([0xa0]),
      Buffer.from("\n\naa\tAA-1-TPA-MIA\t12/01/2011 01:55 PM\t\t\t\t\t\n", "latin1"),
    ])
    fs.writeFileSync(file, gzipSync(text))
    const rows = []
    for await (const r of readFlightFile(file)) rows.push(r)
    expect(rows.map((r) => r.line)).toEqual([1, 3])
    expect(rows[0]!.fields[7]).toBe("M-\u00a0")
    expect(rows[1]!.fields[2]).toBe("12/01/2011 01:55 PM")
  })
})
