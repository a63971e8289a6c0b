import Table from "cli-table3"
import { stringify } from "csv-stringify/sync"

export type OutputFormat = "table" | "json" | "ndjson" | "csv"
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "ndjson", "csv"]

/** A column of table and CSV output: which field, under which header, how to show it. */
export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => unknown
}

/**
 * Characters a terminal acts on rather than shows: C0 controls (ESC, CR, NUL, newline, tab…), DEL,
 * C1 controls (8-bit CSI/OSC), line and paragraph separators, and bidirectional overrides (which
 * reorder what is shown around them).
 */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROL_TEST = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" }

const escapeControl = (c: string): string => {
  const named = NAMED[c]
  if (named !== undefined) return named
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/**
 * Text from the data made safe to print on a terminal (SPEC §8): every control character is
 * written as a visible escape (`\n`, `\r`, `\x1b`, `\u202e`), so a value can neither move the
 * cursor, retitle the terminal, nor start a line of its own that forges a `file:line:` message.
 * Backslashes are left as they are: the point is inertness, not a reversible encoding.
 * @example inert("a\x1b]0;pwned\x07\nb") === "a\\x1b]0;pwned\\x07\\nb"
 */
export const inert = (text: string): string => (CONTROL_TEST.test(text) ? text.replace(CONTROL, escapeControl) : text)

/** `inert` applied to every string inside a value (objects and arrays are copied), for reports built elsewhere. */
export const inertDeep = <T>(value: T): T => {
  if (typeof value === "string") return inert(value) as T
  if (Array.isArray(value)) return value.map(inertDeep) as T
  if (value instanceof Set || value instanceof Map || value === null || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[inert(k)] = inertDeep(v)
  return out as T
}

/** How a value reads in a table or CSV cell: null as empty, objects as compact JSON, ∞ spelled out. */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "∞" : "-∞"
  if (typeof v === "string") return v
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(" > ")
  return JSON.stringify(v, jsonReplacer)
}

/** The first characters that make a spreadsheet read a cell as a formula (or a DDE call). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A CSV cell made safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'` (OWASP's advice against formula injection). Numbers we print (`-3`, `-∞`) are
 * never text from the data, so they stay as they are and the CSV stays typed.
 */
export const csvCell = (v: unknown, raw = false): string => {
  const text = cellText(v)
  return !raw && typeof v !== "number" && FORMULA_START.test(text) ? `'${text}` : text
}

/** Sets and maps have no JSON form of their own (`{}`): print them as arrays and objects. */
const jsonReplacer = (_key: string, v: unknown): unknown =>
  v instanceof Set ? [...v] : v instanceof Map ? Object.fromEntries(v) : v

/** C1 controls, DEL and bidi overrides are valid unescaped in JSON: escape them too, the value is unchanged. */
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const jsonText = (value: unknown, indent?: number): string =>
  JSON.stringify(value, jsonReplacer, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** Print settings that apply to every command (set once from the command line, see main.ts). */
export const outputSettings = {
  /** `--csv-raw`: CSV cells exactly as stored, without the formula-injection prefix. */
  csvRaw: false,
}

/**
 * The one renderer of records for every command (like sqlite-utils' shared output options):
 * `json` and `ndjson` print the records themselves (the SPEC §6 shapes); `table` and `csv` print
 * the chosen columns. Table cells are `inert`; CSV cells are guarded against formula injection
 * (`csvCell`). Returns the text to write to stdout (ending in a newline, or empty).
 */
export const renderRecords = <T>(
  records: readonly T[], format: OutputFormat, columns: readonly Column<T>[],
  wrapWidth: number | null = process.stdout.isTTY ? 60 : null,
): string => {
  switch (format) {
    case "json":
      return `${jsonText(records, 2)}\n`
    case "ndjson":
      return records.map((r) => `${jsonText(r)}\n`).join("")
    case "csv": {
      const raw = outputSettings.csvRaw
      return stringify([columns.map((c) => csvCell(c.header, raw)), ...records.map((r) => columns.map((c) => csvCell(c.value(r), raw)))])
    }
    case "table": {
      if (records.length === 0) return "(none)\n"
      const rows = records.map((r) => columns.map((c) => inert(cellText(c.value(r)))))
      const table = new Table({
        head: columns.map((c) => inert(c.header)),
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

/** One diagnostic line for stderr (`file:line: reason`, `reckon: …`): inert, so it stays one line. */
export const diagnosticLine = (text: string): string => `${inert(text)}\n`

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
