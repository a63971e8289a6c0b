/**
 * The Levenshtein distance between two strings (insertions, deletions, substitutions), by code
 * unit, in O(|a|·|b|) time and O(|b|) memory.
 * @example editDistance("aircraft.destroyd", "aircraft.destroyed") === 1
 */
export const editDistance = (a: string, b: string): number => {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  let row = new Array<number>(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    ;[previous, row] = [row, previous]
  }
  return previous[b.length]!
}

/** How far a typo may be from a name and still be suggested: a third of its length, at least 2. */
const maxDistance = (typed: string): number => Math.max(2, Math.floor(typed.length / 3))

/** At most this many suggestions in one message. */
export const MAX_SUGGESTIONS = 3

/**
 * The known names closest to `typed`, best first: the same name in another case, then those
 * within `maxDistance` edits (case-insensitive), then names that contain it (`destroyed` →
 * `aircraft.destroyed`); at most `MAX_SUGGESTIONS`, ties broken by name.
 * @example closestNames("aircraft.destroyd", ["aircraft.hit", "aircraft.destroyed"]) // ["aircraft.destroyed"]
 */
export const closestNames = (typed: string, known: Iterable<string>): string[] => {
  const t = typed.toLowerCase()
  const scored: { name: string; score: number }[] = []
  for (const name of new Set(known)) {
    if (name === typed) continue
    const n = name.toLowerCase()
    const d = editDistance(t, n)
    if (d <= maxDistance(t)) scored.push({ name, score: d })
    else if (t.length >= 3 && n.includes(t)) scored.push({ name, score: 1000 + n.length - t.length })
  }
  return scored
    .sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.name)
}

/** `did you mean a, b or c?`, or empty when there is nothing close. */
export const didYouMean = (suggestions: readonly string[]): string => {
  if (suggestions.length === 0) return ""
  const last = suggestions[suggestions.length - 1]!
  return ` (did you mean ${suggestions.length === 1 ? last : `${suggestions.slice(0, -1).join(", ")} or ${last}`}?)`
}
