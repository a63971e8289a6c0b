import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { buildGeneralStaffClaims, buildOryxClaims } from "../../../src/adapters/ua-losses-oryx/build-claims.js"
import { parseGeneralStaffCorrections, parseGeneralStaffTallies, type GsTally } from "../../../src/adapters/ua-losses-oryx/read-general-staff.js"
import { parseOryxDailyCount } from "../../../src/adapters/ua-losses-oryx/read-oryx.js"
import { gsJson, oryxCsv } from "./fixtures.js"

const tallies = parseGeneralStaffTallies(gsJson([
  { date: "2022-10-11", day: 229, APC: 5162, tank: 2500 },
  { date: "2022-10-12", day: 230, APC: 5181, tank: 2510 },
  { date: "2022-10-13", day: 231, APC: 5167, tank: 2505 },
  { date: "2022-10-14", day: 232, APC: 5172, tank: 2520 },
]))
// APC goes down with a correction; tank goes down without one; tank has a positive correction on 10-14.
const corrections = parseGeneralStaffCorrections(gsJson([
  { date: "2022-10-13", day: 231, APC: -25, tank: 0 },
  { date: "2022-10-14", day: 232, APC: 0, tank: 4 },
]))

describe("General Staff claims", () => {
  const claims = buildGeneralStaffClaims(tallies, corrections)
  const byId = new Map(claims.map((c) => [c.id, c]))

  it("makes one exact, quoted, dated claim per category per date", () => {
    expect(claims).toHaveLength(8)
    const c = byId.get("gs-apc-2022-10-12")
    expect(c).toMatchObject({ event: "ru-equipment-losses", metric: "losses.apc", source: "general-staff", value: 5181, at: "2022-10-12", stated: "2022-10-12", method: "statement", quote: '"APC": 5181' })
    expect(c?.url).toMatch(/^https:\/\/github\.com\/PetroIvaniuk\/2022-Ukraine-Russia-War-Dataset\/blob\/37655f8bbdd6806d2f94416253116b02a750c97b\/data\/russia_losses_equipment\.json#L\d+$/)
    for (const claim of claims) expect(claim.quote).toContain(String(claim.value))
  })

  it("supersedes the previous claim where a decrease has a matching correction, and cites it", () => {
    const c = byId.get("gs-apc-2022-10-13")
    expect(c?.supersedes).toBe("gs-apc-2022-10-12")
    expect(c?.note).toContain("APC −25")
    expect(c?.note).toContain("russia_losses_equipment_correction.json")
  })

  it("leaves a decrease without a correction as it is", () => {
    const c = byId.get("gs-tanks-2022-10-13")
    expect(c?.value).toBe(2505)
    expect(c?.supersedes).toBeUndefined()
    expect(c?.note).toBeUndefined()
  })

  it("cites a correction that explains no decrease without superseding anything", () => {
    const c = byId.get("gs-tanks-2022-10-14")
    expect(c?.supersedes).toBeUndefined()
    expect(c?.note).toContain("tank +4")
  })

  it("does not supersede when the correction has the wrong sign", () => {
    const up = parseGeneralStaffCorrections(gsJson([{ date: "2022-10-13", day: 231, APC: 3 }]))
    expect(buildGeneralStaffClaims(tallies, up).find((c) => c.id === "gs-apc-2022-10-13")?.supersedes).toBeUndefined()
  })

  it("refuses a category the mapping does not know", () => {
    const odd: GsTally[] = [{ date: "2022-10-11", key: "spaceships", value: 1, quote: '"spaceships": 1', line: 3 }]
    expect(() => buildGeneralStaffClaims(odd, [])).toThrow(/spaceships/)
  })

  test.prop([fc.array(fc.nat(), { minLength: tallies.length, maxLength: tallies.length })])(
    "does not depend on input order",
    (keys) => {
      const shuffled = tallies.map((t, i) => ({ t, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.t)
      expect(buildGeneralStaffClaims(shuffled, [...corrections].reverse())).toEqual(claims)
    },
  )
})

describe("Oryx claims", () => {
  const rows = parseOryxDailyCount(oryxCsv([
    "Russia,Aircraft,124,0,0,17,141,2025-05-18",
    "Russia,Aircraft,137,0,0,20,157,2025-06-08",
    "Russia,All Types,17198,1178,3096,909,22381,2025-06-08",
    "Russia,Infantry Fighting Vehicles,3492,381,622,149,4644,2024-09-30",
    "Ukraine,Aircraft,10,0,0,5,15,2025-06-08",
  ]))
  const claims = buildOryxClaims(rows)
  const byId = new Map(claims.map((c) => [c.id, c]))

  it("claims the total and each status as a floor, skipping unmapped types and other countries", () => {
    expect(claims).toHaveLength(15)
    expect(byId.get("oryx-aircraft-2025-06-08")).toMatchObject({ metric: "losses.aircraft", source: "oryx", value: "at least 157", at: "2025-06-08", method: "imagery" })
    expect(byId.get("oryx-aircraft-2025-06-08")?.note).toContain("type_total = 157 in daily_count.csv line 3: Russia,Aircraft,137,0,0,20,157,2025-06-08")
    expect(byId.get("oryx-aircraft-damaged-2025-06-08")?.note).toContain("damaged = 20")
    expect(byId.get("oryx-aircraft-destroyed-2025-06-08")?.value).toBe("at least 137")
    expect(byId.get("oryx-aircraft-damaged-2025-06-08")?.value).toBe("at least 20")
    expect(byId.get("oryx-aircraft-captured-2025-06-08")?.value).toBe("at least 0")
    expect(byId.get("oryx-apc-ifv-destroyed-2024-09-30")?.metric).toBe("losses.apc.ifv.destroyed")
    expect(byId.get("oryx-aircraft-2025-06-08")?.url).toMatch(/scarnecchia\/oryx_data\/blob\/a8624b4781666b73440fba89824133cb41531a72\/daily_count\.csv#L3$/)
    for (const c of claims) {
      expect(c.quote).toBeUndefined()
      expect(c.note).toContain(`= ${String(c.value).replace("at least ", "")} in daily_count.csv`)
    }
  })

  it("shows the seed's +13 destroyed and +3 damaged per status", () => {
    const n = (id: string) => Number(String(byId.get(id)?.value).replace("at least ", ""))
    expect(n("oryx-aircraft-destroyed-2025-06-08") - n("oryx-aircraft-destroyed-2025-05-18")).toBe(13)
    expect(n("oryx-aircraft-damaged-2025-06-08") - n("oryx-aircraft-damaged-2025-05-18")).toBe(3)
  })

  it("refuses a Russian type nobody decided on", () => {
    const odd = parseOryxDailyCount(oryxCsv(["Russia,Spaceships,1,0,0,0,1,2025-06-08"]))
    expect(() => buildOryxClaims(odd)).toThrow(/Spaceships/)
  })
})
