import { describe, expect, it } from "vitest"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"

const problemsOf = (text: string): readonly string[] => {
  const r = parseCatalog(text)
  return r.ok ? [] : r.problems
}

describe("parseCatalog", () => {
  it("reads a SPEC §2.1 catalog and fills in defaults", () => {
    const r = parseCatalog(SMALL_CATALOG)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const hit = r.catalog.metrics.find((m) => m.id === "aircraft.hit")!
    expect(hit).toMatchObject({ kind: "count", exhaustive: true, cumulative: false, parts: ["aircraft.damaged", "aircraft.destroyed"] })
    expect(r.catalog.sources.find((s) => s.id === "avivector")).toMatchObject({ weight: 1, kind: "osint", name: "avivector", aliases: [] })
    expect(r.catalog.dimensions.find((d) => d.id === "type")!.values).toContainEqual({ id: "Tu-95MS", parent: "Tu-95" })
  })

  it("accepts plain JSON (YAML 1.2)", () => {
    const r = parseCatalog(JSON.stringify({ name: "j", events: [{ id: "e" }], metrics: [{ id: "m", kind: "real" }] }))
    expect(r.ok && r.catalog.metrics[0]!.kind).toBe("real")
  })

  it("reports a YAML syntax error with its line", () => {
    expect(problemsOf("name: x\nevents: [\n  - id: a\n")[0]).toMatch(/line \d+/)
  })

  it("reports an empty catalog", () => {
    expect(problemsOf("")).toEqual(["the catalog is empty"])
  })

  it("names the field of a schema problem", () => {
    expect(problemsOf("name: x\nmetrics: [{ id: m, kind: money }]")).toEqual(['field "metrics[0].kind": must be one of "count", "real"'])
    expect(problemsOf("name: x\nsources: [{ id: s, wieght: 2 }]")).toEqual(['field "sources[0]": unknown field "wieght"'])
    expect(problemsOf("title: no name")[0]).toMatch(/name/)
  })

  it("finds duplicate ids, undeclared parts and parents, and cycles", () => {
    const problems = problemsOf(`
name: bad
events: [{ id: e }, { id: e }]
sources: [{ id: a, aliases: [b] }, { id: b }]
metrics:
  - { id: whole, parts: [part, ghost] }
  - { id: part, parts: [whole] }
dimensions:
  - id: type
    values: [{ id: x, parent: y }, { id: y, parent: x }, { id: z, parent: nowhere }, { id: z }]
`)
    expect(problems).toEqual(expect.arrayContaining([
      'duplicate event id "e"',
      'duplicate source id or alias "b"',
      'metric "whole": part "ghost" is not a declared metric',
      expect.stringMatching(/^metric parts form a cycle: (whole → part → whole|part → whole → part)$/),
      'dimension "type": duplicate value "z"',
      'dimension "type": value "z" has undeclared parent "nowhere"',
      expect.stringMatching(/^dimension "type": parents form a cycle/),
    ]))
  })

  it("refuses parts of another kind", () => {
    expect(problemsOf("name: k\nmetrics: [{ id: w, parts: [p] }, { id: p, kind: real }]")).toEqual([
      'metric "w": its parts must be of the same kind (count)',
    ])
  })
})
