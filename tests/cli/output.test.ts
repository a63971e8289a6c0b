import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import {
  cellText, csvText, cutText, displayWidth, fitColumns, rangeText, recordWriter, renderRecords, TABLE_SAMPLE, wrapText,
} from "../../src/cli/output.js"

const rows = [{ id: "a", n: 1, via: ["x", "y"], r: { lo: 1, hi: null } }, { id: "b,c", n: Infinity, via: [], r: null }]
type Row = (typeof rows)[number]
const columns = [
  { header: "id", value: (r: Row) => r.id },
  { header: "n", value: (r: Row) => r.n },
  { header: "via", value: (r: Row) => r.via },
  { header: "range", value: (r: Row) => rangeText(r.r) },
]

describe("renderRecords, the one output module", () => {
  it("prints json exactly as JSON.stringify(records, null, 2), and ndjson one record a line", () => {
    for (const records of [rows, [], [{ a: { b: [1, { c: "x\ny" }] } }]]) {
      expect(renderRecords(records, "json", [])).toBe(`${JSON.stringify(records, null, 2)}\n`)
    }
    expect(renderRecords(rows, "ndjson", columns).trim().split("\n").map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(rows)))
  })

  it("prints typed csv: a header, numbers as digits, unbounded as empty, a chain as a>b", () => {
    expect(renderRecords(rows, "csv", columns)).toBe('id,n,via,range\na,1,x>y,"[1, ∞)"\n"b,c",,,\n')
    expect(renderRecords([], "csv", columns)).toBe("id,n,via,range\n")
  })

  it("prints a table as a header, a rule and one line per row, no rule between rows", () => {
    const t = renderRecords(rows, "table", columns, null)
    expect(t).toBe([
      "id   n  via    range",
      "---  -  -----  ------",
      "a    1  x > y  [1, ∞)",
      "b,c  ∞",
      "",
    ].join("\n"))
    expect(renderRecords([], "table", columns)).toBe("(none)\n")
  })

  it("fits a table into the width: long cells cut with …, or wrapped with --wide", () => {
    const long = [{ id: "word ".repeat(30).trim(), n: 1, via: [], r: null }]
    const cut = renderRecords(long, "table", columns, 40)
    for (const line of cut.trimEnd().split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(40)
    expect(cut).toContain("…")
    let wrapped = ""
    const writer = recordWriter<Row>("table", columns, (t) => void (wrapped += t), { width: 40, wrap: true })
    void writer.write(long[0]!)
    void writer.end()
    const lines = wrapped.trimEnd().split("\n")
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40)
    expect(wrapped.replace(/[\s-]+/g, " ")).toContain("word word word")
    expect(wrapped).not.toContain("…")
  })

  it("keeps the widths of the first rows for the rest of a long stream, in a pipe, and lets them out before the end", () => {
    const first = "a".repeat(80)
    const many = Array.from({ length: TABLE_SAMPLE + 5 }, (_, i) => ({ id: i < TABLE_SAMPLE ? first : `${first}-longer`, n: i, via: [], r: null }))
    let out = ""
    const writer = recordWriter<Row>("table", columns, (t) => void (out += t), { width: null, wrap: false })
    for (const r of many) void writer.write(r)
    // more than a chunk is out before the stream ends: the first rows are not held until then
    expect(out.length).toBeGreaterThan(0)
    void writer.end()
    const lines = out.trimEnd().split("\n")
    expect(lines).toHaveLength(TABLE_SAMPLE + 5 + 2)
    expect(lines[2]!.indexOf("  0")).toBe(80)
    expect(lines[lines.length - 1]).toBe(`${first}-longer  1004`)
  })

  it("reads unbounded sides and empty values", () => {
    expect([cellText(null), cellText(-Infinity), cellText({ a: 1 })]).toEqual(["", "-∞", '{"a":1}'])
    expect([csvText(null), csvText(Infinity), csvText(2.5), csvText(["a", "b", "c"])]).toEqual(["", "", "2.5", "a>b>c"])
    expect([rangeText({ lo: 41, hi: 41 }), rangeText({ lo: null, hi: 3 }), rangeText(null)]).toEqual(["41", "(-∞, 3]", ""])
  })
})

describe("table layout (properties)", () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 20, max: 300 })])(
    "fitted widths never exceed the natural ones, fill the room they need, and fit whenever the minimums do",
    (natural, width) => {
      const fitted = fitColumns(natural, width)
      const gaps = 2 * (natural.length - 1)
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
      fitted.forEach((w, i) => {
        expect(w).toBeLessThanOrEqual(natural[i]!)
        expect(w).toBeGreaterThanOrEqual(Math.min(natural[i]!, 6))
      })
      const minimum = sum(natural.map((w) => Math.min(w, 6)))
      if (sum(natural) + gaps <= width) expect(fitted).toEqual(natural)
      else if (minimum + gaps <= width) expect(sum(fitted) + gaps).toBeLessThanOrEqual(width)
      else expect(fitted).toEqual(natural.map((w) => Math.min(w, 6)))
    })

  test.prop([fc.string({ unit: "grapheme-composite", maxLength: 80 }), fc.integer({ min: 1, max: 40 })])(
    "a cut cell fits its column and keeps its start; a wrapped one fits every line and keeps every character",
    (text, width) => {
      const cut = cutText(text, width)
      expect(displayWidth(cut)).toBeLessThanOrEqual(width)
      expect(cut === text || (cut.endsWith("…") && text.startsWith(cut.slice(0, -1)))).toBe(true)
      const lines = wrapText(text, width)
      for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width)
      expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""))
    })
})
