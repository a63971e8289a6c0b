/**
 * One physical line of a file, as bytes; `overflow` when it was longer than the limit (then `bytes`
 * holds only its first `maxLineBytes`, and `length` says how long it was).
 */
export interface RawLine {
  readonly line: number
  readonly bytes: Buffer
  readonly overflow: boolean
  /** Byte length of the whole line, even when overflowed. */
  readonly length: number
  /** False for a last line that the file ended in without a `\n`. */
  readonly terminated: boolean
}

/**
 * Splits a byte stream into lines with bounded memory: of a line longer than `maxLineBytes` only
 * the first `maxLineBytes` are kept and `overflow` is set, so a 1 GB line cannot exhaust the
 * process. A trailing `\r` is removed (CRLF files).
 */
export async function* splitLines(source: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = []
  let kept = 0
  let length = 0
  let overflow = false
  let line = 0
  const finish = (terminated: boolean): RawLine => {
    line += 1
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, kept)
    if (!overflow && bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1)
    const result = { line, bytes, overflow, length, terminated }
    parts = []
    kept = 0
    length = 0
    overflow = false
    return result
  }
  const add = (chunk: Buffer): void => {
    length += chunk.length
    if (overflow) return
    if (kept + chunk.length > maxLineBytes) {
      overflow = true
      const head = chunk.subarray(0, maxLineBytes - kept)
      if (head.length > 0) parts.push(head)
      kept += head.length
      return
    }
    parts.push(chunk)
    kept += chunk.length
  }
  for await (const piece of source) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece
    let start = 0
    for (;;) {
      const nl = chunk.indexOf(10, start)
      if (nl < 0) break
      add(chunk.subarray(start, nl))
      yield finish(true)
      start = nl + 1
    }
    if (start < chunk.length) add(chunk.subarray(start))
  }
  if (length > 0) yield finish(false)
}
