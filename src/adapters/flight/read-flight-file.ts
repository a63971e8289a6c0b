import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { createGunzip } from "node:zlib"

/** One line of a Flight benchmark file, split on tabs. */
export interface FlightFileRow {
  /** 1-based line number in the (decompressed) file. */
  readonly line: number
  readonly fields: readonly string[]
}

/**
 * Streams the rows of a Flight benchmark file (claims/*.txt.gz or truth/*.txt), line by line, without
 * loading the file into memory. The files are Latin-1 (a few gate cells hold a raw 0xA0 byte), so
 * they are decoded as such; blank lines are skipped.
 */
export async function* readFlightFile(path: string): AsyncGenerator<FlightFileRow> {
  const raw = createReadStream(path)
  const stream = path.endsWith(".gz") ? raw.pipe(createGunzip()) : raw
  stream.setEncoding("latin1")
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let line = 0
  for await (const text of lines) {
    line += 1
    if (text.trim() === "") continue
    yield { line, fields: text.split("\t") }
  }
}
