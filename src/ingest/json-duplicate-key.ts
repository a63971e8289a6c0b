/**
 * The first key given twice in one object of a valid JSON text, with its 1-based line and column,
 * or null. `JSON.parse` keeps the last of two equal keys without a word; YAML, which a catalog is,
 * refuses them. One linear scan; only the keys of the objects still open are held.
 * @example firstDuplicateJsonKey('{"a": 1,\n "a": 2}') // { key: "a", line: 2, column: 2 }
 */
export const firstDuplicateJsonKey = (json: string): { key: string; line: number; column: number } | null => {
  const open: (Set<string> | null)[] = [] // per open bracket: an object's keys, null for an array
  let line = 1
  let lineStart = 0
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === 0x0a) {
      line++
      lineStart = i + 1
    } else if (c === 0x7b /* { */) open.push(new Set())
    else if (c === 0x5b /* [ */) open.push(null)
    else if (c === 0x7d || c === 0x5d) open.pop()
    else if (c === 0x22 /* " */) {
      const start = i
      let escaped = false
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i)
        if (d === 0x5c) {
          escaped = true
          i++
        } else if (d === 0x22) break
      }
      const keys = open[open.length - 1]
      if (!keys) continue
      // a string followed by ':' is a key of the innermost open object
      let j = i + 1
      while (j < json.length && (json[j] === " " || json[j] === "\t" || json[j] === "\n" || json[j] === "\r")) j++
      if (json[j] !== ":") continue
      const raw = json.slice(start, i + 1)
      const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1)
      if (keys.has(key)) return { key, line, column: start - lineStart + 1 }
      keys.add(key)
    }
  }
  return null
}
