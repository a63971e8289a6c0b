import * as fs from "node:fs"
import { createGunzip } from "node:zlib"
import { parseCsvRow } from "./parse-csv-row.js"
import { splitCsvRecords } from "./split-csv-records.js"
import { type RawLine, splitLines } from "./split-lines.js"

/** One record read from a claim file: parsed, or unreadable with the reason. Line numbers start at 1. */
export type ReadItem =
  | { readonly kind: "record"; readonly line: number; readonly raw: string; readonly value: unknown }
  | { readonly kind: "bad"; readonly line: number; readonly raw: string; readonly reason: string }

export type ClaimFileFormat = "ndjson" | "csv" | "json"

/** Longest record we keep; a longer one is rejected as "line too long" without being held in memory. */
export const MAX_RECORD_BYTES = 1 << 20

/** The claim-file format by extension (`.ndjson`, `.jsonl`, `.csv`, `.json`, each optionally `.gz`), or null. */
export const claimFileFormat = (file: string): ClaimFileFormat | null => {
  const name = file.toLowerCase().replace(/\.gz$/, "")
  if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) return "ndjson"
  if (name.endsWith(".csv")) return "csv"
  if (name.endsWith(".json")) return "json"
  return null
}

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** Decodes strictly: a wrong encoding is a reason to reject the record, never mojibake in the ledger. */
const decode = (bytes: Buffer): string | null => {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

export interface ReadOptions {
  /** Called with the number of file bytes (compressed, if gzipped) read so far, for progress bars. */
  readonly onBytes?: (bytes: number) => void
}

/** Of a record over the limit, how much of its start is kept as its raw text (enough to find it again). */
export const OVERSIZED_RAW_BYTES = 4096

/**
 * Streams the records of a claim file with bounded memory, whatever its size: NDJSON line by line,
 * CSV row by row (header row; `scope.x` and `document.x` columns nest), a JSON array element by
 * element. Gzipped files are decompressed on the fly. Bad records are yielded as `bad` with a
 * reason, so that the caller accounts for every record read.
 *
 * It throws only before the first record, when the file cannot be read at all (missing, not
 * gzip, UTF-16, an unreadable CSV header). A file that breaks off later (a truncated gzip, a read
 * error) ends with one `bad` item for the record it broke off in: that record is never parsed
 * from half its bytes, and everything read before it stays accounted for.
 */
export async function* readRecords(file: string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const format = claimFileFormat(file)
  if (format === null) throw new Error(`not a claim file (expected .ndjson, .csv or .json, optionally .gz)`)
  const input = fs.createReadStream(file)
  let bytes = 0
  input.on("data", (chunk) => {
    bytes += chunk.length
    options.onBytes?.(bytes)
  })
  let stream: AsyncIterable<Buffer> = input
  if (file.toLowerCase().endsWith(".gz")) {
    const gunzip = createGunzip()
    // `pipe` does not pass the file's errors on: without this a read error would escape as an uncaught event.
    input.on("error", (e) => gunzip.destroy(e))
    stream = input.pipe(gunzip)
  }
  yield* readRecordsFrom(stream, format)
}

/** `readRecords` over any byte stream (stdin, a download, a generator in tests). */
export async function* readRecordsFrom(source: AsyncIterable<Buffer>, format: ClaimFileFormat): AsyncGenerator<ReadItem> {
  const broke: BreakOff = { error: null }
  const guarded = stripBom(untilBreakOff(source, broke))
  if (format === "ndjson") yield* readNdjson(guarded, broke)
  else if (format === "csv") yield* readCsv(guarded, broke)
  else yield* readJsonArray(guarded, broke)
}

/** Set when the input failed after its first byte: the readers end with a record that breaks off. */
interface BreakOff {
  error: Error | null
}

/** Passes the chunks on; an error before the first byte is thrown (unreadable file), a later one is noted in `broke`. */
async function* untilBreakOff(source: AsyncIterable<Buffer>, broke: BreakOff): AsyncGenerator<Buffer> {
  let started = false
  try {
    for await (const chunk of source) {
      started = true
      yield chunk
    }
  } catch (e) {
    if (!started) throw e
    broke.error = e instanceof Error ? e : new Error(String(e))
  }
}

const breakOffItem = (line: number, raw: string, error: Error): ReadItem => ({
  kind: "bad", line, raw,
  reason: `the file breaks off here (${error.message}): this record and anything after it could not be read`,
})

/** Removes a UTF-8 byte-order mark; refuses UTF-16, which reckon does not read. */
async function* stripBom(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let first = true
  for await (const chunk of source) {
    if (first) {
      first = false
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw new Error("the file is UTF-16 encoded; reckon reads UTF-8")
      }
      yield chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk
    } else {
      yield chunk
    }
  }
}

/** What is kept of a record's bytes as raw text when it cannot be decoded or is too long. */
const lossyRaw = (bytes: Buffer, overflow: boolean): string =>
  (overflow ? bytes.subarray(0, OVERSIZED_RAW_BYTES) : bytes).toString("utf8")

const tooLong = (what: string, length: number): string =>
  `${what} too long (${length} bytes; the limit is ${MAX_RECORD_BYTES}); its first ${OVERSIZED_RAW_BYTES} bytes are kept`

async function* readNdjson(source: AsyncIterable<Buffer>, broke: BreakOff): AsyncGenerator<ReadItem> {
  let last = 0
  for await (const l of splitLines(source, MAX_RECORD_BYTES)) {
    last = l.line
    if (!l.terminated && broke.error) {
      yield breakOffItem(l.line, lossyRaw(l.bytes, l.overflow), broke.error)
      return
    }
    const item = ndjsonItem(l)
    if (item !== null) yield item
  }
  if (broke.error) yield breakOffItem(last + 1, "", broke.error)
}

/**
 * One NDJSON line as a record, or as a bad record with its reason; null for a blank line. Shared
 * by claim files and by the append-only files of scheduled jobs, so both reject alike.
 */
export const ndjsonItem = (l: Pick<RawLine, "line" | "bytes" | "overflow" | "length">): ReadItem | null => {
  if (l.overflow) return { kind: "bad", line: l.line, raw: lossyRaw(l.bytes, true), reason: tooLong("line", l.length) }
  const text = decode(l.bytes)
  if (text === null) return { kind: "bad", line: l.line, raw: l.bytes.toString("latin1"), reason: "not valid UTF-8" }
  if (text.trim() === "") return null
  try {
    return { kind: "record", line: l.line, raw: text, value: JSON.parse(text) }
  } catch (e) {
    return { kind: "bad", line: l.line, raw: text, reason: `malformed JSON: ${(e as Error).message}` }
  }
}

/** Sets a key as an own property, even `__proto__` (so that the schema sees it and rejects it). */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void =>
  void Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

/** The header's column names as paths (`scope.location` → ["scope", "location"]), or why they cannot be used. */
const csvColumns = (names: readonly string[]): { ok: true; paths: string[][] } | { ok: false; reason: string } => {
  const seen = new Set<string>()
  for (const name of names.map((h) => h.trim())) {
    if (seen.has(name)) return { ok: false, reason: `column "${name}" appears twice` }
    seen.add(name)
  }
  return { ok: true, paths: names.map((h) => h.trim().split(".")) }
}

/**
 * Sets `a.b.c` columns as nested objects; empty cells leave the field out. A row that fills both
 * `value` and `value.lo` cannot say which it means: that row is refused (the header may have both,
 * for rows that fill one or the other).
 */
const nestCsvRow = (header: readonly string[][], cells: readonly string[]): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } => {
  const out: Record<string, unknown> = {}
  const clash = (c: number) => ({ ok: false as const, reason: `malformed CSV: cell "${header[c]!.join(".")}" and another cell both set "${header[c]![0]}"` })
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!
    if (cell === "") continue
    const path = header[c]!
    let target = out
    for (const p of path.slice(0, -1)) {
      const existing = Object.hasOwn(target, p) ? target[p] : undefined
      if (existing === undefined) {
        const next: Record<string, unknown> = {}
        setOwn(target, p, next)
        target = next
      } else if (typeof existing === "object" && existing !== null) target = existing as Record<string, unknown>
      else return clash(c)
    }
    const leaf = path[path.length - 1]!
    if (Object.hasOwn(target, leaf)) return clash(c)
    setOwn(target, leaf, cell)
  }
  return { ok: true, value: out }
}

async function* readCsv(source: AsyncIterable<Buffer>, broke: BreakOff): AsyncGenerator<ReadItem> {
  let paths: string[][] | null = null
  let last = 1
  for await (const r of splitCsvRecords(source, MAX_RECORD_BYTES)) {
    last = r.next
    const text = r.overflow ? null : decode(r.bytes)
    if (paths === null) {
      // Without its header no row can be read: the file is unreadable (nothing yielded yet).
      const problem = !r.terminated && broke.error ? `the file breaks off in it (${broke.error.message})`
        : r.overflow ? `it is longer than ${MAX_RECORD_BYTES} bytes` : text === null ? "it is not valid UTF-8" : null
      if (problem !== null) throw new Error(`cannot read the CSV header on line ${r.line}: ${problem}`)
      const header = parseCsvRow(text!)
      if (!header.ok) throw new Error(`cannot read the CSV header on line ${r.line}: ${header.reason}`)
      const columns = csvColumns(header.cells)
      if (!columns.ok) throw new Error(`cannot use the CSV header on line ${r.line}: ${columns.reason}`)
      paths = columns.paths
      continue
    }
    if (!r.terminated && broke.error) {
      yield breakOffItem(r.line, lossyRaw(r.bytes, r.overflow), broke.error)
      return
    }
    if (r.overflow) {
      yield { kind: "bad", line: r.line, raw: lossyRaw(r.bytes, true), reason: tooLong("record", r.length) }
      continue
    }
    if (text === null) {
      yield { kind: "bad", line: r.line, raw: r.bytes.toString("latin1"), reason: "not valid UTF-8" }
      continue
    }
    const row = parseCsvRow(text)
    if (!row.ok) yield { kind: "bad", line: r.line, raw: text, reason: row.reason }
    else if (row.cells.length !== paths.length) {
      yield { kind: "bad", line: r.line, raw: text, reason: `malformed CSV: ${row.cells.length} cell(s), the header has ${paths.length}` }
    } else {
      const nested = nestCsvRow(paths, row.cells)
      yield nested.ok ? { kind: "record", line: r.line, raw: text, value: nested.value } : { kind: "bad", line: r.line, raw: text, reason: nested.reason }
    }
  }
  if (broke.error && paths !== null) yield breakOffItem(last, "", broke.error)
  else if (broke.error) throw new Error(`cannot read the CSV header: the file breaks off (${broke.error.message})`)
}

/**
 * A JSON array read element by element: a small scanner tracks strings and nesting so that
 * only one element is in memory at a time.
 */
async function* readJsonArray(source: AsyncIterable<Buffer>, broke: BreakOff): AsyncGenerator<ReadItem> {
  let line = 1
  let state: "before" | "between" | "in" | "after" = "before"
  let depth = 0
  let inString = false
  let escape = false
  let parts: Buffer[] = []
  let size = 0
  let overflow = false
  let startLine = 0
  const flush = (): ReadItem | null => {
    const bytes = Buffer.concat(parts)
    parts = []
    const length = size
    size = 0
    if (overflow) {
      overflow = false
      return { kind: "bad", line: startLine, raw: lossyRaw(bytes, true), reason: tooLong("record", length) }
    }
    const text = decode(bytes)
    if (text === null) return { kind: "bad", line: startLine, raw: bytes.toString("latin1"), reason: "not valid UTF-8" }
    if (text.trim() === "") return null
    try {
      return { kind: "record", line: startLine, raw: text.trim(), value: JSON.parse(text) }
    } catch (e) {
      return { kind: "bad", line: startLine, raw: text.trim(), reason: `malformed JSON: ${(e as Error).message}` }
    }
  }
  for await (const chunk of source) {
    // an element that spans chunks continues from this chunk's first byte
    let segStart = state === "in" ? 0 : -1
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (b === 10) line++
      if (state === "before") {
        if (b === 0x5b) state = "between"
        else if (b !== 32 && b !== 9 && b !== 10 && b !== 13) {
          yield { kind: "bad", line, raw: "", reason: "expected a JSON array of claim records" }
          return
        }
        continue
      }
      if (state === "after") {
        if (b !== 32 && b !== 9 && b !== 10 && b !== 13) {
          yield { kind: "bad", line, raw: "", reason: "unexpected text after the end of the JSON array" }
          return
        }
        continue
      }
      if (state === "between") {
        if (b === 32 || b === 9 || b === 10 || b === 13 || b === 0x2c) continue
        if (b === 0x5d) {
          state = "after"
          continue
        }
        state = "in"
        startLine = line
        depth = 0
        segStart = i
      }
      // state === "in"
      if (inString) {
        if (escape) escape = false
        else if (b === 0x5c) escape = true
        else if (b === 0x22) inString = false
        continue
      }
      if (b === 0x22) inString = true
      else if (b === 0x7b || b === 0x5b) depth++
      else if (b === 0x7d || b === 0x5d) {
        if (depth === 0) {
          // the array's own closing bracket right after a scalar element
          if (segStart >= 0) appendPart(chunk.subarray(segStart, i))
          segStart = -1
          const item = flush()
          if (item) yield item
          state = "after"
          continue
        }
        depth--
      } else if (b === 0x2c && depth === 0) {
        if (segStart >= 0) appendPart(chunk.subarray(segStart, i))
        segStart = -1
        const item = flush()
        if (item) yield item
        state = "between"
        continue
      }
    }
    if (state === "in" && segStart >= 0) appendPart(chunk.subarray(segStart))
  }
  if (broke.error) {
    yield state === "in" ? breakOffItem(startLine, lossyRaw(Buffer.concat(parts), overflow), broke.error) : breakOffItem(line, "", broke.error)
    return
  }
  if (state === "before") return // empty file: no records
  if (state === "in" || state === "between") {
    yield { kind: "bad", line: state === "in" ? startLine : line, raw: "", reason: "unexpected end of file inside the JSON array" }
  }

  function appendPart(buf: Buffer): void {
    size += buf.length
    if (overflow) return
    if (size > MAX_RECORD_BYTES) {
      // keep the record's head as its raw text
      overflow = true
      const keptBytes = size - buf.length
      parts = [Buffer.concat([...parts, buf.subarray(0, Math.max(0, OVERSIZED_RAW_BYTES - keptBytes))]).subarray(0, OVERSIZED_RAW_BYTES)]
      return
    }
    parts.push(Buffer.from(buf))
  }
}
