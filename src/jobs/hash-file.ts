import { createHash } from "node:crypto"
import * as fs from "node:fs"

/** The SHA-256 of a file's bytes, streamed (any size). */
export const hashFile = async (file: string): Promise<string> => {
  const hash = createHash("sha256")
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest("hex")
}

/** The SHA-256 of a file's first `length` bytes: the fingerprint that tells an appended file from a replaced one. */
export const hashHead = (file: string, length: number): string => {
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.alloc(length)
    const n = fs.readSync(fd, buf, 0, length, 0)
    return createHash("sha256").update(buf.subarray(0, n)).digest("hex")
  } finally {
    fs.closeSync(fd)
  }
}
