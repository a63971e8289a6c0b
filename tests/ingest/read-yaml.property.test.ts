import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"
import { firstDuplicateJsonKey } from "../../src/ingest/json-duplicate-key.js"
import { parseSimpleYamlItem } from "../../src/ingest/parse-simple-yaml-item.js"
import { readYaml } from "../../src/ingest/read-yaml.js"
import { splitYamlDocument, splitYamlLines } from "../../src/ingest/split-yaml-document.js"

// Scalars as a catalog might write them, with every kind the YAML 1.2 core schema resolves
// (numbers, hex, octal, null and boolean words, days), quoting, escapes, and text that is not
// valid in every place (a colon, a comment sign, brackets).
const SCALARS = [
  "abc", "Ab c", "ev-000001", "2022-03-01", "12", "012", "1.5", "1e3", "3.", ".5", "0x1F", "0o17", "1_000", "-5", "+3",
  "null", "Null", "~", "true", "FALSE", "yes", "no", ".inf", ".NaN", "a:b", "a: b", "a #b", "a#b", "é", "naïve title",
  "x y  ", "'quoted'", "\"dq\"", "\"with \\\"esc\\\"\"", "'it''s'", "\"a: b, c\"", "\"\"", "''", "[1, 2]", "[a, [b]]", "[]",
  "{a: 1}", "{}", "{ x: [1, y], z: \"w\" }", "&anchor a", "*anchor", "!tag x", "1:30", "(a) b/c+d", "\u00a0x", "x\u00a0",
]
const KEYS = ["id", "title", "date", "name", "aliases", "kind", "weight", "parts", "x.y", "_k", "null", "true", "\"q k\"", "'s'", "a b"]

const scalar = fc.constantFrom(...SCALARS)
const key = fc.constantFrom(...KEYS)

/** One list item's lines at `col` (column of its dash). */
const itemArb = (col: number) => fc.oneof(
  // a flow map on one line
  fc.array(fc.tuple(key, scalar), { maxLength: 4 }).map((kv) => [`${" ".repeat(col)}- { ${kv.map(([k, v]) => `${k}: ${v}`).join(", ")} }`]),
  // a block map, one key per line, sometimes with comments, blank lines, a nested list or a block scalar
  fc.array(fc.tuple(key, scalar, fc.constantFrom("plain", "plain", "comment", "blank", "nested", "block", "multi")), { minLength: 1, maxLength: 4 })
    .map((kv) => kv.flatMap(([k, v, how], i) => {
      const lead = i === 0 ? `${" ".repeat(col)}- ` : " ".repeat(col + 2)
      if (how === "comment") return [`${lead}${k}: ${v} # note`, `${" ".repeat(col + 2)}# a comment line`]
      if (how === "blank") return [`${lead}${k}: ${v}`, ""]
      if (how === "nested") return [`${lead}${k}:`, `${" ".repeat(col + 2)}- ${v}`, `${" ".repeat(col + 4)}- ${v}`]
      if (how === "block") return [`${lead}${k}: |`, `${" ".repeat(col + 4)}${v}`, `${" ".repeat(col + 2)}- not an item`]
      if (how === "multi") return [`${lead}${k}: "first`, `${" ".repeat(col)}- second"`]
      return [`${lead}${k}: ${v}`]
    })),
  // a plain scalar item, or one spread over lines
  scalar.map((v) => [`${" ".repeat(col)}- ${v}`]),
  fc.tuple(scalar, scalar).map(([a, b]) => [`${" ".repeat(col)}- ${a}`, `${" ".repeat(col + 2)}${b}`]),
)

const entryArb = fc.oneof(
  fc.tuple(key, scalar).map(([k, v]) => [`${k}: ${v}`]),
  fc.tuple(key, fc.constantFrom(0, 2, 4), fc.boolean()).chain(([k, col, comment]) =>
    fc.array(itemArb(col), { maxLength: 5 }).map((items) => [`${k}:${comment ? " # the list" : ""}`, ...items.flat()])),
  fc.tuple(key, scalar).map(([k, v]) => [`${k}: |`, `  ${v}`, `  - ${v}`]),
  fc.tuple(key, scalar, scalar).map(([k, a, b]) => [`${k}: [${a},`, `  ${b}]`]),
  fc.constantFrom(["# a comment"], [""], ["---"], ["%YAML 1.2", "---"], ["? complex"], ["- root item"], ["  indented: root"]),
)

const docArb = fc.tuple(fc.array(entryArb, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([entries, crlf]) => entries.flat().join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"))

/** What the YAML parser makes of the whole text: the value, or that it fails. */
const whole = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    const value = parse(text, { version: "1.2", logLevel: "error" })
    return value === null || value === undefined ? { ok: false } : { ok: true, value }
  } catch {
    return { ok: false }
  }
}

describe("readYaml reads a document in pieces as the parser reads it whole", () => {
  test.prop([docArb], { numRuns: 400 })("same value, or a problem where the parser fails", (text) => {
    const expected = whole(text)
    const got = readYaml(text, "catalog")
    expect(got.ok).toBe(expected.ok)
    if (got.ok && expected.ok) expect(got.value).toEqual(expected.value)
  })

  test.prop([fc.constantFrom(0, 2), itemArb(0)], { numRuns: 400 })("the fast path reads an item as the parser does, or leaves it", (col, lines) => {
    const text = `${lines.map((l) => " ".repeat(col) + l).join("\n")}\n`
    const fast = parseSimpleYamlItem(text)
    const slow = whole(text)
    if (fast !== undefined) expect(slow).toEqual({ ok: true, value: [fast] })
  })

  it("takes the common shapes by the fast path", () => {
    expect(parseSimpleYamlItem(`  - { id: ev-1, title: "Strike: 1", date: 2022-03-01, n: 12, w: 0.5, ok: true }\n`))
      .toEqual({ id: "ev-1", title: "Strike: 1", date: "2022-03-01", n: 12, w: 0.5, ok: true })
    expect(parseSimpleYamlItem("  - id: sbu\n    name: Security Service of Ukraine\n    aliases: [SBU, 'S B U']\n"))
      .toEqual({ id: "sbu", name: "Security Service of Ukraine", aliases: ["SBU", "S B U"] })
    for (const odd of ["  - { id: 0x1F }\n", "  - { id: \"a\\tb\" }\n", "  - id: a\n      b\n", "  - { id: &x a }\n", "  - id: |\n      a\n"]) {
      expect(parseSimpleYamlItem(odd)).toBeUndefined()
    }
  })

  it("splits a catalog into its entries and items, by lines and by the lexer alike", () => {
    const text = "# catalog\nname: x\nevents:\n  - { id: a }\n  # between\n  - id: b\n    title: |\n      - no item\nsources: []\nmetrics:\n- id: m\n"
    for (const split of [splitYamlLines, splitYamlDocument]) {
      const entries = split(text)!
      expect(entries.map((e) => [text.slice(e.start, e.headEnd).split(":")[0], e.items.length / 2])).toEqual([
        ["# catalog\nname", 0], ["events", 2], ["sources", 0], ["metrics", 1],
      ].map(([k, n], i) => [i === 0 ? "name" : k, n]))
    }
    expect(readYaml(text, "catalog")).toEqual({ ok: true, value: whole(text).ok ? parse(text) : null })
  })

  it("names the line of a problem in the whole document, not in its piece", () => {
    const text = `name: x\nevents:\n${"  - { id: a }\n".repeat(500)}  - { id: b\n  - { id: c }\n`
    let message = ""
    try {
      parse(text, { version: "1.2" })
    } catch (e) {
      message = (e as Error).message.split("\n")[0]!
    }
    expect(message).toMatch(/at line 504, column 3/)
    expect(readYaml(text, "catalog")).toEqual({ ok: false, problem: `line 504: ${message}` })
  })

  it("refuses a key given twice, in YAML and in JSON", () => {
    expect(readYaml("name: a\nevents: []\nname: b\n", "catalog")).toEqual({ ok: false, problem: "line 3: Map keys must be unique at line 3, column 1:" })
    expect(readYaml('{"name": "a",\n "events": [{"id": "e", "id": "f"}]}', "catalog").ok).toBe(false)
    expect(firstDuplicateJsonKey('{"a": {"b": 1}, "b": [{"a": 1}], "c\\u0061": 2, "ca": 3}')).toEqual({ key: "ca", line: 1, column: 48 })
    expect(firstDuplicateJsonKey('{"a": ["a", "a"], "b": {"a": 1, "b": "a"}}')).toBeNull()
  })

  it("keeps a __proto__ key an own field, never the prototype", () => {
    const r = readYaml("name: x\n__proto__: { polluted: 1 }\n", "catalog")
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype)
    expect(r.ok && Object.keys(r.value as object)).toEqual(["name", "__proto__"])
  })
})
