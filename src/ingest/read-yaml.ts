import { parse as parseYaml, YAMLParseError } from "yaml"
import { firstDuplicateJsonKey } from "./json-duplicate-key.js"
import { parseSimpleYamlItem } from "./parse-simple-yaml-item.js"
import { splitYamlDocument, splitYamlLines, type YamlEntry } from "./split-yaml-document.js"

export type ReadYamlResult = { ok: true; value: unknown } | { ok: false; problem: string }

/** A piece of the document that did not parse: the problem, its line counted in the whole document. */
class PieceProblem {
  constructor(readonly problem: string) {}
}

const YAML_OPTIONS = { version: "1.2" } as const

/**
 * Items the fast path does not read go to the YAML parser in runs of about this many characters:
 * few parser calls, and each run's syntax tree (some 70 times its text) dies young.
 */
const RUN_CHARS = 4 * 1024

/** One piece (or the whole text) parsed; `firstLine` is the piece's first line in the document. */
const parsePiece = (text: string, firstLine: number): unknown => {
  try {
    return parseYaml(text, YAML_OPTIONS)
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const shift = (n: number) => n + firstLine - 1
      const line = e.linePos?.[0]?.line
      const message = e.message.split("\n")[0]!.replace(/ at line (\d+), column/, (_m, n: string) => ` at line ${shift(Number(n))}, column`)
      throw new PieceProblem(`${line ? `line ${shift(line)}: ` : ""}${message}`)
    }
    throw new PieceProblem(String(e))
  }
}

/** Sets an own property, `__proto__` included (as the YAML parser does), never the prototype. */
const define = (o: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

/**
 * The document parsed entry by entry and item run by item run (see `splitYamlDocument`), or
 * undefined when a piece does not come out as a split document's piece must (one key; a list).
 */
const parseInPieces = (text: string, entries: readonly YamlEntry[] | null): unknown => {
  if (entries === null) return undefined
  const root: Record<string, unknown> = {}
  for (const e of entries) {
    const head = parsePiece(text.slice(e.start, e.headEnd), e.line)
    if (!isPlainObject(head)) return undefined
    const keys = Object.keys(head)
    if (keys.length !== 1) return undefined
    const key = keys[0]!
    if (Object.prototype.hasOwnProperty.call(root, key)) {
      throw new PieceProblem(`line ${e.line}: Map keys must be unique at line ${e.line}, column 1:`)
    }
    let value = head[key]
    if (e.items.length > 0) {
      if (value !== null) return undefined
      value = parseItems(text, e)
      if (value === undefined) return undefined
    }
    define(root, key, value)
  }
  return root
}

/** The items of an entry's block sequence: each by the fast path where it can, the rest by the parser in runs. */
const parseItems = (text: string, e: YamlEntry): unknown[] | undefined => {
  const out: unknown[] = []
  const n = e.items.length / 2
  const startOf = (i: number): number => (i < n ? e.items[2 * i]! : e.end)
  let run = -1 // first item of the pending run, or -1
  const flush = (upTo: number): boolean => {
    if (run < 0) return true
    const parsed = parsePiece(text.slice(startOf(run), startOf(upTo)), e.items[2 * run + 1]!)
    run = -1
    if (!Array.isArray(parsed)) return false
    for (const x of parsed) out.push(x)
    return true
  }
  for (let i = 0; i < n; i++) {
    const simple = parseSimpleYamlItem(text.slice(startOf(i), startOf(i + 1)))
    if (simple !== undefined) {
      if (!flush(i)) return undefined
      out.push(simple)
    } else {
      if (run >= 0 && startOf(i) - startOf(run) >= RUN_CHARS && !flush(i)) return undefined
      if (run < 0) run = i
    }
  }
  return flush(n) ? out : undefined
}

/**
 * Parses a YAML 1.2 text (so plain JSON too) into a value, or one readable problem with its line.
 * An empty document is a problem: `what` names the file's role in the message. Big documents stay
 * small in memory: JSON is read by `JSON.parse` (keys given twice refused, as YAML refuses them),
 * and a block-mapping document is parsed entry by entry, its long lists in runs of items, so that
 * no syntax tree of the whole document is built; anything else is parsed whole.
 * @example readYaml("a: [", "catalog") // { ok: false, problem: "line 1: …" }
 */
export const readYaml = (text: string, what: string): ReadYamlResult => {
  let value: unknown
  try {
    value = readJson(text)
    if (value === undefined) {
      // split by lines first; where that guess cut a construct in two, split again with the lexer
      try {
        value = parseInPieces(text, splitYamlLines(text))
      } catch (e) {
        if (!(e instanceof PieceProblem)) throw e
        value = undefined
      }
    }
    if (value === undefined) value = parseInPieces(text, splitYamlDocument(text))
    if (value === undefined) value = parsePiece(text, 1)
  } catch (e) {
    if (e instanceof PieceProblem) return { ok: false, problem: e.problem }
    return { ok: false, problem: String(e) }
  }
  if (value === null || value === undefined) return { ok: false, problem: `the ${what} is empty` }
  return { ok: true, value }
}

/** A JSON object or array text, parsed; undefined when the text is not JSON (then it is YAML's to read). */
const readJson = (text: string): unknown => {
  const first = /\S/.exec(text)
  if (first === null || (first[0] !== "{" && first[0] !== "[")) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const dup = firstDuplicateJsonKey(text)
  if (dup !== null) throw new PieceProblem(`line ${dup.line}: Map keys must be unique at line ${dup.line}, column ${dup.column}:`)
  return value
}
