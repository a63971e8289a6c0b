import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { sharedDataDir } from "../../support/shared-data.js"
import {
  GS_CATEGORIES, ORYX_CATEGORIES, gsCategoryByKey, metricSlug, oryxCategoryByType, statusMetric,
} from "../../../src/adapters/ua-losses-oryx/category-mapping.js"
import { isUnmappedOryxType } from "../../../src/adapters/ua-losses-oryx/build-claims.js"
import { parseGeneralStaffTallies } from "../../../src/adapters/ua-losses-oryx/read-general-staff.js"
import { parseOryxDailyCount } from "../../../src/adapters/ua-losses-oryx/read-oryx.js"

const FOUND = sharedDataDir()
const DATA = FOUND ?? join(process.cwd(), "../shared/data")
/** Tests that read the real third-party data; skipped (and said so) where a clone has none. */
const withData = it.skipIf(FOUND === null)

describe("category mapping", () => {
  it("names the seed's categories as the brief asks", () => {
    expect(gsCategoryByKey("aircraft")?.metric).toBe("losses.aircraft")
    expect(gsCategoryByKey("tank")?.metric).toBe("losses.tanks")
    expect(gsCategoryByKey("APC")?.metric).toBe("losses.apc")
    expect(oryxCategoryByType("Aircraft")?.metric).toBe("losses.aircraft")
    expect(statusMetric("losses.aircraft", "destroyed")).toBe("losses.aircraft.destroyed")
  })

  it("maps both spellings of a renamed Oryx category to one metric", () => {
    expect(oryxCategoryByType("Multiple Rocket Launchers")?.metric).toBe("losses.mrl")
    expect(oryxCategoryByType("Rocket and Missile Artillery")?.metric).toBe("losses.mrl")
  })

  it("puts SAM systems under air defence, not under MRL as the upstream mapping file does", () => {
    expect(oryxCategoryByType("Surface-To-Air Missile Systems")?.partOf).toBe("losses.air-defence")
  })

  it("gives every metric a unique id and every part a General Staff whole", () => {
    const gsMetrics = new Set(GS_CATEGORIES.map((c) => c.metric))
    expect(gsMetrics.size).toBe(GS_CATEGORIES.length)
    const oryxMetrics = ORYX_CATEGORIES.map((c) => c.metric)
    expect(new Set(oryxMetrics).size).toBe(oryxMetrics.length)
    for (const c of ORYX_CATEGORIES) if (c.partOf) expect(gsMetrics.has(c.partOf)).toBe(true)
    // A GS metric takes Oryx either directly or through parts, never both.
    for (const gs of GS_CATEGORIES) {
      const direct = ORYX_CATEGORIES.some((o) => o.metric === gs.metric)
      const parts = ORYX_CATEGORIES.some((o) => o.partOf === gs.metric)
      expect(direct && parts).toBe(false)
    }
  })

  it("slugs metrics for readable ids", () => {
    expect(metricSlug("losses.apc.ifv.destroyed")).toBe("apc-ifv-destroyed")
    expect(metricSlug("losses.vehicles-and-fuel-tanks")).toBe("vehicles-and-fuel-tanks")
  })

  withData("covers every tally key of the real General Staff file", () => {
    const keys = new Set(parseGeneralStaffTallies(readFileSync(join(DATA, "ua-losses/russia_losses_equipment.json"), "utf8")).map((t) => t.key))
    for (const key of keys) expect(gsCategoryByKey(key), key).toBeDefined()
  })

  withData("decides on every Russian equipment type of the real Oryx file", () => {
    const rows = parseOryxDailyCount(readFileSync(join(DATA, "oryx/daily_count.csv"), "utf8"))
    const types = new Set(rows.filter((r) => r.country === "Russia").map((r) => r.equipmentType))
    for (const t of types) {
      const mapped = oryxCategoryByType(t) !== undefined
      expect(mapped !== isUnmappedOryxType(t), t).toBe(true)
    }
  })
})
