import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"

export interface MachineLimits {
  /** Sequential write of `mb` MB in 1 MB blocks, then fsync: the disk's streaming speed. */
  readonly seqWriteMBps: number
  /** JSON.parse of the dataset's NDJSON lines, alone: the floor of any NDJSON ingest. */
  readonly jsonParseRecordsPerSec: number
  readonly jsonParseMBps: number
  /** sha256 of each line (the content hash of an ingest is about this). */
  readonly sha256RecordsPerSec: number
}

const firstLines = (file: string, maxBytes: number): string[] => {
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.alloc(maxBytes)
    const n = fs.readSync(fd, buf, 0, maxBytes, 0)
    const lines = buf.subarray(0, n).toString("utf8").split("\n")
    lines.pop() // possibly cut
    return lines.filter((l) => l !== "")
  } finally {
    fs.closeSync(fd)
  }
}

/** Raw speeds of this machine that bound an ingest, measured in the same run as the benchmark. */
export const measureMachineLimits = (dir: string, ndjson: string, mb = 256): MachineLimits => {
  const file = path.join(dir, "seq-write.bin")
  const block = Buffer.alloc(1 << 20, 7)
  const fd = fs.openSync(file, "w")
  const t0 = performance.now()
  for (let i = 0; i < mb; i++) fs.writeSync(fd, block)
  fs.fsyncSync(fd)
  const writeMs = performance.now() - t0
  fs.closeSync(fd)
  fs.rmSync(file)

  const lines = firstLines(ndjson, 64 << 20)
  const bytes = lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0)
  let parsed = 0
  const t1 = performance.now()
  for (const l of lines) {
    try {
      JSON.parse(l)
      parsed++
    } catch {
      // the bad records of the dataset
    }
  }
  const parseMs = performance.now() - t1
  const t2 = performance.now()
  for (const l of lines) createHash("sha256").update(l).digest("hex")
  const hashMs = performance.now() - t2
  return {
    seqWriteMBps: mb / (writeMs / 1000),
    jsonParseRecordsPerSec: lines.length / (parseMs / 1000),
    jsonParseMBps: bytes / (1 << 20) / (parseMs / 1000),
    sha256RecordsPerSec: lines.length / (hashMs / 1000),
  }
}
