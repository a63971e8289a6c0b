import { describe, expect, it } from "vitest"
import { claimInterval, deriveFindings, type MetricRelations } from "../../../src/adapters/ua-losses-oryx/findings.js"
import type { ClaimRecord } from "../../../src/adapters/ua-losses-oryx/types.js"

const claim = (source: "general-staff" | "oryx", metric: string, at: string, value: number | string, extra: Partial<ClaimRecord> = {}): ClaimRecord => ({
  id: `${source === "oryx" ? "oryx" : "gs"}-${metric.replace("losses.", "").replaceAll(".", "-")}-${at}`,
  event: "ru-equipment-losses", metric, source, value, at, stated: at,
  method: source === "oryx" ? "imagery" : "statement", quote: String(value), url: "https://example.org", ...extra,
})

const statuses = (m: string) => ["destroyed", "damaged", "abandoned", "captured"].map((s) => `${m}.${s}`)
const metrics: MetricRelations[] = [
  { id: "losses.aircraft", parts: statuses("losses.aircraft") },
  ...statuses("losses.aircraft").map((id) => ({ id })),
  { id: "losses.apc", parts: ["losses.apc.ifv", "losses.apc.afv"] },
  { id: "losses.apc.ifv" }, { id: "losses.apc.afv" },
  { id: "losses.tanks" },
]
const none = { wholes: [], parts: [] }

describe("deriving findings", () => {
  it("reads the two value forms the adapter writes", () => {
    expect(claimInterval(413)).toEqual({ lo: 413, hi: 413 })
    expect(claimInterval("at least 137")).toEqual({ lo: 137, hi: Infinity })
    expect(() => claimInterval("about 5")).toThrow()
  })

  it("finds the days an exact tally goes down, corrected or not", () => {
    const claims = [
      claim("general-staff", "losses.tanks", "2023-05-27", 3799),
      claim("general-staff", "losses.tanks", "2023-05-28", 3797),
      claim("general-staff", "losses.tanks", "2023-05-29", 3801),
      claim("general-staff", "losses.apc", "2022-10-12", 5181),
      claim("general-staff", "losses.apc", "2022-10-13", 5167, { supersedes: "gs-apc-2022-10-12" }),
    ]
    const f = deriveFindings(claims, metrics, none)
    expect(f.tallyDowns.map((d) => [d.metric, d.at, d.from, d.to, d.corrected])).toEqual([
      ["losses.apc", "2022-10-13", 5181, 5167, true],
      ["losses.tanks", "2023-05-28", 3799, 3797, false],
    ])
  })

  it("counts a falling Oryx floor as the audit does: a lower bound that goes down, uncorrected", () => {
    const claims = [
      claim("oryx", "losses.aircraft", "2023-03-16", "at least 79"),
      claim("oryx", "losses.aircraft", "2023-03-26", "at least 78"),
      claim("oryx", "losses.aircraft", "2023-04-24", "at least 80"),
    ]
    expect(deriveFindings(claims, metrics, none).tallyDowns.map((d) => [d.source, d.at, d.from, d.to, d.corrected])).toEqual([
      ["oryx", "2023-03-26", 79, 78, false],
    ])
  })

  it("finds direct conflicts against Oryx's latest floor at or before the date", () => {
    const claims = [
      claim("oryx", "losses.aircraft", "2022-03-19", "at least 13"),
      claim("general-staff", "losses.aircraft", "2022-03-18", 10), // before Oryx's row: no floor yet
      claim("general-staff", "losses.aircraft", "2022-03-19", 12),
      claim("general-staff", "losses.aircraft", "2022-03-20", 13),
    ]
    const f = deriveFindings(claims, metrics, none)
    expect(f.conflicts).toEqual([{ metric: "losses.aircraft", at: "2022-03-19", kind: "direct", claim: "gs-aircraft-2022-03-19", value: 12, floor: 13, sameCell: true }])
    expect(f.closest[0]).toMatchObject({ at: "2022-03-19", gap: -1 })
  })

  it("finds cross-cell conflicts against the sum of the floors on the parts", () => {
    const claims = [
      claim("oryx", "losses.apc.ifv", "2024-09-30", "at least 60"),
      claim("oryx", "losses.apc.afv", "2024-09-29", "at least 50"),
      claim("general-staff", "losses.apc", "2024-09-30", 100),
      claim("general-staff", "losses.apc", "2024-10-01", 120),
    ]
    const f = deriveFindings(claims, metrics, none)
    expect(f.conflicts).toEqual([{ metric: "losses.apc", at: "2024-09-30", kind: "cross-cell", claim: "gs-apc-2024-09-30", value: 100, floor: 110, sameCell: false }])
  })

  it("pins consistent figures, the status parts' relation ranges, and the decreases", () => {
    const claims = [
      ...["destroyed", "damaged", "abandoned", "captured"].map((s, i) => claim("oryx", `losses.aircraft.${s}`, "2025-06-08", `at least ${[137, 20, 0, 0][i]}`)),
      claim("oryx", "losses.aircraft", "2025-06-08", "at least 157"),
      claim("general-staff", "losses.aircraft", "2025-06-08", 414),
      claim("general-staff", "losses.apc", "2022-10-11", 5162),
      claim("general-staff", "losses.apc", "2022-10-12", 5181),
      claim("general-staff", "losses.apc", "2022-10-13", 5167, { supersedes: "gs-apc-2022-10-12" }),
    ]
    const f = deriveFindings(claims, metrics, {
      wholes: [{ metric: "losses.aircraft", at: "2025-06-08", why: "seed" }],
      parts: [{ metric: "losses.aircraft.destroyed", at: "2025-06-08", why: "seed" }],
    })
    const fig = (metric: string, at: string) => f.figures.find((x) => x.metric === metric && x.at === at)
    expect(fig("losses.aircraft", "2025-06-08")).toMatchObject({ range: [414, 414], status: "consistent" })
    expect(fig("losses.aircraft.destroyed", "2025-06-08")?.range).toEqual([137, 394])
    expect(fig("losses.apc", "2022-10-13")).toMatchObject({ range: [5167, 5167], status: "single-source" })
    // The superseded day: claim of the day before (lower) and the correcting claim (upper).
    expect(fig("losses.apc", "2022-10-12")?.range).toEqual([5162, 5167])
  })
})
