import { describe, expect, it } from "vitest"
import {
  parseGeneralStaffCorrections, parseGeneralStaffTallies, scanDatedNumbers,
} from "../../../src/adapters/ua-losses-oryx/read-general-staff.js"
import { gsJson } from "./fixtures.js"

describe("reading the General Staff files", () => {
  const text = gsJson([
    { date: "2025-06-02", day: 1195, aircraft: 372, "field artillery": 28575 },
    { date: "2025-06-03", day: 1196, aircraft: 413, "field artillery": 28623, "greatest losses direction": "Bakhmut" },
  ])

  it("returns every numeric key but `day`, with its verbatim fragment and line", () => {
    const rows = parseGeneralStaffTallies(text)
    expect(rows.map((r) => [r.date, r.key, r.value])).toEqual([
      ["2025-06-02", "aircraft", 372], ["2025-06-02", "field artillery", 28575],
      ["2025-06-03", "aircraft", 413], ["2025-06-03", "field artillery", 28623],
    ])
    const lines = text.split("\n")
    for (const r of rows) {
      expect(lines[r.line - 1]).toContain(r.quote)
      expect(r.quote).toBe(`"${r.key}": ${r.value}`)
    }
  })

  it("refuses a layout its line scan cannot follow, instead of quoting wrongly", () => {
    const compact = JSON.stringify([{ date: "2025-06-03", aircraft: 413 }])
    expect(() => scanDatedNumbers(compact)).toThrow(/disagrees/)
  })

  it("keeps only non-zero corrections, signed", () => {
    const corr = gsJson([{ date: "2022-10-13", day: 231, aircraft: 0, APC: -25, "field artillery": 32 }])
    expect(parseGeneralStaffCorrections(corr).map((c) => [c.date, c.key, c.delta])).toEqual([
      ["2022-10-13", "APC", -25], ["2022-10-13", "field artillery", 32],
    ])
  })
})
