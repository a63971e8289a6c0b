import { parse as parseCsv } from "csv-parse"
import * as fs from "node:fs"
import { createGunzip } from "node:zlib"
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

/**
 * Streams the records of a claim file with bounded memory, whatever its size: NDJSON line by line,
 * CSV row by row (header row; `scope.x` and `document.x` columns nest), a JSON array element by
 * element. Gzipped files are decompressed on the fly. Bad records are yielded as `bad` with a
 * reason, so that the caller accounts for every record read.
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
  const stream: AsyncIterable<Buffer> = file.toLowerCase().endsWith(".gz") ? input.pipe(createGunzip()) : input
  const withBom = stripBom(stream)
  if (format === "ndjson") yield* readNdjson(withBom)
  else if (format === "csv") yield* readCsv(withBom)
  else yield* readJsonArray(withBom)
}

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

async function* readNdjson(source: AsyncIterable<Buffer>): AsyncGenerator<ReadItem> {
  for await (const l of splitLines(source, MAX_RECORD_BYTES)) {
    const item = ndjsonItem(l)
    if (item !== null) yield item
  }
}

/**
 * One NDJSON line as a record, or as a bad record with its reason; null for a blank line. Shared
 * by claim files and by the append-only files of scheduled jobs, so both reject alike.
 */
export const ndjsonItem = (l: RawLine): ReadItem | null => {
  if (l.overflow) return { kind: "bad", line: l.line, raw: "", reason: `line too long (${l.length} bytes; the limit is ${MAX_RECORD_BYTES})` }
  const text = decode(l.bytes)
  if (text === null) return { kind: "bad", line: l.line, raw: l.bytes.toString("latin1"), reason: "not valid UTF-8" }
  if (text.trim() === "") return null
  try {
    return { kind: "record", line: l.line, raw: text, value: JSON.parse(text) }
  } catch (e) {
    return { kind: "bad", line: l.line, raw: text, reason: `malformed JSON: ${(e as Error).message}` }
  }
}

/** Sets `a.b.c` keys as nested objects; empty cells leave the field out. */
const nestCsvRow = (row: Record<string, string>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, cell] of Object.entries(row)) {
    if (cell === undefined || cell === "") continue
    const path = key.trim().split(".")
    let target = out
    for (const p of path.slice(0, -1)) {
      if (typeof target[p] !== "object" || target[p] === null) target[p] = {}
      target = target[p] as Record<string, unknown>
    }
    target[path[path.length - 1]!] = cell
  }
  return out
}

async function* readCsv(source: AsyncIterable<Buffer>): AsyncGenerator<ReadItem> {
  const skipped: ReadItem[] = []
  const parser = parseCsv({
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    info: true,
    raw: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      const line = (err as { lines?: number } | undefined)?.lines ?? 0
      skipped.push({ kind: "bad", line, raw: raw ?? "", reason: `malformed CSV: ${err?.message ?? "unreadable row"}` })
      return undefined
    },
  })
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (!parser.write(chunk)) await new Promise((r) => parser.once("drain", r))
      }
      parser.end()
    } catch (e) {
      parser.destroy(e as Error)
    }
  })()
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
    // Rows are parsed ahead of this loop, so a skipped row may already be queued: keep file order.
    while (skipped.length > 0 && skipped[0]!.line < item.info.lines) yield skipped.shift()!
    const raw = item.raw.replace(/\r?\n$/, "")
    if (raw.includes("\uFFFD")) {
      yield { kind: "bad", line: item.info.lines, raw, reason: "not valid UTF-8" }
      continue
    }
    yield { kind: "record", line: item.info.lines, raw, value: nestCsvRow(item.record) }
  }
  await feed
  while (skipped.length > 0) yield skipped.shift()!
}

/**
 * A JSON array read element by element: a small scanner tracks strings and nesting so that
 * only one element is in memory at a time.
 */
async function* readJsonArray(source: AsyncIterable<Buffer>): AsyncGenerator<ReadItem> {
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
      return { kind: "bad", line: startLine, raw: "", reason: `record too long (${length} bytes; the limit is ${MAX_RECORD_BYTES})` }
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
  if (state === "before") return // empty file: no records
  if (state === "in" || state === "between") {
    yield { kind: "bad", line: state === "in" ? startLine : line, raw: "", reason: "unexpected end of file inside the JSON array" }
  }

  function appendPart(buf: Buffer): void {
    size += buf.length
    if (overflow) return
    if (size > MAX_RECORD_BYTES) {
      overflow = true
      parts = []
      return
    }
    parts.push(Buffer.from(buf))
  }
}
