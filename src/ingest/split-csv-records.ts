/** One CSV record (a row, possibly over several lines inside quotes), as bytes, without its line end. */
export interface RawCsvRecord {
  /** The line the record starts on (1-based). */
  readonly line: number
  /** The record's bytes; only the first `maxRecordBytes` when `overflow`. */
  readonly bytes: Buffer
  readonly overflow: boolean
  /** Byte length of the whole record, even when overflowed. */
  readonly length: number
  /** False for a last record that the file ended in without a line end (or inside a quoted cell). */
  readonly terminated: boolean
  /** The line the next record starts on. */
  readonly next: number
  /** True when the input ended inside a quoted cell: the record cannot be complete. */
  readonly openQuote: boolean
}

// Where the framer is within a record. A quote opens a quoted cell only at the start of a cell,
// and after a closing quote anything but `"` `,` or a line end is an error of that row alone: the
// framer just reads on to the line end, so one bad quote never swallows the rows after it.
const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
const AFTER_QUOTE = 3

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d

/**
 * Splits a CSV byte stream into records with bounded memory: a record ends at a line end outside
 * quotes. Of a record longer than `maxRecordBytes` only the first `maxRecordBytes` are kept (a
 * 600 MB cell is skipped over, never built into a string), and reading goes on after it. Blank
 * lines are skipped; a `\r` before the line end is removed (CRLF files).
 */
export async function* splitCsvRecords(source: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<RawCsvRecord> {
  let state = FIELD_START
  let line = 1
  let startLine = 1
  let parts: Buffer[] = []
  let kept = 0
  let length = 0
  let overflow = false
  const add = (segment: Buffer): void => {
    length += segment.length
    if (overflow || segment.length === 0) return
    if (kept + segment.length > maxRecordBytes) {
      overflow = true
      segment = segment.subarray(0, maxRecordBytes - kept)
    }
    parts.push(Buffer.from(segment))
    kept += segment.length
  }
  const finish = (terminated: boolean): RawCsvRecord => {
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, kept)
    if (terminated && !overflow && bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1)
    const record = { line: startLine, bytes, overflow, length, terminated, next: line, openQuote: state === QUOTED }
    parts = []
    kept = 0
    length = 0
    overflow = false
    state = FIELD_START
    return record
  }
  const blank = (r: RawCsvRecord): boolean => !r.overflow && r.bytes.length === 0
  for await (const chunk of source) {
    let from = 0
    let i = 0
    while (i < chunk.length) {
      if (state === QUOTED) {
        // Inside quotes only a quote matters: jump to it (a long quoted cell costs one native scan).
        const q = chunk.indexOf(QUOTE, i)
        const end = q < 0 ? chunk.length : q
        for (let nl = chunk.indexOf(LF, i); nl >= 0 && nl < end; nl = chunk.indexOf(LF, nl + 1)) line++
        if (q < 0) {
          i = chunk.length
          break
        }
        state = AFTER_QUOTE
        i = q + 1
        continue
      }
      if (state === UNQUOTED) {
        // Inside an unquoted cell only a comma or a line end matters.
        let b = chunk[i]!
        while (b !== LF && b !== COMMA && ++i < chunk.length) b = chunk[i]!
        if (i === chunk.length) break
      }
      const b = chunk[i]!
      if (b === LF) {
        add(chunk.subarray(from, i))
        line++
        const record = finish(true)
        if (!blank(record)) yield record
        startLine = line
        from = i + 1
      } else if (b === COMMA) state = FIELD_START
      else if (b === QUOTE) state = state === FIELD_START || state === AFTER_QUOTE ? QUOTED : UNQUOTED
      else state = UNQUOTED
      i++
    }
    add(chunk.subarray(from))
  }
  if (length > 0) {
    const record = finish(false)
    if (!blank(record)) yield record
  }
}
