import { describe, expect, it } from "vitest"
import { parseOryxDailyCount } from "../../../src/adapters/ua-losses-oryx/read-oryx.js"
import { oryxCsv } from "./fixtures.js"

describe("reading Oryx's daily_count.csv", () => {
  it("reads counts, date, line and the verbatim row prefix, also for quoted types", () => {
    const text = oryxCsv([
      "Russia,Aircraft,137,0,0,20,157,2025-06-08",
      'Russia,"Trucks, Vehicles, and Jeeps",3179,52,582,103,3916,2025-03-21',
    ])
    const rows = parseOryxDailyCount(text)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ country: "Russia", equipmentType: "Aircraft", destroyed: 137, damaged: 20, total: 157, date: "2025-06-08", line: 2 })
    expect(rows[0]?.fragment).toBe("Russia,Aircraft,137,0,0,20,157,2025-06-08")
    expect(rows[1]?.equipmentType).toBe("Trucks, Vehicles, and Jeeps")
    expect(rows[1]?.fragment).toBe('Russia,"Trucks, Vehicles, and Jeeps",3179,52,582,103,3916,2025-03-21')
    const lines = text.split("\n")
    for (const r of rows) expect(lines[r.line - 1]?.startsWith(r.fragment)).toBe(true)
  })

  it("rejects a count that is not a non-negative integer, naming the line", () => {
    expect(() => parseOryxDailyCount(oryxCsv(["Russia,Aircraft,x,0,0,0,0,2025-06-08"]))).toThrow(/daily_count.csv:2: destroyed/)
  })
})
