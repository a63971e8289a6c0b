import { describe, expect, it } from "vitest"
import { cellText, rangeText, renderRecords } from "../../src/cli/output.js"

const rows = [{ id: "a", n: 1, via: ["x", "y"], r: { lo: 1, hi: null } }, { id: "b,c", n: Infinity, via: [], r: null }]
const columns = [
  { header: "id", value: (r: (typeof rows)[number]) => r.id },
  { header: "n", value: (r: (typeof rows)[number]) => r.n },
  { header: "via", value: (r: (typeof rows)[number]) => r.via },
  { header: "range", value: (r: (typeof rows)[number]) => rangeText(r.r) },
]

describe("renderRecords, the one output module", () => {
  it("prints json and ndjson as the records themselves", () => {
    expect(JSON.parse(renderRecords(rows, "json", columns))).toEqual(JSON.parse(JSON.stringify(rows)))
    expect(renderRecords(rows, "ndjson", columns).trim().split("\n").map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(rows)))
  })
  it("prints csv with a header and quoting", () => {
    expect(renderRecords(rows, "csv", columns)).toBe('id,n,via,range\na,1,x > y,"[1, ∞)"\n"b,c",∞,,\n')
  })
  it("prints a table with every header and cell, wrapping long cells only when asked", () => {
    const t = renderRecords(rows, "table", columns, null)
    for (const s of ["id", "via", "x > y", "[1, ∞)", "b,c", "∞"]) expect(t).toContain(s)
    const long = [{ id: "word ".repeat(30), n: 1, via: [], r: null }]
    expect(renderRecords(long, "table", columns, null).split("\n").length).toBe(6)
    expect(renderRecords(long, "table", columns, 20).split("\n").length).toBeGreaterThan(6)
    expect(renderRecords([], "table", columns)).toBe("(none)\n")
  })
  it("reads unbounded sides and empty values", () => {
    expect([cellText(null), cellText(-Infinity), cellText({ a: 1 })]).toEqual(["", "-∞", '{"a":1}'])
    expect([rangeText({ lo: 41, hi: 41 }), rangeText({ lo: null, hi: 3 }), rangeText(null)]).toEqual(["41", "(-∞, 3]", ""])
  })
})
