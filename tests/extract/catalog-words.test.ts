import { describe, expect, it } from "vitest"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"

const catalog = (extra: string) => `
name: w
metrics:
  - { id: aircraft.destroyed${extra} }
dimensions:
  - id: location
    values:
      - { id: belaya, aliases: [Belaya air base, Belaya airbase] }
      - { id: olenya }
`

describe("catalog words and aliases (SPEC §2.1)", () => {
  it("keeps a metric's words and a dimension value's aliases; both are optional", () => {
    const r = parseCatalog(catalog(", words: [destroyed, burned out]"))
    expect(r.ok).toBe(true)
    if (!r.ok) return expect.unreachable()
    expect(r.catalog.metrics[0]!.words).toEqual(["destroyed", "burned out"])
    expect(r.catalog.dimensions[0]!.values).toEqual([
      { id: "belaya", aliases: ["Belaya air base", "Belaya airbase"] }, { id: "olenya" },
    ])
    const none = parseCatalog(catalog(""))
    expect(none.ok && none.catalog.metrics[0]!.words).toBeUndefined()
  })

  it("rejects an empty word and a word that is not a string", () => {
    for (const bad of [", words: ['']", ", words: [[1]]", ", words: destroyed"]) {
      const r = parseCatalog(catalog(bad))
      expect(r.ok, bad).toBe(false)
    }
  })
})
