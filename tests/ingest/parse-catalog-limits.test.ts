import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { MAX_CATALOG_BYTES, MAX_CATALOG_DEPTH, MAX_CATALOG_ENTRIES, MAX_HIERARCHY_DEPTH, parseCatalog } from "../../src/ingest/parse-catalog.js"

const problemsOf = (text: string): readonly string[] => {
  const r = parseCatalog(text)
  return r.ok ? [] : r.problems
}

const chain = (n: number) =>
  "name: deep\nmetrics:\n" + Array.from({ length: n }, (_, i) => `  - { id: m${i}${i + 1 < n ? `, parts: [m${i + 1}]` : ""} }`).join("\n") + "\n"

describe("catalog limits: one reason, never a crash (SPEC §8)", () => {
  it("refuses a 10,000-deep parts chain with one line naming the chain", () => {
    expect(problemsOf(chain(10_000))).toEqual([`metric parts nest 10000 levels deep (m0 → m1 → m2 → … → m9998 → m9999); the limit is ${MAX_HIERARCHY_DEPTH}`])
  })

  it("takes a chain of exactly the limit", () => {
    expect(parseCatalog(chain(MAX_HIERARCHY_DEPTH)).ok).toBe(true)
    expect(problemsOf(chain(MAX_HIERARCHY_DEPTH + 1))).toHaveLength(1)
  })

  it("finds a cycle at the end of a long chain without recursion", () => {
    const text = chain(5000).replace("{ id: m4999 }", "{ id: m4999, parts: [m4990] }")
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^metric parts form a cycle: m4990 → m4991 → .* → m4999 → m4990$/)])
  })

  it("refuses a deep chain of dimension values under parents", () => {
    const values = Array.from({ length: 3000 }, (_, i) => `      - { id: v${i}${i > 0 ? `, parent: v${i - 1}` : ""} }`).join("\n")
    expect(problemsOf(`name: d\ndimensions:\n  - id: type\n    values:\n${values}\n`)).toEqual([
      expect.stringMatching(/^dimension "type": values under parents nest 3000 levels deep \(v2999 → v2998 → v2997 → … → v1 → v0\)/),
    ])
  })

  it("refuses an 80 MB catalog by its size, before parsing it", () => {
    const line = "  - { id: event-000000, title: \"a title that takes some room in the catalog\" }\n"
    const text = `name: big\nevents:\n${line.repeat(Math.ceil((80 * 1024 * 1024) / line.length))}`
    expect(problemsOf(text)).toEqual([`the catalog is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_CATALOG_BYTES}`])
  })

  it("refuses a small file with more entries than the parser can hold", () => {
    const text = `name: x\ntitle: [${"1,".repeat(MAX_CATALOG_ENTRIES)}1]\n`
    expect(problemsOf(text)).toEqual([`the catalog has ${MAX_CATALOG_ENTRIES + 3} entries (items, lines); the limit is ${MAX_CATALOG_ENTRIES}`])
  })

  it("refuses a document nested deeper than the parser's stack, or than the format needs", () => {
    expect(problemsOf(`name: x\ntitle: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`)).toEqual([`the catalog is nested too deeply to read (the limit is ${MAX_CATALOG_DEPTH} levels)`])
    expect(problemsOf(`name: x\ntitle: ${"[".repeat(100)}${"]".repeat(100)}\n`)).toEqual([`the catalog is nested more than ${MAX_CATALOG_DEPTH} levels deep`])
  })

  it("reads 20,000 metrics in parts groups (linear checks)", () => {
    const n = 20_000
    const text = "name: big\nmetrics:\n" + Array.from({ length: n }, (_, i) => `  - { id: m${i}${i % 3 === 0 && i + 2 < n ? `, parts: [m${i + 1}, m${i + 2}]` : ""} }`).join("\n") + "\n"
    const r = parseCatalog(text)
    expect(r.ok && r.catalog.metrics).toHaveLength(n)
  })
})

describe("catalog ids and names are printable", () => {
  it("refuses a name with NUL and control bytes", () => {
    expect(problemsOf('name: "bin\\0\\x01\\xff"\n')).toEqual(['field "name": must not contain control characters (NUL, ESC, newlines, …)'])
  })

  test.prop([fc.constantFrom("\n", "\r", "\x1b", "\0", "\x9b", "\x7f"), fc.constantFrom("metrics", "events", "sources")])(
    "refuses an id with a control character in any list",
    (c, list) => {
      const text = JSON.stringify({ name: "x", [list]: [{ id: `a${c}claims.ndjson:9: forged` }] })
      expect(problemsOf(text)).toEqual([`field "${list}[0].id": must not contain control characters (NUL, ESC, newlines, …)`])
    },
  )
})
