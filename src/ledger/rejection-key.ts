import { createHash } from "node:crypto"

/**
 * The key that stores a rejection once however often its file is read again (SPEC §8): a hash
 * of the file, line, reason and raw text.
 */
export const rejectionKey = (file: string, line: number, raw: string, reason: string): string =>
  createHash("sha256").update(`${file}\u0000${line}\u0000${reason}\u0000`).update(raw).digest("hex")
