/**
 * Rows of the two upstream series → SPEC §2.2 claim records. Pure and deterministic: the output
 * order is category order, then date, whatever the input order.
 */
import {
  GS_CATEGORIES, ORYX_CATEGORIES, ORYX_STATUSES, UNMAPPED_ORYX, gsCategoryByKey, metricSlug,
  oryxCategoryByType, statusMetric,
} from "./category-mapping.js"
import { gsCorrectionUrl, gsEquipmentUrl, oryxDailyUrl } from "./provenance.js"
import type { GsCorrection, GsTally } from "./read-general-staff.js"
import { ORYX_FRAGMENT_COLUMNS, type OryxRow } from "./read-oryx.js"
import { EVENT_ID, GS_SOURCE, ORYX_SOURCE, type ClaimRecord } from "./types.js"
import { groupBy } from "../../domain/group-by.js"

/**
 * The id of the General Staff claim of a metric on a date.
 * @example gsClaimId("losses.aircraft", "2025-06-03") === "gs-aircraft-2025-06-03"
 */
export const gsClaimId = (metric: string, date: string): string => `gs-${metricSlug(metric)}-${date}`

/**
 * The id of an Oryx claim of a metric on a date.
 * @example oryxClaimId("losses.aircraft.destroyed", "2025-06-08") === "oryx-aircraft-destroyed-2025-06-08"
 */
export const oryxClaimId = (metric: string, date: string): string => `oryx-${metricSlug(metric)}-${date}`

const formatSigned = (n: number): string => (n < 0 ? `−${-n}` : `+${n}`)

const correctionNote = (c: GsCorrection, decreased: boolean): string =>
  `General Staff correction of ${c.date}: ${c.key} ${formatSigned(c.delta)} ` +
  `(russia_losses_equipment_correction.json, ${gsCorrectionUrl(c.line)})` +
  (decreased ? "; the tally went down this day, so this claim supersedes the previous day's" : "")

/**
 * One claim per General Staff category per date: the exact number, method `statement`, the
 * verbatim json fragment as quote. A tally that goes down on a date whose correction adjusts the
 * same category downwards supersedes the previous claim of the category; a decrease without such a
 * correction is left as it is (the audit reports it). Any non-zero correction is cited in `note`.
 * Throws on a json key the mapping does not know, so a new upstream category gets a decision.
 */
export const buildGeneralStaffClaims = (
  tallies: readonly GsTally[],
  corrections: readonly GsCorrection[],
): ClaimRecord[] => {
  const correctionOf = new Map(corrections.map((c) => [`${c.date}|${c.key}`, c]))
  for (const t of tallies) {
    if (!gsCategoryByKey(t.key)) throw new Error(`General Staff key ${JSON.stringify(t.key)} (${t.date}) is not in the category mapping`)
  }
  const byKey = groupBy(tallies, (t) => t.key)
  const out: ClaimRecord[] = []
  for (const category of GS_CATEGORIES) {
    const series = [...(byKey.get(category.key) ?? [])].sort((a, b) => a.date.localeCompare(b.date))
    series.forEach((t, i) => {
      const previous = i > 0 ? series[i - 1] : undefined
      if (previous && previous.date === t.date) throw new Error(`two General Staff tallies for ${t.key} on ${t.date}`)
      const correction = correctionOf.get(`${t.date}|${t.key}`)
      const decreased = previous !== undefined && t.value < previous.value
      const corrected = decreased && correction !== undefined && correction.delta < 0
      out.push({
        id: gsClaimId(category.metric, t.date),
        event: EVENT_ID,
        metric: category.metric,
        source: GS_SOURCE,
        value: t.value,
        at: t.date,
        stated: t.date,
        method: "statement",
        quote: t.quote,
        url: gsEquipmentUrl(t.line),
        ...(corrected && previous ? { supersedes: gsClaimId(category.metric, previous.date) } : {}),
        ...(correction ? { note: correctionNote(correction, corrected) } : {}),
      })
    })
  }
  return out
}

/** Whether an Oryx equipment type is one the mapping leaves out on purpose. */
export const isUnmappedOryxType = (type: string): boolean =>
  UNMAPPED_ORYX.some((u) => {
    const stem = u.type.split(" - N")[0] ?? u.type
    return type === u.type || (u.type.includes(" - N") && type.startsWith(`${stem} - `))
  })

const oryxClaim = (metric: string, row: OryxRow, n: number, column: string): ClaimRecord => ({
  id: oryxClaimId(metric, row.date),
  event: EVENT_ID,
  metric,
  source: ORYX_SOURCE,
  value: `at least ${n}`,
  at: row.date,
  stated: row.date,
  method: "imagery",
  // No `quote`: a CSV fragment such as "…,0,20,157,2025-06-08" reads as thousands separators
  // ("20,157") to any number finder, so the audit could not check it. The url names the line,
  // and the note carries the row verbatim.
  url: oryxDailyUrl(row.line),
  note: `visually confirmed floor; ${column} = ${n} in daily_count.csv line ${row.line}: ${row.fragment} (${ORYX_FRAGMENT_COLUMNS})`,
})

/**
 * Per Oryx row (country Russia, mapped type): the total as `at least type_total` on the category
 * metric and each status as `at least N` on its status part; method `imagery`, provenance the url
 * of the row's line plus the row verbatim in `note`, `at` = the row's
 * date_recorded (a tally holds until its next row, which SPEC §4.7 gives cumulative floors anyway).
 * Throws on a Russian equipment type that is neither mapped nor deliberately unmapped.
 */
export const buildOryxClaims = (rows: readonly OryxRow[]): ClaimRecord[] => {
  const mapped = rows.filter((row) => {
    if (row.country !== "Russia") return false
    if (oryxCategoryByType(row.equipmentType)) return true
    if (isUnmappedOryxType(row.equipmentType)) return false
    throw new Error(`Oryx equipment type ${JSON.stringify(row.equipmentType)} (line ${row.line}) is not in the category mapping`)
  })
  const byMetric = groupBy(mapped, (row) => oryxCategoryByType(row.equipmentType)!.metric)
  const out: ClaimRecord[] = []
  for (const category of ORYX_CATEGORIES) {
    const series = [...(byMetric.get(category.metric) ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.line - b.line)
    series.forEach((row, i) => {
      if (i > 0 && series[i - 1]?.date === row.date) throw new Error(`two Oryx rows for ${category.metric} on ${row.date}`)
      out.push(oryxClaim(category.metric, row, row.total, "type_total"))
      for (const status of ORYX_STATUSES) out.push(oryxClaim(statusMetric(category.metric, status), row, row[status], status))
    })
  }
  return out
}
