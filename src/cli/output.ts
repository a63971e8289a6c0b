import Table from "cli-table3"
import { stringify } from "csv-stringify/sync"
import type { Reliability } from "../reliability/learn-reliability.js"

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

/** A number as a table cell: at most `digits` decimals (JSON keeps full precision). */
export const fixed = (x: number | null, digits = 3): string | null => (x === null ? null : String(Number(x.toFixed(digits))))

/** A source's learned reliability, as `reckon learn` and `reckon eval flight` print it. */
export interface ReliabilityRecord {
  readonly source: string
  readonly claims: number
  readonly contested: number
  readonly agreement: number | null
  readonly prior: number
  readonly weight: number
  readonly atPrior: boolean
  readonly group: string | null
}

/** The per-source table of learned reliability: contested cells, agreement with the others there, prior and weight. */
export const RELIABILITY_COLUMNS: readonly Column<ReliabilityRecord>[] = [
  { header: "source", value: (s) => s.source },
  { header: "claims", value: (s) => fixed(s.claims, 1) },
  { header: "contested cells", value: (s) => fixed(s.contested, 1) },
  { header: "agreement", value: (s) => fixed(s.agreement, 4) },
  { header: "prior", value: (s) => fixed(s.prior) },
  { header: "weight", value: (s) => fixed(s.weight) },
  { header: "evidence", value: (s) => (s.atPrior ? "too little: prior kept" : "learned") },
  { header: "copy group", value: (s) => s.group },
]

/** One dependent pair of sources behind a copy group, with the group it ties together. */
export interface CopyPairRecord {
  readonly group: string
  readonly members: readonly string[]
  readonly sources: readonly [string, string]
  readonly overlap: number
  readonly same: number
  readonly bothFalse: number
  readonly sharedFalse: number
  readonly expectedSharedFalse: number
  readonly score: number
}

/** The columns of a copy-evidence table (`reckon sources --copies`, `reckon eval flight`). */
export const COPY_COLUMNS: readonly Column<CopyPairRecord>[] = [
  { header: "group", value: (e) => e.group },
  { header: "members", value: (e) => e.members.join(", ") },
  { header: "source a", value: (e) => e.sources[0] },
  { header: "source b", value: (e) => e.sources[1] },
  { header: "shared items", value: (e) => e.overlap },
  { header: "same value", value: (e) => e.same },
  { header: "both false", value: (e) => e.bothFalse },
  { header: "shared false", value: (e) => e.sharedFalse },
  { header: "expected if independent", value: (e) => fixed(e.expectedSharedFalse, 1) },
  { header: "score", value: (e) => fixed(e.score, 1) },
]

/** The rows of `reckon eval flight`: one per split, method and attribute. */
export const EVAL_COLUMNS: readonly Column<{
  readonly split: string; readonly method: string; readonly attribute: string; readonly items: number
  readonly precision: number; readonly precision10: number; readonly coverage: number; readonly width: number
}>[] = [
  { header: "split", value: (r) => r.split },
  { header: "method", value: (r) => r.method },
  { header: "attribute", value: (r) => r.attribute },
  { header: "items", value: (r) => r.items },
  { header: "precision", value: (r) => fixed(r.precision, 4) },
  { header: "precision10", value: (r) => fixed(r.precision10, 4) },
  { header: "coverage", value: (r) => fixed(r.coverage, 4) },
  { header: "width", value: (r) => fixed(r.width, 2) },
]

/** The lines `reckon learn` (and `reckon eval flight`) print about what could and could not be learned. */
export const evidenceLines = (r: Reliability): string[] => {
  const min = r.options.minContested
  const most = r.sources.reduce((m, s) => Math.max(m, s.contested), 0)
  if (r.nothingToLearn) {
    return [`nothing to learn: no source shares ${min} or more contested cells (cells where another independent voice speaks too; ` +
      `the most any source has is ${most}); every weight stays at its prior`]
  }
  const kept = r.sources.filter((s) => s.atPrior).map((s) => s.source)
  return kept.length === 0 ? [] : [`${kept.length} source(s) with fewer than ${min} contested cells keep their prior: ${kept.join(", ")}`]
}
