/** Tiny upstream-shaped inputs for the adapter's tests (same layout as the real files). */

/** A General Staff tally file in the upstream layout (4-space pretty JSON, one key per line). */
export const gsJson = (entries: readonly Record<string, string | number>[]): string =>
  JSON.stringify(entries, null, 4)

export const ORYX_HEADER =
  "country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded,destroyed_diff,abandoned_diff,captured_diff,damaged_diff,type_total_diff"

/** An Oryx daily_count.csv with the given data lines (diff columns filled with zeros). */
export const oryxCsv = (lines: readonly string[]): string =>
  `${ORYX_HEADER}\n${lines.map((l) => `${l},0,0,0,0,0`).join("\n")}\n`
