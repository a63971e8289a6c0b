import { Lexer } from "yaml"

/** One top-level entry of a block-mapping document: its `key: …` text, and the items of its block sequence. */
export interface YamlEntry {
  /** Offset and 1-based line of the entry's first line (its key at column 0). */
  readonly start: number
  readonly line: number
  /** Where its `key:` text ends: the first item's line, or the entry's end when it has no items. */
  readonly headEnd: number
  /** Where the entry ends (the next entry's start, or the end of the text). */
  readonly end: number
  /**
   * Its block sequence items, flat: item i starts at offset `items[2i]` (the start of its line)
   * on line `items[2i + 1]` and ends where the next one starts (the last one at `end`). A flat list
   * of numbers, because a catalog has 100,000 of them.
   */
  readonly items: readonly number[]
}

/** A key of the root mapping at the start of a line: plain, or quoted without escapes; then `:` and a space or the line's end. */
const ROOT_KEY = /^(?:[A-Za-z_][A-Za-z0-9_.\-]*|"[^"\\]*"|'[^']*'):(?: |\r?$)/
/** Nothing after the key but spaces and a comment: the value is on the lines below. */
const NOTHING_AFTER = /^ *(?:#.*)?\r?$/

/**
 * The same split by lines, without the lexer: for documents whose root lines are all keys,
 * comments, blank lines or items of a root key's list. It cannot see quoting or flow collections,
 * so it is only a guess: a construct it cut through leaves a piece that does not parse (an
 * unterminated quote or bracket) — block and plain scalars end at a less indented line anyway —
 * and the caller then splits again with `splitYamlDocument`. Null when a root line is anything
 * else. Several times faster than the lexer, and it keeps no token garbage.
 */
export const splitYamlLines = (text: string): YamlEntry[] | null => {
  if (/[\x02\x18\x1f\ufeff]/.test(text)) return null
  const entries: { start: number; line: number; items: number[] }[] = []
  let entry: (typeof entries)[number] | null = null
  let itemCol = -1 // column of the current entry's items; -2: its value is on its key's line, no items
  let line = 0
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf("\n", start)
    const end = nl < 0 ? text.length : nl
    line++
    const c = text.charCodeAt(start)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x23 /* # */ && start < end) {
      const head = text.slice(start, Math.min(end, start + 256))
      if (c === 0x2d /* - */ && entry !== null && (itemCol === -1 || itemCol === 0) && (head.length === 1 || head[1] === " " || head[1] === "\r")) {
        itemCol = 0
        entry.items.push(start, line)
      } else {
        const key = ROOT_KEY.exec(head)
        if (key === null) return null
        entry = { start, line, items: [] }
        entries.push(entry)
        itemCol = NOTHING_AFTER.test(text.slice(start + key[0].length, end)) ? -1 : -2
      }
    } else if (c === 0x20 && itemCol !== -2) {
      let col = 0
      while (text.charCodeAt(start + col) === 0x20) col++
      const d = text.charCodeAt(start + col)
      const next = text.charCodeAt(start + col + 1)
      const blank = d === 0x23 || d === 0x0a || d === 0x0d || start + col >= end
      if (entry === null) {
        if (!blank) return null // something before the first key: not a block mapping at column 0
      } else if (d === 0x2d && (itemCol === -1 || col === itemCol) && (start + col + 1 === end || next === 0x20 || next === 0x0d)) {
        itemCol = col
        entry.items.push(start, line)
      } else if (itemCol === -1 && !blank) {
        itemCol = -2 // the value below the key is not a list
      }
    }
    start = end + 1
  }
  return entries.length === 0 ? null : finish(entries, text.length)
}

const finish = (entries: readonly { start: number; line: number; items: number[] }[], length: number): YamlEntry[] =>
  entries.map((e, i) => {
    const end = i + 1 < entries.length ? entries[i + 1]!.start : length
    return { start: e.start, line: e.line, headEnd: e.items.length > 0 ? e.items[0]! : end, end, items: e.items }
  })

// The lexer's control tokens (not source text): document start, flow end, "a scalar follows".
const DOCUMENT = "\x02"
const FLOW_END = "\x18"
const SCALAR = "\x1f"

/**
 * Splits a YAML document whose root is a block mapping with its keys at column 0 (what every
 * dataset.yaml looks like) into its top-level entries, and each entry whose value is a block
 * sequence into its items, with one pass of the `yaml` lexer (which knows quoting, flow
 * collections, block scalars and comments, and keeps no tree). Each piece then means on its own
 * what it means in the document, so the pieces can be parsed one at a time and a 100,000-event
 * catalog never becomes one syntax tree of some 70 times its size. Null when the document uses
 * anything that ties pieces together or that this does not follow (anchors, aliases, tags,
 * directives, several documents, explicit `?` keys, a flow or indented root, control bytes the
 * lexer uses itself): the caller parses it whole then.
 */
export const splitYamlDocument = (text: string): YamlEntry[] | null => {
  if (/[\x02\x18\x1f\ufeff]/.test(text)) return null
  const entries: { start: number; line: number; items: number[] }[] = []
  let offset = 0
  let line = 1
  let lineStart = 0
  let fresh = true // the next token is the first on its line (indentation aside)
  let depth = 0 // flow nesting
  let documents = 0
  let scalarNext = false
  let entry: (typeof entries)[number] | null = null
  let itemCol = -1 // column of the current entry's sequence items, once seen
  let inline = false // the current entry has its value on its key's line
  let keyLine = false // tokens so far on this line belong to the current entry's key line
  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT) {
      if (++documents > 1) return null
      continue
    }
    if (token === FLOW_END) continue
    if (token === SCALAR) {
      scalarNext = true
      continue
    }
    const isScalar = scalarNext
    scalarNext = false
    const c = token.charCodeAt(0)
    const at = offset
    offset += token.length
    const newlines = countNewlines(token)
    const significant = !(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x23 /* # */)
    if (!isScalar && significant) {
      if (c === 0x26 /* & */ || c === 0x2a /* * */ || c === 0x21 /* ! */ || c === 0x25 /* % */ || c === 0x3f /* ? */) return null
      if (token === "---" || token === "...") return null
      if (c === 0x7b || c === 0x5b) depth++
      else if (c === 0x7d || c === 0x5d) depth--
    }
    // at the root level: tokens outside flow collections, and the bracket that opens one
    if (significant && (depth === 0 || (depth === 1 && (c === 0x7b || c === 0x5b)))) {
      if (fresh) {
        const col = at - lineStart
        const quoted = c === 0x22 || c === 0x27
        if (col === 0 && (isScalar || quoted)) {
          // a key of the root mapping starts a new entry
          entry = { start: at, line, items: [] }
          entries.push(entry)
          itemCol = -1
          inline = false
          keyLine = true
        } else if (entry === null) {
          return null // a root that is not a block mapping at column 0
        } else if (token === "-" && !inline && (itemCol === -1 || col === itemCol)) {
          itemCol = col
          entry.items.push(lineStart, line)
          keyLine = false
        } else {
          keyLine = false
        }
      } else if (keyLine && entry !== null && token !== ":") {
        inline = true
      }
      fresh = false
    } else if (significant && fresh && depth > 0) {
      fresh = false
    }
    if (newlines > 0) {
      line += newlines
      lineStart = at + token.lastIndexOf("\n") + 1
      fresh = lineStart === offset
      keyLine = false
    }
  }
  if (entries.length === 0 || depth !== 0) return null
  return finish(entries, text.length)
}

const countNewlines = (s: string): number => {
  let n = 0
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++
  return n
}
