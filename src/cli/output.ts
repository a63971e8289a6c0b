import Table from "cli-table3"
import { stringify } from "csv-stringify/sync"

export type OutputFormat = "table" | "json" | "ndjson" | "csv"
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "ndjson", "csv"]

/** A column of table and CSV output: which field, under which header, how to show it. */
export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => unknown
}

/** How a value reads in a table or CSV cell: null as empty, objects as compact JSON, ∞ spelled out. */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "∞" : "-∞"
  if (typeof v === "string") return v
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(" > ")
  return JSON.stringify(v)
}

/**
 * The one renderer of records for every command (like sqlite-utils' shared output options):
 * `json` and `ndjson` print the records themselves (the SPEC §6 shapes); `table` and `csv` print
 * the chosen columns. Returns the text to write to stdout (ending in a newline, or empty).
 */
export const renderRecords = <T>(
  records: readonly T[], format: OutputFormat, columns: readonly Column<T>[],
  wrapWidth: number | null = process.stdout.isTTY ? 60 : null,
): string => {
  switch (format) {
    case "json":
      return `${JSON.stringify(records, null, 2)}\n`
    case "ndjson":
      return records.map((r) => `${JSON.stringify(r)}\n`).join("")
    case "csv":
      return stringify([columns.map((c) => c.header), ...records.map((r) => columns.map((c) => cellText(c.value(r))))])
    case "table": {
      if (records.length === 0) return "(none)\n"
      const rows = records.map((r) => columns.map((c) => cellText(c.value(r))))
      const table = new Table({
        head: columns.map((c) => c.header),
        style: { head: [], border: [] },
        // On a terminal, long cells (a conflict's reason) wrap instead of making lines too wide to read;
        // in a pipe every cell stays on one line, for grep.
        ...(wrapWidth !== null ? { colWidths: columns.map((c, i) => Math.min(wrapWidth, 2 + Math.max(c.header.length, ...rows.map((r) => r[i]!.length)))), wordWrap: true } : {}),
      })
      for (const r of rows) table.push(r)
      return `${table.toString()}\n`
    }
  }
}

/** `[12, 13]`, `[3001, ∞)`, `41`: how a range reads to a person. */
export const rangeText = (r: { lo: number | null; hi: number | null } | null): string => {
  if (r === null) return ""
  if (r.lo !== null && r.lo === r.hi) return String(r.lo)
  return `${r.lo === null ? "(-∞" : `[${r.lo}`}, ${r.hi === null ? "∞)" : `${r.hi}]`}`
}

/** How `reckon parse` reports a phrase (SPEC §3): its reading, or why it was rejected. */
export interface ParseRecord {
  readonly phrase: string
  readonly kind: "count" | "real"
  readonly ok: boolean
  /** null: unbounded on that side (or rejected). */
  readonly lo: number | null
  readonly hi: number | null
  /** The source's own estimate, as in "N (95% CI A–B)". */
  readonly best: number | null
  /** What a claim with this value gets when its record says no `certainty`. */
  readonly certainty: string | null
  readonly lo_strict: boolean
  readonly hi_strict: boolean
  readonly reason: string | null
  /** The word that was not understood, when that is why. */
  readonly word: string | null
}

/** "[5001, ∞)", "(5.5, ∞)": an interval with its strict sides as round brackets. */
export const readingText = (p: ParseRecord): string =>
  !p.ok ? "" : `${p.lo === null ? "(-∞" : `${p.lo_strict ? "(" : "["}${p.lo}`}, ${p.hi === null ? "∞)" : `${p.hi}${p.hi_strict ? ")" : "]"}`}`

/** "lower 5001 included; no upper bound". */
export const boundsText = (p: ParseRecord): string => {
  if (!p.ok) return ""
  const side = (name: string, x: number | null, strict: boolean): string =>
    x === null ? `no ${name} bound` : `${name} ${x} ${strict ? "excluded" : "included"}`
  return `${side("lower", p.lo, p.lo_strict)}; ${side("upper", p.hi, p.hi_strict)}`
}

/** The columns of `reckon parse` as a table or CSV. */
export const PARSE_COLUMNS: readonly Column<ParseRecord>[] = [
  { header: "phrase", value: (p) => p.phrase },
  { header: "kind", value: (p) => p.kind },
  { header: "reading", value: readingText },
  { header: "best", value: (p) => p.best },
  { header: "certainty", value: (p) => p.certainty },
  { header: "bounds", value: boundsText },
  { header: "reason", value: (p) => p.reason },
]

/**
 * A figure's best estimate as a table shows it: the number, or when the voices split exactly
 * between two values, both ("2975 or 4645"). CSV and JSON keep `best` a number and
 * `best_candidates` apart.
 */
export const bestText = (f: { best: number | null; best_candidates?: readonly number[] }): string | number | null =>
  f.best ?? (f.best_candidates !== undefined && f.best_candidates.length > 0 ? f.best_candidates.join(" or ") : null)
