/**
 * Reading Oryx's daily_count.csv (scarnecchia/oryx_data). Pure: text in, rows out.
 */
import { parse } from "csv-parse/sync"

/** One running-tally row: the counts per status and the total as of `date`. */
export interface OryxRow {
  readonly country: string
  readonly equipmentType: string
  readonly destroyed: number
  readonly abandoned: number
  readonly captured: number
  readonly damaged: number
  readonly total: number
  readonly date: string
  /** 1-based line of the row in the file. */
  readonly line: number
  /** The row's text up to and including date_recorded, verbatim: `Russia,Aircraft,137,0,0,20,157,2025-06-08`. */
  readonly fragment: string
}

/** The columns in the order the fragment shows them, for notes that explain a fragment. */
export const ORYX_FRAGMENT_COLUMNS = "country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded"

const REQUIRED = ["country", "equipment_type", "destroyed", "abandoned", "captured", "damaged", "type_total", "date_recorded"] as const

const toCount = (text: string | undefined, what: string, line: number): number => {
  const n = Number(text)
  if (text === undefined || text.trim() === "" || !Number.isInteger(n) || n < 0) {
    throw new Error(`daily_count.csv:${line}: ${what} is not a count: ${JSON.stringify(text)}`)
  }
  return n
}

/**
 * Parses daily_count.csv. Rows of every country are returned; callers filter.
 * @example parseOryxDailyCount("country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded\nRussia,Aircraft,13,0,0,0,13,2022-03-19\n")
 *   // → [{ country: "Russia", equipmentType: "Aircraft", destroyed: 13, …, line: 2, fragment: "Russia,Aircraft,13,0,0,0,13,2022-03-19" }]
 */
export const parseOryxDailyCount = (text: string): OryxRow[] => {
  const records = parse(text, { raw: true, info: true }) as unknown as { record: string[]; raw: string; info: { lines: number } }[]
  const header = records[0]?.record ?? []
  const col = Object.fromEntries(REQUIRED.map((name) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`daily_count.csv: missing column ${name}`)
    return [name, i]
  })) as Record<(typeof REQUIRED)[number], number>
  if (col.date_recorded !== REQUIRED.length - 1 || col.country !== 0) {
    throw new Error("daily_count.csv: unexpected column order; fragments would not be verbatim prefixes")
  }
  return records.slice(1).map(({ record, raw, info }) => {
    const line = info.lines
    const date = record[col.date_recorded] ?? ""
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`daily_count.csv:${line}: bad date_recorded ${JSON.stringify(date)}`)
    const end = raw.indexOf(`,${date}`)
    return {
      country: record[col.country] ?? "",
      equipmentType: record[col.equipment_type] ?? "",
      destroyed: toCount(record[col.destroyed], "destroyed", line),
      abandoned: toCount(record[col.abandoned], "abandoned", line),
      captured: toCount(record[col.captured], "captured", line),
      damaged: toCount(record[col.damaged], "damaged", line),
      total: toCount(record[col.type_total], "type_total", line),
      date,
      line,
      fragment: raw.slice(0, end + date.length + 1),
    }
  })
}
