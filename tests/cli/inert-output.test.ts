import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { csvCell, diagnosticLine, inert, inertDeep, outputSettings, renderRecords } from "../../src/cli/output.js"

const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/** Strings rich in the characters a terminal acts on. */
const hostile = fc.string({ unit: fc.oneof(fc.constantFrom("\x1b", "\x1b]0;", "\x07", "\r", "\n", "\0", "\t", "\x9b", "\u202e", "\u2028", "claims.ndjson:9: "), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) })

describe("inert: data printed on a terminal cannot act on it (SPEC §8)", () => {
  it("escapes ESC, OSC, CR, NUL, newlines, C1 and bidi controls visibly", () => {
    expect(inert("a\x1b]0;pwned\x07\nb")).toBe("a\\x1b]0;pwned\\x07\\nb")
    expect(inert("x\ry\0z\tw")).toBe("x\\ry\\0z\\tw")
    expect(inert("\x9b2J\u202eevil\u2028")).toBe("\\x9b2J\\u202eevil\\u2028")
    expect(inert("Тu-95MS, 13 «destroyed» \\n")).toBe("Тu-95MS, 13 «destroyed» \\n")
  })

  test.prop([hostile])("leaves no control character, and changes nothing in text that has none", (s) => {
    const out = inert(s)
    expect(out).not.toMatch(CONTROL)
    if (!CONTROL.test(s)) expect(out).toBe(s)
    else expect(out).not.toBe(s)
    expect(diagnosticLine(s).split("\n")).toHaveLength(2)
  })

  it("reaches every string inside a report", () => {
    expect(inertDeep({ a: ["x\ny", { b: "\x1b[2J" }], n: 3 })).toEqual({ a: ["x\\ny", { b: "\\x1b[2J" }], n: 3 })
  })

  test.prop([fc.array(fc.record({ id: hostile, quote: hostile }), { minLength: 1, maxLength: 5 })])(
    "a table of hostile values has one line per row and no control character",
    (rows) => {
      const columns = [{ header: "id", value: (r: { id: string; quote: string }) => r.id }, { header: "quote", value: (r: { id: string; quote: string }) => r.quote }]
      const out = renderRecords(rows, "table", columns, null)
      expect(out.replace(/\n/g, "")).not.toMatch(CONTROL)
      const plain = renderRecords(rows.map(() => ({ id: "x", quote: "y" })), "table", columns, null)
      expect(out.split("\n")).toHaveLength(plain.split("\n").length)
    },
  )

  test.prop([fc.array(fc.record({ id: hostile }), { maxLength: 5 })])("JSON and NDJSON keep the values exactly, with every control escaped", (rows) => {
    for (const format of ["json", "ndjson"] as const) {
      const out = renderRecords(rows, format, [])
      expect(out.replace(/\n/g, "")).not.toMatch(CONTROL)
      const back = format === "json" ? JSON.parse(out) : out.trim() === "" ? [] : out.trim().split("\n").map((l) => JSON.parse(l))
      expect(back).toEqual(rows)
    }
  })

  it("prints sets as arrays in JSON, never as {}", () => {
    expect(JSON.parse(renderRecords([{ s: new Set(["a", "b"]) }], "json", []))).toEqual([{ s: ["a", "b"] }])
  })
})

describe("CSV cells against formula injection", () => {
  it("prefixes text starting with = + - @ tab or CR with ', but not the numbers we print", () => {
    for (const s of ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s)).toBe(`'${s}`)
    expect([csvCell(-3), csvCell(-Infinity), csvCell("41"), csvCell("a=b"), csvCell(null)]).toEqual(["-3", "", "41", "a=b", ""])
    expect(csvCell("=1+1", true)).toBe("=1+1")
  })

  it("guards every cell of a CSV rendering, unless --csv-raw", () => {
    const rows = [{ id: "=cmd()", n: -1 }]
    const columns = [{ header: "id", value: (r: (typeof rows)[number]) => r.id }, { header: "n", value: (r: (typeof rows)[number]) => r.n }]
    expect(renderRecords(rows, "csv", columns)).toBe("id,n\n'=cmd(),-1\n")
    outputSettings.csvRaw = true
    try {
      expect(renderRecords(rows, "csv", columns)).toBe("id,n\n=cmd(),-1\n")
    } finally {
      outputSettings.csvRaw = false
    }
  })
})
