import { stringify } from "csv-stringify/sync"
import type { Reliability } from "../reliability/learn-reliability.js"

export type OutputFormat = "table" | "json" | "ndjson" | "csv"
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "ndjson", "csv"]

/** Print settings that apply to every command (set once from the command line, see main.ts). */
export const outputSettings = {
  /** `--csv-raw`: CSV cells exactly as stored, without the formula-injection prefix. */
  csvRaw: false,
  /** `--quiet`: no progress and no summary lines on stderr. */
  quiet: false,
  /** `--wide`: long table cells wrap instead of being cut. */
  wide: false,
  /** Styling escapes allowed (a terminal, no NO_COLOR, no --no-color). */
  color: false,
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

/** A column of table and CSV output: its snake_case name (the header) and how to get its value. */
export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => unknown
}

/** How a value reads in a table cell: null as empty, objects as compact JSON, ∞ spelled out. */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "∞" : "-∞"
  if (typeof v === "string") return v
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(" > ")
  return JSON.stringify(v, jsonReplacer)
}

/** How a value reads in a CSV cell, typed: numbers as digits, null as empty, a chain of ids as `a>b>c`. */
export const csvText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : ""
  if (typeof v === "boolean") return v ? "true" : "false"
  if (typeof v === "string") return v
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(">")
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
  const text = csvText(v)
  return !raw && typeof v !== "number" && FORMULA_START.test(text) ? `'${text}` : text
}

/** Sets and maps have no JSON form of their own (`{}`): print them as arrays and objects. */
const jsonReplacer = (_key: string, v: unknown): unknown =>
  v instanceof Set ? [...v] : v instanceof Map ? Object.fromEntries(v) : v

/** C1 controls, DEL and bidi overrides are valid unescaped in JSON: escape them too, the value is unchanged. */
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const jsonText = (value: unknown, indent?: number): string =>
  JSON.stringify(value, jsonReplacer, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** Where rendered text goes; a promise when the writer should wait before sending more. */
export type Sink = (text: string) => void | Promise<void>

/** Table layout: the width to fit (null: no limit, as in a pipe) and whether long cells wrap. */
export interface TableLayout {
  readonly width: number | null
  readonly wrap: boolean
}

/** The layout of stdout: the terminal's width when it is one, and `--wide`. */
export const stdoutLayout = (): TableLayout => ({
  width: process.stdout.isTTY ? process.stdout.columns || 80 : null,
  wrap: outputSettings.wide,
})

const COMBINING = /\p{M}/u

/** The columns a text takes on a terminal (code points; combining marks take none). */
export const displayWidth = (text: string): number => {
  let n = 0
  for (const ch of text) if (!COMBINING.test(ch)) n++
  return n
}

/** `text` cut to `width` columns, ending in `…` when something was cut. */
export const cutText = (text: string, width: number): string => {
  if (displayWidth(text) <= width) return text
  if (width <= 0) return ""
  let out = ""
  let n = 0
  for (const ch of text) {
    const w = COMBINING.test(ch) ? 0 : 1
    if (n + w > width - 1) break
    out += ch
    n += w
  }
  return `${out}…`
}

/** `text` in lines of at most `width` columns, broken at spaces where it can be, inside words where it must. */
export const wrapText = (text: string, width: number): string[] => {
  if (width <= 0) return [text]
  const lines: string[] = []
  let line = ""
  const push = () => {
    lines.push(line)
    line = ""
  }
  for (const word of text.split(" ")) {
    let rest = word
    while (displayWidth(rest) > width) {
      if (line !== "") push()
      const head = [...rest].slice(0, width).join("")
      lines.push(head)
      rest = rest.slice(head.length)
    }
    if (line === "") line = rest
    else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`
    else {
      push()
      line = rest
    }
  }
  if (line !== "" || lines.length === 0) push()
  return lines
}

/** Two spaces between table columns. */
const GAP = 2
/** A column narrowed to fit is never narrower than this (or its natural width, if less). */
const MIN_COLUMN = 6

/**
 * Column widths that fit `width`: each column at its natural width if they all fit, else every
 * column wider than a common cap cut down to it (the largest cap that fits), never below
 * `MIN_COLUMN`; a table that cannot fit even then keeps the minimum widths.
 */
export const fitColumns = (natural: readonly number[], width: number | null): number[] => {
  const room = width === null ? Infinity : width - GAP * Math.max(0, natural.length - 1)
  const total = (cap: number) => natural.reduce((s, w) => s + Math.min(w, Math.max(cap, Math.min(w, MIN_COLUMN))), 0)
  if (total(Infinity) <= room) return [...natural]
  let lo = 0
  let hi = Math.max(...natural)
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (total(mid) <= room) lo = mid
    else hi = mid - 1
  }
  return natural.map((w) => Math.min(w, Math.max(lo, Math.min(w, MIN_COLUMN))))
}

/**
 * Renders tables the way sqlite-utils and gh do: a header, a rule under it, one line per row
 * (no rule between rows), columns two spaces apart, fitted to the layout's width: a long cell is
 * cut with `…`, or wrapped over several lines with `wrap`. Widths are taken from the rows given
 * to `layoutFrom`; later rows keep them (a stream is printed as it comes).
 */
class TableWriter {
  private widths: number[] | null = null
  constructor(private readonly headers: readonly string[], private readonly layout: TableLayout) {}

  /** Fixes the column widths from a sample of rows; returns the header lines. */
  start(sample: readonly (readonly string[])[]): string {
    const natural = this.headers.map((h, i) => Math.max(displayWidth(h), ...sample.map((r) => displayWidth(r[i]!))))
    this.widths = fitColumns(natural, this.layout.width)
    return this.line(this.headers, this.layout.wrap) + this.line(this.widths.map((w) => "-".repeat(w)), false)
  }

  row(cells: readonly string[]): string {
    return this.line(cells, this.layout.wrap)
  }

  private line(cells: readonly string[], wrap: boolean): string {
    const widths = this.widths!
    const last = cells.length - 1
    if (!wrap) {
      return `${cells.map((c, i) => {
        const text = this.layout.width === null ? c : cutText(c, widths[i]!)
        return i === last ? text : text + " ".repeat(Math.max(0, widths[i]! - displayWidth(text)))
      }).join(" ".repeat(GAP)).trimEnd()}\n`
    }
    const wrapped = cells.map((c, i) => wrapText(c, widths[i]!))
    const height = Math.max(...wrapped.map((w) => w.length))
    let out = ""
    for (let k = 0; k < height; k++) out += this.line(wrapped.map((w) => w[k] ?? ""), false)
    return out
  }
}

/** A table's widths come from at most this many rows; later rows of a long stream keep them. */
export const TABLE_SAMPLE = 1000

/** A writer of records, one at a time, so that long lists print as they are read. */
export interface RecordWriter<T> {
  readonly write: (record: T) => void | Promise<void>
  /** Ends the output (closes a JSON array, prints a table still held for its widths). */
  readonly end: (footer?: string) => void | Promise<void>
}

/**
 * The one writer of records for every command (like sqlite-utils' shared output options):
 * `json` and `ndjson` print the records themselves (the SPEC §6 shapes, the same bytes as
 * `JSON.stringify(records, null, 2)` for json, C1 and bidi controls escaped); `table` and `csv`
 * print the chosen columns, table cells `inert`, CSV cells typed and guarded against formula
 * injection (`csvCell`). Text
 * goes to `sink` in chunks; a sink returning a promise (stdout, see `stdoutSink`) holds the writer
 * back until it has room.
 */
export const recordWriter = <T>(
  format: OutputFormat, columns: readonly Column<T>[], sink: Sink, layout: TableLayout = stdoutLayout(),
): RecordWriter<T> => {
  let buffer = ""
  const CHUNK = 64 * 1024
  const emit = (text: string): void | Promise<void> => {
    buffer += text
    if (buffer.length < CHUNK) return
    const out = buffer
    buffer = ""
    return sink(out)
  }
  const add = (text: string): void => void (buffer += text)
  const flush = (): void | Promise<void> => {
    const out = buffer
    buffer = ""
    return out === "" ? undefined : sink(out)
  }
  switch (format) {
    case "json": {
      let n = 0
      return {
        write: (r) => emit(`${n++ === 0 ? "[\n" : ",\n"}  ${jsonText(r, 2).replace(/\n/g, "\n  ")}`),
        end: () => {
          add(n === 0 ? "[]\n" : "\n]\n")
          return flush()
        },
      }
    }
    case "ndjson":
      return { write: (r) => emit(`${jsonText(r)}\n`), end: () => flush() }
    case "csv": {
      let started = false
      const head = () => {
        if (!started) add(stringify([columns.map((c) => csvCell(c.header, outputSettings.csvRaw))]))
        started = true
      }
      return {
        write: (r) => {
          head()
          return emit(stringify([columns.map((c) => csvCell(c.value(r), outputSettings.csvRaw))]))
        },
        end: () => {
          head()
          return flush()
        },
      }
    }
    case "table": {
      const table = new TableWriter(columns.map((c) => inert(c.header)), layout)
      let held: string[][] | null = []
      const release = () => {
        const rows = held ?? []
        held = null
        add(table.start(rows))
        for (const r of rows) add(table.row(r))
      }
      return {
        write: (r) => {
          const cells = columns.map((c) => inert(cellText(c.value(r))))
          if (held === null) return emit(table.row(cells))
          held.push(cells)
          if (held.length < TABLE_SAMPLE) return
          release()
          return emit("")
        },
        end: (footer) => {
          if (held !== null && held.length === 0) add("(none)\n")
          else if (held !== null) release()
          if (footer !== undefined) add(footer)
          return flush()
        },
      }
    }
  }
}

/**
 * Stdout as a sink: waits for each chunk to be taken, so a slow reader slows the writer instead of
 * the output piling up in memory, and a closed pipe (`| head`) is seen between chunks.
 */
export const stdoutSink: Sink = (text) => new Promise<void>((resolve) => void process.stdout.write(text, () => resolve()))

/** Writes every record of `records` through a `recordWriter` on stdout, waiting for the sink. */
export const writeRecords = async <T>(
  records: Iterable<T> | AsyncIterable<T>, format: OutputFormat, columns: readonly Column<T>[], footer?: (written: number) => string | undefined,
): Promise<number> => {
  const writer = recordWriter(format, columns, stdoutSink)
  let n = 0
  for await (const r of records) {
    await writer.write(r)
    n++
  }
  await writer.end(footer?.(n))
  return n
}

/**
 * All of `records` rendered at once, as text (ending in a newline): for short outputs and for
 * stderr. `width`: the table width to fit (default: the terminal's, none in a pipe).
 */
export const renderRecords = <T>(
  records: readonly T[], format: OutputFormat, columns: readonly Column<T>[], width: number | null = stdoutLayout().width,
): string => {
  let text = ""
  const writer = recordWriter<T>(format, columns, (t) => void (text += t), { width, wrap: outputSettings.wide })
  for (const r of records) void writer.write(r)
  void writer.end()
  return text
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
