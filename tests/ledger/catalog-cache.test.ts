import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { Catalog, EventDef } from "../../src/domain/catalog.js"
import { cachedCatalog, cachedEngineCatalog, catalogForStore, eventFromRow, hasCachedCatalog } from "../../src/ledger/catalog-cache.js"
import { canonicalHash, canonicalJson } from "../../src/ledger/content-hash.js"
import { contractCatalog } from "./contract/contract-data.js"

const noEvents = (): EventDef[] => {
  throw new Error("the events were read, though the JSON holds them")
}

/** A catalog's event as its row holds it. */
const rowOf = (e: EventDef) => ({ id: e.id, title: e.title ?? null, date: e.date ?? null })

const id = fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/)
const text = fc.string({ maxLength: 12 })
const optional = <T>(key: string, arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 2 }).map((v) => (v === null ? {} : { [key]: v }))
const part = <T extends object>(...arbs: fc.Arbitrary<object>[]) => fc.tuple(...arbs).map((ps) => Object.assign({}, ...ps) as T)
/** Catalogs as `parseCatalog` gives them (optional fields absent or set), events in any order, some ids past 1,000 events. */
const catalogArb: fc.Arbitrary<Catalog> = part<Catalog>(
  id.map((name) => ({ name })), optional("title", text), fc.constantFrom({}, { openEvents: true }),
  fc.oneof(
    fc.uniqueArray(part<EventDef>(id.map((i) => ({ id: i })), optional("title", text), optional("date", fc.constantFrom("2025-06-01", "2025-06-01T10:00"))), { maxLength: 8, selector: (e) => e.id }),
    fc.integer({ min: 1000, max: 2100 }).map((n) => Array.from({ length: n }, (_, k) => ({ id: `e${n - k}`, ...(k % 3 === 0 ? { title: `t${k}` } : {}) }))),
  ).map((events) => ({ events })),
  fc.array(part(id.map((i) => ({ id: i, name: i, aliases: [i.toUpperCase()], kind: "osint" })), optional("side", text), fc.double({ min: 0, max: 3, noNaN: true }).map((weight) => ({ weight }))), { maxLength: 3 })
    .map((sources) => ({ sources })),
  fc.array(part(id.map((i) => ({ id: i, kind: "count", parts: [], exhaustive: false, cumulative: false })), optional("unit", text), optional("approx", fc.integer({ min: 1, max: 9 }))), { maxLength: 3 })
    .map((metrics) => ({ metrics })),
  fc.constantFrom({ dimensions: [] }, { dimensions: [{ id: "type", exhaustive: true, values: [{ id: "bomber" }, { id: "tu95", parent: "bomber", title: "Tu-95" }] }] }),
)

describe("a catalog as a store keeps it", () => {
  test.prop([catalogArb], { numRuns: 300 })("hashes the whole catalog as canonicalJson did; its JSON and event rows give back what that JSON parsed gives", (catalog) => {
    const whole = canonicalJson(catalog)
    const stored = catalogForStore(catalog)
    expect(stored.hash).toBe(canonicalHash("catalog", whole))
    const back = JSON.parse(whole) as Catalog
    expect(JSON.parse(stored.json)).toEqual({ ...back, events: [] })
    // a store that parsed the JSON and read the rows (not the cached copy) gives the same, key order included
    const read = { ...(JSON.parse(stored.json) as Catalog), events: stored.events.map(rowOf).map(eventFromRow) }
    expect(JSON.stringify(read)).toBe(whole)
    // and the process that stored it is handed the same without reading anything
    expect(JSON.stringify(cachedCatalog(stored.hash, () => { throw new Error("read") }, noEvents))).toBe(whole)
  })

  it("a catalog stored with its events in its JSON (before migration 0011) keeps them; one without reads its rows", () => {
    const catalog = contractCatalog(5)
    const whole = canonicalJson(catalog)
    expect(cachedCatalog("old-form", () => whole, noEvents).events.map((e) => e.id)).toEqual(["ev0", "ev1", "ev2", "ev3", "ev4"])
    let reads = 0
    const rows = () => {
      reads++
      return [{ id: "z" }, { id: "a", title: "A" }]
    }
    const json = JSON.stringify({ ...(JSON.parse(whole) as Catalog), events: [] })
    expect(cachedCatalog("new-form", () => json, rows).events).toEqual([{ id: "z" }, { id: "a", title: "A" }])
    expect(cachedCatalog("new-form", () => json, rows)).toBe(cachedCatalog("new-form", () => json, rows))
    expect(reads).toBe(1)
  })
})

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

    const full = cachedCatalog("full-first", read, noEvents)
    expect(full.events).toHaveLength(50)
    // the full catalog parsed, its copy without events needs no JSON
    expect(hasCachedCatalog("full-first", true)).toBe(true)
    // made from the parsed full catalog, without reading its JSON again
    expect(cachedEngineCatalog("full-first", read)).toEqual({ ...full, events: [] })
    expect(reads).toBe(2)
    expect(cachedCatalog("full-first", read, noEvents)).toBe(full)
    expect(full.events).toHaveLength(50)
  })
})
