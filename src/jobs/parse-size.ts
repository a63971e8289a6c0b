const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }

/**
 * Reads a size as written in a jobs config: a whole number of bytes, or `<number><unit>` with
 * units B, KB, MB, GB (powers of 1024, any case). Returns bytes, or null when the text is not a size.
 * @example parseSize("256MB") === 268_435_456; parseSize(1000) === 1000; parseSize("lots") === null
 */
export const parseSize = (value: string | number): number | null => {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : null
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)$/i.exec(value.trim())
  if (!m) return null
  const bytes = Math.round(Number(m[1]) * UNIT_BYTES[m[2]!.toUpperCase()]!)
  return bytes > 0 ? bytes : null
}
