const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Reads a duration as written in a jobs config: one or more `<number><unit>` parts, units ms, s,
 * m, h, d. Returns milliseconds, or null when the text is not a duration.
 * @example parseDuration("15m") === 900_000; parseDuration("1h30m") === 5_400_000; parseDuration("2x") === null
 */
export const parseDuration = (text: string): number | null => {
  const t = text.trim()
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(t)) return null
  let total = 0
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!
  return Math.round(total)
}

/** A duration in the config's words, for logs: `90000` → `1m30s`. */
export const formatDuration = (ms: number): string => {
  if (ms < 1000) return `${ms}ms`
  const parts: string[] = []
  let rest = Math.round(ms / 1000)
  for (const [unit, size] of [["d", 86_400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  return parts.join("")
}
