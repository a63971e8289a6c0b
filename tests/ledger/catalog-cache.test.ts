import { describe, expect, it } from "vitest"
import { cachedCatalog, cachedEngineCatalog, hasCachedCatalog } from "../../src/ledger/catalog-cache.js"
import { contractCatalog } from "./contract/contract-data.js"

describe("the parsed catalogs of a process", () => {
  it("parse a stored catalog once; reconciliation's copy has no events and is otherwise the same", () => {
    const catalog = contractCatalog(50)
    const json = JSON.stringify(catalog)
    let reads = 0
    const read = () => {
      reads++
      return json
    }
    const engine = cachedEngineCatalog("engine-first", read)
    expect(engine).toEqual({ ...catalog, events: [] })
    expect(cachedEngineCatalog("engine-first", read)).toBe(engine)
    expect(reads).toBe(1)
    // the full catalog was not kept: only its copy without events
    expect(hasCachedCatalog("engine-first")).toBe(false)
    expect(hasCachedCatalog("engine-first", true)).toBe(true)

    const full = cachedCatalog("full-first", read)
    expect(full.events).toHaveLength(50)
    // the full catalog parsed, its copy without events needs no JSON
    expect(hasCachedCatalog("full-first", true)).toBe(true)
    // made from the parsed full catalog, without reading its JSON again
    expect(cachedEngineCatalog("full-first", read)).toEqual({ ...full, events: [] })
    expect(reads).toBe(2)
    expect(cachedCatalog("full-first", read)).toBe(full)
    expect(full.events).toHaveLength(50)
  })
})
