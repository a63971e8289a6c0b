import * as fs from "node:fs"

/** One complete line (it ended in `\n`) of an append-only file, and the byte offset just after it. */
export interface CompleteLine {
  readonly bytes: Buffer
  /** Longer than the limit: its bytes were dropped, only its length kept. */
  readonly overflow: boolean
  readonly length: number
  /** Offset of the byte after this line's `\n`: where the next run resumes once this line is stored. */
  readonly end: number
}

/**
 * Streams the complete lines of `file` between byte offsets `start` and `end` (exclusive; the size
 * seen when the run began). A last line without its `\n` is not yielded: the writer may still be
 * appending it, and the next run reads it whole. A trailing `\r` is removed. Memory is bounded by
 * `maxLineBytes` whatever the line lengths.
 */
export async function* completeLines(file: string, start: number, end: number, maxLineBytes: number): AsyncGenerator<CompleteLine> {
  if (end <= start) return
  let parts: Buffer[] = []
  let kept = 0
  let length = 0
  let overflow = false
  let position = start
  for await (const piece of fs.createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 16 })) {
    const chunk = piece as Buffer
    let from = 0
    for (;;) {
      const nl = chunk.indexOf(10, from)
      if (nl < 0) break
      const segment = chunk.subarray(from, nl)
      length += segment.length
      if (!overflow && kept + segment.length <= maxLineBytes) {
        parts.push(segment)
        kept += segment.length
      } else overflow = true
      let bytes = overflow ? Buffer.alloc(0) : parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts, kept)
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1)
      yield { bytes, overflow, length, end: position + nl + 1 }
      parts = []
      kept = 0
      length = 0
      overflow = false
      from = nl + 1
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from)
      length += rest.length
      if (!overflow && kept + rest.length <= maxLineBytes) {
        parts.push(rest)
        kept += rest.length
      } else {
        overflow = true
        parts = []
        kept = 0
      }
    }
    position += chunk.length
  }
}
