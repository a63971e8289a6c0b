/**
 * A plain scalar this reads itself: starts with a letter, digit or `_` and holds no character
 * YAML gives a meaning to in a plain scalar (`:` `#` `,` brackets, quotes…), so it means the same
 * in block and flow context and ends where the line or the flow item ends.
 */
const PLAIN = /^[A-Za-z0-9_\u00c0-\ud7ff\ue000-\ufefe\uff00-\ufffd][A-Za-z0-9_.\-/()+ \u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/
const KEY = /^[A-Za-z_][A-Za-z0-9_.\-]*$/
/** The YAML 1.2 core schema's null and boolean words (a key or value this leaves to the parser). */
const WORDS: Readonly<Record<string, null | boolean>> = {
  null: null, Null: null, NULL: null, true: true, True: true, TRUE: true, false: false, False: false, FALSE: false,
}
const DECIMAL = /^[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

/** Marks "not for the fast path": the YAML parser reads the item instead. */
const NO = Symbol("not simple")

/** A plain scalar's value under the YAML 1.2 core schema, or NO when it is not one this reads alone. */
const plainValue = (s: string): unknown => {
  if (!PLAIN.test(s)) return NO
  if (Object.prototype.hasOwnProperty.call(WORDS, s)) return WORDS[s]
  const c = s.charCodeAt(0)
  if (c >= 0x30 && c <= 0x39) {
    if (DECIMAL.test(s)) return Number(s)
    if (DAY.test(s)) return s // YAML 1.2 has no timestamps: a day is a string
    return NO // 0x1f, 0o17, 1:30 and the like: the parser's to tell
  }
  return s
}

/** Reads YAML flow and scalar text of one line, from `i`; every method returns NO when out of its depth. */
class LineReader {
  i = 0
  constructor(readonly s: string) {}

  spaces(): void {
    while (this.s.charCodeAt(this.i) === 0x20) this.i++
  }

  /** A quoted scalar without escapes or doubled quotes, or a plain one ending at one of `stops`. */
  scalar(stops: string): unknown {
    const s = this.s
    const q = s[this.i]
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, this.i + 1)
      if (end < 0) return NO
      const body = s.slice(this.i + 1, end)
      if ((q === '"' && body.includes("\\")) || s[end + 1] === q) return NO
      this.i = end + 1
      return body
    }
    let j = this.i
    while (j < s.length && !stops.includes(s[j]!)) j++
    const raw = s.slice(this.i, j).replace(/ +$/, "") // YAML trims spaces, not every Unicode space
    this.i = j
    return raw === "" ? NO : plainValue(raw)
  }

  /** A value in flow context: a flow sequence, a flow map or a scalar. */
  flowValue(): unknown {
    const c = this.s[this.i]
    if (c === "[") return this.sequence()
    if (c === "{") return this.map()
    return this.scalar(",]}")
  }

  sequence(): unknown {
    this.i++ // [
    const out: unknown[] = []
    this.spaces()
    if (this.s[this.i] === "]") {
      this.i++
      return out
    }
    for (;;) {
      this.spaces()
      const v = this.flowValue()
      if (v === NO) return NO
      out.push(v)
      this.spaces()
      const c = this.s[this.i++]
      if (c === "]") return out
      if (c !== ",") return NO
    }
  }

  /** `key: ` up to the value, or NO. */
  key(): string | typeof NO {
    const colon = this.s.indexOf(": ", this.i)
    if (colon < 0) return NO
    const k = this.s.slice(this.i, colon)
    if (!KEY.test(k) || Object.prototype.hasOwnProperty.call(WORDS, k) || k === "__proto__") return NO
    this.i = colon + 2
    this.spaces()
    return k
  }

  map(): unknown {
    this.i++ // {
    const out: Record<string, unknown> = {}
    this.spaces()
    if (this.s[this.i] === "}") {
      this.i++
      return out
    }
    for (;;) {
      this.spaces()
      const k = this.key()
      if (k === NO || Object.prototype.hasOwnProperty.call(out, k)) return NO
      const v = this.flowValue()
      if (v === NO) return NO
      out[k] = v
      this.spaces()
      const c = this.s[this.i++]
      if (c === "}") return out
      if (c !== ",") return NO
    }
  }

  /** Only spaces (or a comment after them) are left on the line. */
  atEnd(): boolean {
    const rest = this.s.slice(this.i)
    return /^ *$/.test(rest) || /^ +#/.test(rest)
  }
}

/**
 * One item of a block sequence, `text` being its lines from the start of its first line, when it
 * has one of the shapes long catalogs are made of: a flow map on the item's line
 * (`  - { id: ev-1, title: "…", date: 2022-03-01 }`), or a block map of one `key: value` per line
 * (`  - id: sbu` / `    aliases: [SBU]`), with plain or simply quoted scalars and flow collections
 * of them. The value is what the YAML parser gives (YAML 1.2 core schema); undefined for any other
 * text, which the parser reads then — so this never has to be right about what it does not read.
 */
export const parseSimpleYamlItem = (text: string): unknown => {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--
  // blank and comment lines say nothing
  const lines = (end === text.length ? text : text.slice(0, end)).split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l))
    .filter((l, n) => n === 0 || !/^ *(?:#.*)?$/.test(l))
  const first = lines[0]!
  let indent = 0
  while (first.charCodeAt(indent) === 0x20) indent++
  if (first[indent] !== "-" || first[indent + 1] !== " " || first[indent + 2] === " ") return undefined
  const r = new LineReader(first)
  r.i = indent + 2
  if (first[r.i] === "{") {
    if (lines.length !== 1) return undefined
    const v = r.map()
    return v === NO || !r.atEnd() ? undefined : v
  }
  const out: Record<string, unknown> = {}
  const keyCol = indent + 2
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!
    const lr = n === 0 ? r : new LineReader(line)
    if (n > 0) {
      let col = 0
      while (line.charCodeAt(col) === 0x20) col++
      if (col !== keyCol) return undefined
      lr.i = col
    }
    const k = lr.key()
    if (k === NO || Object.prototype.hasOwnProperty.call(out, k)) return undefined
    const c = line[lr.i]
    const v = c === "[" ? lr.sequence() : c === "{" ? lr.map() : lr.scalar("#")
    if (v === NO || !lr.atEnd()) return undefined
    out[k] = v
  }
  return out
}
