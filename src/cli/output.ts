import Table from "cli-table3"
import { stringify } from "csv-stringify/sync"
import type { Reliability } from "../reliability/learn-reliability.js"
import type { StoredCopyEvidence } from "../reliability/stored-reliability.js"

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
export interface CopyPairRecord extends StoredCopyEvidence {
  readonly members: readonly string[]
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
