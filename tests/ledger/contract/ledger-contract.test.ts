import { fc, test } from "@fast-check/vitest"
import { Context, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { vocabularyFrom, vocabularyOf } from "../../../src/domain/vocabulary.js"
import { buildCatalogIndex } from "../../../src/ingest/catalog-index.js"
import { ingestFile } from "../../../src/ingest/ingest-file.js"
import { ingestPaths } from "../../../src/ingest/ingest-paths.js"
import { parseCatalog } from "../../../src/ingest/parse-catalog.js"
import { prepareClaim } from "../../../src/ingest/prepare-claim.js"
import type { BatchItem } from "../../../src/ledger/claim-batch.js"
import { canonicalJson } from "../../../src/ledger/content-hash.js"
import { NO_COUNTS } from "../../../src/ledger/claim-batch.js"
import { Ledger, type LedgerService } from "../../../src/ledger/ledger.js"
import { ledgerLayer, type LedgerLayerOptions } from "../../../src/ledger/ledger-layer.js"
import { computeFigures } from "../../../src/query/query-figures.js"
import { CLI } from "../../support/run-cli.js"
import { startCli, waitFor } from "../../support/spawn-cli.js"
import { tempDir } from "../../support/temp-dir.js"
import { contractCatalog, contractLines, contractRecord, writeContractFiles } from "./contract-data.js"
import { IMPLEMENTATIONS } from "./implementations.js"
import { PG_SKIP_REASON, TEST_PG } from "../../support/postgres.js"

/**
 * The contract every ledger implementation keeps (SPEC §5), written once and run against each
 * (SQLite here; PostgreSQL when RECKON_TEST_PG is set): idempotent writes, accounting,
 * supersession, the stale-components record, leases, concurrent writers, figures after a kill.
 * It talks to the ledger only through its service and the CLI, never through SQL.
 */

const NOW = "2025-07-01T00:00:00.000Z"
const EVENTS = 12

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`)
})

describe.skipIf(TEST_PG !== undefined)(`the ledger contract on postgres: ${PG_SKIP_REASON}`, () => {
  it.skip("runs when RECKON_TEST_PG is set", () => {})
})

describe.each(IMPLEMENTATIONS)("the ledger contract on $name", (impl) => {
  const made: string[] = []
  afterEach(async () => {
    for (const l of made.splice(0)) await impl.drop(l)
  })
  const fresh = async () => {
    const location = await impl.fresh()
    made.push(location)
    return location
  }
  const run = <A, E>(location: string, effect: Effect.Effect<A, E, Ledger>, options: LedgerLayerOptions = {}): Promise<A> =>
    Effect.runPromise(effect.pipe(Effect.provide(ledgerLayer(location, options))))
  const use = <A, E>(location: string, f: (l: LedgerService) => Effect.Effect<A, E>) => run(location, Effect.flatMap(Ledger, f))

  /** The materialized figures and conflicts, as the ledger hands them out. */
  const snapshot = (l: LedgerService) => Effect.all({ figures: l.figures({}), conflicts: l.conflicts({}) })
  /** What every component reconciled again from its claims gives, on the same ledger. */
  const recomputed = (l: LedgerService) => Effect.gen(function* () {
    yield* l.markAllStale()
    yield* l.reconcileStale()
    return yield* snapshot(l)
  })

  /** Components reconciled more or fewer times than they were marked stale (none, when nothing is stale). */
  const unbalanced = (l: LedgerService) => Effect.map(l.componentPasses, (passes) => ({
    components: passes.length, off: passes.filter((p) => p.marked !== p.reconciled || p.marked < 1),
  }))

  const catalog = contractCatalog(EVENTS)
  const index = buildCatalogIndex([catalog])
  const item = (record: Record<string, unknown>, line: number): BatchItem => {
    const raw = JSON.stringify(record)
    return { line, raw, result: prepareClaim(record, { file: "t.ndjson", line, raw }, index, "contract") }
  }
  const batchOf = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => item(contractRecord(from + k, EVENTS), from + k + 1))
  const registered = (l: LedgerService) => l.registerCatalog(catalog, null, NOW)
  const write = (l: LedgerService, runId: number, items: readonly BatchItem[], before = NO_COUNTS) =>
    Effect.flatMap(l.writeClaims({ runId, file: "t.ndjson", items, before, recorded: NOW }), (r) =>
      r.kind === "written" ? Effect.succeed(r) : Effect.dieMessage("lease lost without a job"))
  const newRun = (l: LedgerService) => l.startRun({ what: "t.ndjson", dataset: "contract", job: null, started: NOW })

  /** A second dataset, whose one event `elsewhere` the contract's sources s3 and s9 speak to. */
  const SECOND = (() => {
    const parsed = parseCatalog("name: second\nevents: [{ id: elsewhere }]\nsources: [{ id: s3 }, { id: s9 }]\nmetrics: [{ id: hit }]\n")
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
    return parsed.catalog
  })()
  /** s3 says 5 and s9 says 6 of `elsewhere`'s hit, in a run of the second dataset (registered before). */
  const writeElsewhere = (l: LedgerService) => Effect.gen(function* () {
    const both = buildCatalogIndex([catalog, SECOND])
    const items = [{ id: "e1", source: "s3", value: 5 }, { id: "e2", source: "s9", value: 6 }].map((c, k): BatchItem => {
      const raw = JSON.stringify({ ...c, event: "elsewhere", metric: "hit", quote: String(c.value) })
      return { line: k + 1, raw, result: prepareClaim(JSON.parse(raw), { file: "u.ndjson", line: k + 1, raw }, both, "second") }
    })
    return yield* write(l, yield* l.startRun({ what: "u.ndjson", dataset: "second", job: null, started: NOW }), items)
  })
  /** A learned source row, but for its source, weight and dataset. */
  const LEARNED = { claims: 20, contested: 20, agreement: 0.9, prior_weight: 1, copy_group: null, learned_at: NOW, method: "test", options_json: "{}" }

  describe("declared names", () => {
    it("are what the registered catalogs declare: events, metrics, sources with their aliases, dimensions and values", async () => {
      const parsed = parseCatalog([
        "name: named", "events: [{ id: strike }]",
        "sources: [{ id: sbu, aliases: [Security Service, SBU] }, { id: s3, aliases: [third] }]",
        "metrics: [{ id: killed }]", "dimensions: [{ id: side, values: [{ id: red }, { id: blue }] }]", "",
      ].join("\n"))
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
      const location = await fresh()
      const declared = await use(location, (l) => Effect.gen(function* () {
        for (const c of [catalog, SECOND, parsed.catalog]) yield* l.registerCatalog(c, null, NOW)
        return { all: yield* l.declaredNames(), some: yield* l.declaredNames(["ev1", "strike", "nosuch"]), none: yield* l.declaredNames([]) }
      }))
      const v = vocabularyFrom(declared.all)
      expect(v).toEqual(vocabularyOf([catalog, SECOND, parsed.catalog]))
      expect(v.events).toEqual([...Array.from({ length: EVENTS }, (_, e) => `ev${e}`), "elsewhere", "strike"].sort())
      expect(v.sourceIds.get("Security Service")).toEqual(["sbu"])
      expect(v.sourceIds.get("third")).toEqual(["s3"])
      expect(v.sources.filter((s) => s === "s3")).toEqual(["s3"])
      expect(v.dimensions).toEqual(new Map([["side", ["blue", "red"]], ["type", ["bomber", "tu22", "tu95"]]]))
      // asked for some events: only those of them declared, and every other name as before
      expect(vocabularyFrom(declared.some)).toEqual({ ...v, events: ["ev1", "strike"] })
      expect(vocabularyFrom(declared.none)).toEqual({ ...v, events: [] })
    })
  })

  describe("a stored catalog", () => {
    it("reads back whole in another process: its events in their order, titles and dates as given; the same catalog again is unchanged", async () => {
      // a name of this implementation's own: the catalog is new to this process's caches
      const name = `order-${impl.name}`
      const dir = path.join(tempDir(), name)
      fs.mkdirSync(dir)
      const events = Array.from({ length: 2500 }, (_, k) => 2500 - k).map((n) =>
        `  - { id: e${n}${n % 3 === 0 ? `, title: "Strike ${n}"` : ""}${n % 4 === 0 ? ", date: 2025-06-01" : ""} }`)
      // a title may hold any character: U+0000 and U+FFFF too (PostgreSQL text cannot hold the first as it is)
      const odd = '  - { id: odd, title: "nul \\0, U+FFFF \\uffff" }'
      const yaml = [`name: ${name}`, "events:", ...events, odd, "sources: [{ id: s1 }]", "metrics: [{ id: hit }]", ""].join("\n")
      fs.writeFileSync(path.join(dir, "dataset.yaml"), yaml)
      fs.writeFileSync(path.join(dir, "claims.ndjson"), `${JSON.stringify({ id: "c1", event: "e7", metric: "hit", source: "s1", value: 3, quote: "three" })}\n`)
      const parsed = parseCatalog(yaml)
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
      const db = await fresh()
      const ingest = startCli(["ingest", dir, "--db", db])
      expect(await ingest.exited, ingest.stderr()).toEqual({ code: 0, signal: null })
      const r = await use(db, (l) => Effect.gen(function* () {
        return { catalogs: yield* l.catalogs, ofEvent: yield* l.catalogOfEvent("e7"), again: yield* l.registerCatalog(parsed.catalog, dir, NOW) }
      }))
      const whole = canonicalJson(parsed.catalog)
      expect(r.catalogs).toHaveLength(1)
      expect(JSON.stringify(r.catalogs[0])).toBe(whole)
      expect(r.catalogs[0]!.events.slice(0, 5)).toEqual([{ id: "e2500", date: "2025-06-01" }, { id: "e2499", title: "Strike 2499" }, { id: "e2498" }, { id: "e2497" }, { id: "e2496", title: "Strike 2496", date: "2025-06-01" }])
      expect(r.catalogs[0]!.events.at(-1)).toEqual({ id: "odd", title: "nul \u0000, U+FFFF \uffff" })
      // what reconciliation reads: the same without the events
      expect(r.ofEvent).toEqual({ ...(JSON.parse(whole) as object), events: [] })
      expect(r.again).toEqual({ ok: true, changed: false, isNew: false, stale: 0 })
    }, 60_000)
  })

  describe("idempotent writes", () => {
    it("stores a record once: the same content again is a duplicate, another record with its id is rejected", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        const first = yield* write(l, yield* newRun(l), batchOf(0, 30))
        const again = yield* write(l, yield* newRun(l), batchOf(0, 30))
        const changed = yield* write(l, yield* newRun(l), [item({ ...contractRecord(3, EVENTS), value: 999 }, 1)])
        const twice = yield* write(l, yield* newRun(l), [item(contractRecord(30, EVENTS), 1), item(contractRecord(30, EVENTS), 2)])
        return { first, again, changed, twice, claims: (yield* l.claims({})).length }
      }))
      expect(r.first.counts).toEqual({ read: 30, inserted: 30, duplicates: 0, rejected: 0 })
      expect(r.again.counts).toEqual({ read: 30, inserted: 0, duplicates: 30, rejected: 0 })
      expect(r.again.components).toEqual([])
      expect(r.changed.counts).toEqual({ read: 1, inserted: 0, duplicates: 0, rejected: 1 })
      expect(r.changed.rejections[0]!.reason).toMatch(/^duplicate id "r3": a different claim with this id is stored \(t\.ndjson:4\)/)
      expect(r.twice.counts).toEqual({ read: 2, inserted: 1, duplicates: 1, rejected: 0 })
      expect(r.claims).toBe(31)
    })

    it("checks claims without writing: what a write would do", async () => {
      const db = await fresh()
      const outcomes = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        yield* write(l, yield* newRun(l), batchOf(0, 2))
        const claims = [contractRecord(0, EVENTS), { ...contractRecord(1, EVENTS), value: 5000 }, contractRecord(2, EVENTS)]
          .map((r, k) => item(r, k + 1)).flatMap((i) => (i.result.ok ? [i.result.claim] : []))
        const checked = yield* l.checkClaims(claims)
        return { checked, stored: (yield* l.claims({})).length }
      }))
      expect(outcomes.checked.map((o) => o.kind)).toEqual(["duplicate", "rejected", "inserted"])
      expect(outcomes.stored).toBe(2)
    })
  })

  describe("events no catalog declares", () => {
    /** Two datasets taking any event (`open_events`), grouping `hit`'s parts differently. */
    const open = (name: string, parts: boolean) => {
      const parsed = parseCatalog(`name: ${name}\nopen_events: true\nevents: [{ id: ${name}-own }]\nsources: [{ id: s1 }, { id: s2 }]\n`
        + `metrics:\n  - { id: hit${parts ? ", parts: [damaged, destroyed], exhaustive: true" : ""} }\n  - { id: damaged }\n  - { id: destroyed }\n`)
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
      return parsed.catalog
    }
    const [grouped, flat] = [open("grouped", true), open("flat", false)]
    const both = buildCatalogIndex([grouped, flat])
    const claimOf = (dataset: string, id: string, event: string, source: string, value: number, line: number): BatchItem => {
      const raw = JSON.stringify({ id, event, metric: "hit", source, value })
      return { line, raw, result: prepareClaim(JSON.parse(raw), { file: `${dataset}.ndjson`, line, raw }, both, dataset) }
    }

    it("hold claims of one dataset each: another dataset's claim of such an event is rejected, in a later batch or the same one", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* l.registerCatalog(grouped, null, NOW)
        yield* l.registerCatalog(flat, null, NOW)
        const first = yield* write(l, yield* newRun(l), [claimOf("grouped", "a1", "ev-x", "s1", 30, 1)])
        const checked = yield* l.checkClaims([claimOf("flat", "b1", "ev-x", "s2", 50, 1), claimOf("flat", "b2", "ev-y", "s2", 7, 2)]
          .flatMap((i) => (i.result.ok ? [i.result.claim] : [])))
        const second = yield* write(l, yield* newRun(l), [claimOf("flat", "b1", "ev-x", "s2", 50, 1), claimOf("flat", "b2", "ev-y", "s2", 7, 2),
          claimOf("grouped", "a2", "ev-y", "s1", 8, 3), claimOf("flat", "b3", "grouped-own", "s2", 1, 4)])
        yield* l.reconcileStale()
        return { first, checked, second, claims: yield* l.claims({}), figures: yield* l.figures({ event: "ev-x" }) }
      }))
      expect(r.first.counts).toEqual({ read: 1, inserted: 1, duplicates: 0, rejected: 0 })
      expect(r.checked.map((o) => o.kind)).toEqual(["rejected", "inserted"])
      // b1: ev-x is grouped's; a2: ev-y became flat's in this very batch; b3: an event grouped declares belongs to grouped
      expect(r.second.counts).toEqual({ read: 4, inserted: 1, duplicates: 0, rejected: 3 })
      expect(r.second.rejections.map((x) => [x.line, x.reason])).toEqual([
        [1, 'event "ev-x" already has claims of dataset "grouped" (an event\'s claims are reconciled under one catalog)'],
        [3, 'event "ev-y" already has claims of dataset "flat" (an event\'s claims are reconciled under one catalog)'],
        [4, 'event "grouped-own" belongs to dataset "grouped", not "flat"'],
      ])
      expect(r.claims.map((c) => [c.claim_id, c.dataset]).sort()).toEqual([["a1", "grouped"], ["b2", "flat"]])
      expect(r.figures.map((f) => [f.figure.metric, f.figure.best])).toEqual([["hit", 30]])
    })
  })

  describe("accounting", () => {
    type Kind = "good" | "bad" | "repeat" | "clash"
    test.prop([fc.array(fc.array(fc.constantFrom<Kind>("good", "bad", "repeat", "clash"), { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 5 })], { numRuns: 8 })(
      "every record read is inserted, a duplicate or quarantined, in each batch and in the run's row",
      async (batches) => {
        const db = await fresh()
        // Record 0 is stored first: "repeat" sends it again (a duplicate), "clash" reuses its id (rejected).
        const itemOf = (k: Kind, line: number): BatchItem =>
          k === "bad" ? { line, raw: "{}", result: { ok: false, reason: "unreadable" } }
          : k === "repeat" ? item(contractRecord(0, EVENTS), line)
          : k === "clash" ? item({ ...contractRecord(0, EVENTS), value: 777 }, line)
          : item(contractRecord(line, EVENTS), line)
        const kinds = batches.flat()
        const expected = {
          read: 1 + kinds.length,
          inserted: 1 + kinds.filter((k) => k === "good").length,
          duplicates: kinds.filter((k) => k === "repeat").length,
          rejected: kinds.filter((k) => k === "bad" || k === "clash").length,
        }
        const result = await use(db, (l) => Effect.gen(function* () {
          yield* registered(l)
          const runId = yield* newRun(l)
          let counts = (yield* write(l, runId, [item(contractRecord(0, EVENTS), 0)])).counts
          let line = 1
          for (const batch of batches) {
            const r = yield* write(l, runId, batch.map((k) => itemOf(k, line++)), counts)
            expect(r.counts.read).toBe(r.counts.inserted + r.counts.duplicates + r.counts.rejected)
            expect(r.rejections).toHaveLength(r.counts.rejected)
            counts = { read: counts.read + r.counts.read, inserted: counts.inserted + r.counts.inserted, duplicates: counts.duplicates + r.counts.duplicates, rejected: counts.rejected + r.counts.rejected }
          }
          // Before the run is finished, its row already holds the counts of every committed batch.
          const [during] = yield* l.ingestRuns(1)
          yield* l.finishRun(runId, counts, counts.rejected > 0 ? "rejected" : "ok", null, NOW)
          const [row] = yield* l.ingestRuns(1)
          return { counts, during: during!, row: row!, claims: (yield* l.claims({})).length }
        }))
        expect(result.counts).toEqual(expected)
        expect(result.during).toMatchObject({ ...expected, outcome: "running" })
        expect(result.row).toMatchObject({ ...expected, outcome: expected.rejected > 0 ? "rejected" : "ok", finished: NOW })
        expect(result.claims).toBe(expected.inserted)
      },
    )
  })

  describe("supersession", () => {
    it("keeps a superseded claim, shows it superseded, leaves it out of learning, and counts it again as of before", async () => {
      const db = await fresh()
      const base = { event: "ev0", metric: "destroyed", source: "s1", quote: "x" }
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        yield* write(l, yield* newRun(l), [
          item({ ...base, id: "old", value: 10, stated: "2025-06-01" }, 1),
          item({ ...base, id: "new", value: 12, stated: "2025-06-03", supersedes: "old" }, 2),
          item({ ...base, id: "other", source: "s2", value: 12, stated: "2025-06-02" }, 3),
        ])
        yield* l.reconcileStale()
        const [stored] = (yield* l.figures({ event: "ev0", metric: "destroyed", scopeKey: "" }))
        const points = yield* l.readPointClaims(undefined, (claims) => [...claims].map((c) => c.value))
        const before = yield* computeFigures({ event: "ev0", metric: "destroyed", scope: {}, asOf: "2025-06-02" }).pipe(Effect.provideService(Ledger, l))
        return { stored: stored!.figure, points, before: before[0]! }
      }))
      expect(Object.fromEntries(r.stored.claims.map((c) => [c.id, c.role]))).toEqual({ old: "superseded", new: "support", other: "support" })
      expect(r.stored.range).toEqual({ lo: 12, hi: 12 })
      expect(r.points.sort()).toEqual([12, 12])
      expect(r.before.claims.find((c) => c.id === "old")?.role).not.toBe("superseded")
      expect(r.before.claims.some((c) => c.id === "new")).toBe(false)
    })
  })

  describe("the stale-components record", () => {
    it("is written with the claims, by component, and drained by a reconciliation into figures", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        const written = yield* write(l, yield* newRun(l), batchOf(0, 200))
        const stale = yield* l.staleCount()
        const before = yield* l.figures({})
        const done = yield* l.reconcileStale()
        return { written, stale, before: before.length, done, after: yield* l.staleCount(), snap: yield* snapshot(l), full: yield* recomputed(l) }
      }))
      // hit = damaged + destroyed: one component per event
      expect(new Set(r.written.components)).toEqual(new Set(Array.from({ length: EVENTS }, (_, e) => `ev${e}|damaged`)))
      expect(r.stale).toBe(EVENTS)
      expect(r.before).toBe(0)
      expect(r.done.components).toBe(EVENTS)
      expect(r.after).toBe(0)
      expect(r.snap.figures.length).toBe(r.done.figures)
      expect(r.snap).toEqual(r.full)
      // each figure's claims carry their quote and url, which stored figure rows leave to the claims table
      const listed = r.snap.figures.flatMap((f) => f.figure.claims)
      expect(listed.length).toBeGreaterThanOrEqual(200)
      for (const c of listed) {
        expect(c.quote).toBe(`record ${c.id.slice(1)}`)
        expect(Object.keys(c).slice(-2)).toEqual(["quote", "url"])
        expect(c.url).toBeNull()
      }
    })

    test.prop([fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })], { numRuns: 6 })(
      "after any order of ingests, each followed or not by a reconciliation, one more leaves the figures of a full recompute",
      async (fileOf, reconcileAfter) => {
        const dir = tempDir()
        const dataset = writeContractFiles(dir, 4, Object.fromEntries([0, 1, 2, 3].map((f) => [`f${f}.ndjson`,
          fileOf.map((g, i) => (g === f ? JSON.stringify(contractRecord(i, 4)) : null)).filter((x) => x !== null).join("\n")])))
        const db = await fresh()
        const index4 = buildCatalogIndex([contractCatalog(4)])
        const r = await use(db, (l) => Effect.gen(function* () {
          yield* l.registerCatalog(contractCatalog(4), dataset, NOW)
          for (const f of [0, 1, 2, 3]) {
            yield* ingestFile(path.join(dir, `f${f}.ndjson`), { index: index4, dataset: "contract", strict: false, displayName: `f${f}` })
              .pipe(Effect.provideService(Ledger, l))
            if (reconcileAfter[f]) yield* l.reconcileStale()
          }
          yield* l.reconcileStale()
          const passes = yield* unbalanced(l)
          return { snap: yield* snapshot(l), passes, full: yield* recomputed(l), after: yield* unbalanced(l) }
        }))
        expect(r.snap).toEqual(r.full)
        // Every component reconciled exactly as often as it was made stale, before and after the recompute.
        expect(r.passes.components).toBeGreaterThan(0)
        expect(r.passes.off).toEqual([])
        expect(r.after.off).toEqual([])
      },
    )

    it("re-keys the components a catalog change regroups: the same claims then give what a fresh ledger gives", async () => {
      const dir = tempDir()
      const lines = contractLines(0, 120, 3)
      const dataset = writeContractFiles(dir, 3, { "c.ndjson": lines }, false)
      const changed = await fresh()
      const first = await run(changed, ingestPaths([dataset, path.join(dir, "c.ndjson")]))
      expect(first.files[0]!.inserted).toBe(120)
      // Three components per event before: hit, damaged, destroyed apart.
      expect(await use(changed, (l) => l.componentsOf({ event: "ev0" }))).toHaveLength(3)
      writeContractFiles(dir, 3, {}, true)
      const second = await run(changed, ingestPaths([dataset]))
      expect(second.components).toBeGreaterThanOrEqual(3 * 3)
      const keys = await use(changed, (l) => l.componentsOf({ event: "ev0" }))
      expect(keys.map((k) => k.component)).toEqual(["ev0|damaged"])
      const reference = await fresh()
      await run(reference, ingestPaths([dataset, path.join(dir, "c.ndjson")]))
      const [a, b] = [await use(changed, snapshot), await use(reference, snapshot)]
      expect(a.figures.length).toBeGreaterThan(0)
      expect(a).toEqual(b)
      expect(await use(changed, (l) => l.staleCount())).toBe(0)
    })

    it("is written with learned weights and copy groups, for the components of their dataset", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        yield* write(l, yield* newRun(l), batchOf(0, 60))
        yield* l.reconcileStale()
        const row = { claims: 20, contested: 20, agreement: 0.5, prior_weight: 1, dataset: "contract", learned_at: NOW, method: "test", options_json: "{}" }
        const stale = yield* l.replaceReliability({
          sources: [
            { ...row, source: "s3", weight: 0.1, copy_group: "copy:s3" },
            // Too little evidence: no learned weight, the prior stands; still in its copy group.
            { ...row, source: "s2", weight: null, copy_group: "copy:s3" },
          ],
          groups: [{ id: "copy:s3", sources_json: JSON.stringify(["s2", "s3"]), dataset: "contract", baseline: 0, learned_at: NOW }],
          metrics: [],
          evidence: [{ group_id: "copy:s3", source_a: "s2", source_b: "s3", overlap: 20, same: 20, both_false: 0, shared_false: 0, expected_shared_false: 0, score: 0 }],
        }, "contract")
        return {
          stale, weights: yield* l.sourceWeights, copyGroups: yield* l.sourceCopyGroups, stored: yield* l.reliability,
        }
      }))
      expect(r.stale).toBe(EVENTS)
      expect(r.weights).toEqual(new Map([["s3", 0.1]]))
      expect(r.copyGroups).toEqual(new Map([["s2", "copy:s3"], ["s3", "copy:s3"]]))
      expect(r.stored.sources.map((s) => [s.source, s.weight, s.contested, s.agreement])).toEqual([["s2", null, 20, 0.5], ["s3", 0.1, 20, 0.5]])
      expect(r.stored.evidence.map((e) => e.same)).toEqual([20])
    })

    it("is written with one dataset's learned weights for the components of another dataset where the same sources speak", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        yield* l.registerCatalog(SECOND, null, NOW)
        yield* write(l, yield* newRun(l), batchOf(0, 60))
        yield* writeElsewhere(l)
        yield* l.reconcileStale()
        const stale = yield* l.replaceReliability({ sources: [{ ...LEARNED, source: "s3", weight: 4, dataset: "contract" }], metrics: [], groups: [], evidence: [] }, "contract")
        const second = yield* l.staleCount("second")
        yield* l.reconcileStale()
        const [figure] = yield* l.figures({ event: "elsewhere" })
        return { stale, second, best: figure?.figure.best }
      }))
      expect(r).toEqual({ stale: EVENTS, second: 1, best: 5 })
    })

    it("is written with a source's learned weight on a metric where it has one, and replaces those with the rest", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        yield* l.registerCatalog(SECOND, null, NOW)
        yield* writeElsewhere(l)
        yield* l.reconcileStale()
        const metricRow = { source: "s3", contested: 40, agreement: 0.2, dataset: "second", learned_at: NOW }
        // s3 is strong overall (4) but weak on `hit` (0.1): on hit's cells s9 (prior 1) outweighs it.
        yield* l.replaceReliability({
          sources: [{ ...LEARNED, source: "s3", weight: 4, dataset: "second" }],
          metrics: [{ ...metricRow, metric: "hit", weight: 0.1 }, { ...metricRow, metric: "damaged", weight: null, contested: 3 }],
          groups: [], evidence: [],
        }, "second")
        yield* l.reconcileStale()
        const weak = (yield* l.figures({ event: "elsewhere" }))[0]?.figure.best
        const loaded = { metricWeights: yield* l.sourceMetricWeights, stored: (yield* l.reliability).metrics.map((m) => [m.source, m.metric, m.weight]) }
        // Learned again without metric rows: the old ones go with the source's row.
        yield* l.replaceReliability({ sources: [{ ...LEARNED, source: "s3", weight: 4, dataset: "second" }], metrics: [], groups: [], evidence: [] }, "second")
        yield* l.reconcileStale()
        const strong = (yield* l.figures({ event: "elsewhere" }))[0]?.figure.best
        return { weak, strong, ...loaded, after: (yield* l.reliability).metrics.length }
      }))
      expect(r).toEqual({
        weak: 6, strong: 5, metricWeights: new Map([["hit", new Map([["s3", 0.1]])]]),
        stored: [["s3", "damaged", null], ["s3", "hit", 0.1]], after: 0,
      })
    })
  })

  describe("leases", () => {
    it("lets one holder at a time run a job, and frees a crashed holder's lease when it expires", async () => {
      const db = await fresh()
      const r = await use(db, (l) => Effect.all([
        l.acquireLease("feed", "A", 1000, 0),
        l.acquireLease("feed", "B", 1000, 500),
        l.leaseHolder("feed", 500),
        l.acquireLease("other", "B", 1000, 500), // leases are per job
        l.renewLease("feed", "A", 1000, 900), // now until 1900
        l.acquireLease("feed", "B", 1000, 1500),
        // A stops renewing (killed): at 1900 the lease has expired and B takes over
        l.acquireLease("feed", "B", 1000, 1900),
        l.renewLease("feed", "A", 1000, 2000),
        l.holdsLease("feed", "A", 2000),
        l.holdsLease("feed", "B", 2000),
        l.releaseLease("feed", "B"),
        l.leaseHolder("feed", 2000),
        l.acquireLease("feed", "A", 1000, 2000),
      ]))
      expect(r).toEqual([true, false, "A", true, true, false, true, false, false, true, undefined, null, true])
    })

    it("tells a live writer's runs from a dead one's: only the dead one's are marked crashed", async () => {
      const db = await fresh()
      const service = (options: LedgerLayerOptions) => Effect.map(Layer.build(ledgerLayer(db, options)), (ctx) => Context.get(ctx, Ledger))
      const result = await Effect.runPromise(Effect.scoped(Effect.gen(function* () {
        const live = yield* service({ holder: "live-writer" })
        yield* registered(live)
        const liveRun = yield* newRun(live)
        // Another writer that started a run, then stopped renewing its lease (a lease that ran out).
        const dead = yield* service({ holder: "dead-writer" })
        yield* dead.heartbeat(1)
        const deadRun = yield* newRun(dead)
        yield* Effect.sleep(20)
        const next = yield* service({ writer: false })
        const recovery = yield* next.recover({ reconcile: false })
        const runs = yield* next.ingestRuns(10)
        const outcome = (id: number) => runs.find((r) => r.id === id)?.outcome
        return { live: outcome(liveRun), dead: outcome(deadRun), liveWriters: recovery.liveWriters }
      })))
      expect(result).toEqual({ live: "running", dead: "crashed", liveWriters: 1 })
    })
  })

  describe("several writers", () => {
    it("take turns on two connections of one process, every record stored once", async () => {
      const dir = tempDir()
      writeContractFiles(dir, EVENTS, { "a.ndjson": contractLines(0, 3000, EVENTS), "b.ndjson": contractLines(3000, 6000, EVENTS) })
      const db = await fresh()
      await use(db, registered)
      const ingest = (file: string) => Effect.gen(function* () {
        const l = yield* Ledger
        const summary = yield* ingestFile(path.join(dir, file), { index, dataset: "contract", strict: false, displayName: file, batchSize: 500 })
        yield* l.reconcileStale()
        return summary
      }).pipe(Effect.provide(ledgerLayer(db)))
      const [a, b] = await Effect.runPromise(Effect.all([ingest("a.ndjson"), ingest("b.ndjson")], { concurrency: "unbounded" }))
      expect([a.inserted, b.inserted]).toEqual([3000, 3000])
      const r = await use(db, (l) => Effect.gen(function* () {
        return { claims: (yield* l.claims({})).length, stale: yield* l.staleCount(), snap: yield* snapshot(l), full: yield* recomputed(l) }
      }))
      expect(r.claims).toBe(6000)
      expect(r.stale).toBe(0)
      expect(r.snap).toEqual(r.full)
    })

    it("three `reckon ingest` processes of different files into a new ledger all succeed, and store the sum", async () => {
      const dir = tempDir()
      const dataset = writeContractFiles(dir, EVENTS, Object.fromEntries([0, 1, 2].map((k) => [`p${k}.ndjson`, contractLines(k * 8_000, (k + 1) * 8_000, EVENTS)])))
      const db = await fresh()
      const procs = [0, 1, 2].map((k) => startCli(["ingest", path.join(dir, `p${k}.ndjson`), "--dataset", dataset, "--db", db]))
      const exits = await Promise.all(procs.map((p) => p.exited))
      expect(exits, procs.map((p) => p.stderr()).join("\n")).toEqual([0, 1, 2].map(() => ({ code: 0, signal: null })))
      const r = await use(db, (l) => Effect.gen(function* () {
        return {
          claims: (yield* l.claims({})).length, runs: yield* l.ingestRuns(10),
          stale: yield* l.staleCount(), passes: yield* unbalanced(l), snap: yield* snapshot(l), full: yield* recomputed(l),
        }
      }), { writer: false })
      expect(r.claims).toBe(24_000)
      expect(r.passes.off).toEqual([])
      expect(r.runs.map((x) => [x.outcome, x.inserted])).toEqual([["ok", 8_000], ["ok", 8_000], ["ok", 8_000]])
      // Whether the three runs overlap is up to the scheduler (a faster ingest finished one before the
      // last started on CI), so only what must hold is checked: every run ok, every claim once.
      expect(r.stale).toBe(0)
      expect(r.snap).toEqual(r.full)
    }, 120_000)
  })

  describe("several writers of the same records", () => {
    it("two `reckon ingest` processes of one file at once: each record stored once, the other run counts it a duplicate", async () => {
      const dir = tempDir()
      const dataset = writeContractFiles(dir, EVENTS, { "same.ndjson": contractLines(0, 6_000, EVENTS) })
      const db = await fresh()
      const procs = [0, 1].map(() => startCli(["ingest", path.join(dir, "same.ndjson"), "--dataset", dataset, "--db", db]))
      const exits = await Promise.all(procs.map((p) => p.exited))
      expect(exits, procs.map((p) => p.stderr()).join("\n")).toEqual([{ code: 0, signal: null }, { code: 0, signal: null }])
      const r = await use(db, (l) => Effect.gen(function* () {
        return { claims: (yield* l.claims({})).length, runs: yield* l.ingestRuns(10), passes: yield* unbalanced(l) }
      }), { writer: false })
      expect(r.claims).toBe(6_000)
      expect(r.runs).toHaveLength(2)
      for (const run of r.runs) expect(run).toMatchObject({ read: 6_000, rejected: 0, outcome: "ok" })
      expect(r.runs.reduce((n, x) => n + x.inserted, 0)).toBe(6_000)
      expect(r.runs.reduce((n, x) => n + x.duplicates, 0)).toBe(6_000)
      expect(r.passes.off).toEqual([])
    }, 120_000)
  })

  describe("text as given", () => {
    it("gives back every character a record held, U+0000 and U+FFFF too", async () => {
      const db = await fresh()
      const odd = "a\u0000b\uFFFFc\uFFFF0\\N\t\n"
      const id = "odd-a\u0000b\uFFFFc\uFFFF0"
      const record = { ...contractRecord(0, EVENTS), id, quote: `said ${odd}`, note: odd }
      const raw = `${JSON.stringify(record)}\u0000`
      const stored = await use(db, (l) => Effect.gen(function* () {
        yield* registered(l)
        const base = item(record, 1)
        yield* write(l, yield* newRun(l), [{ ...base, raw, result: base.result.ok ? { ok: true, claim: { ...base.result.claim, raw } } : base.result }])
        const again = yield* write(l, yield* newRun(l), [item(record, 1)])
        return { rows: yield* l.claims({}), again: again.counts }
      }))
      expect(stored.rows).toHaveLength(1)
      expect(stored.rows[0]).toMatchObject({ claim_id: id, quote: `said ${odd}`, note: odd, raw })
      expect(stored.again).toMatchObject({ inserted: 0, duplicates: 1 })
    })
  })

  describe("after a kill", () => {
    it("the next command marks the killed run crashed and brings the figures to a full recompute; one more ingest completes it", async () => {
      const dir = tempDir()
      const dataset = writeContractFiles(dir, EVENTS, { "k.ndjson": contractLines(0, 25_000, EVENTS) })
      const db = await fresh()
      const first = startCli(["ingest", path.join(dir, "k.ndjson"), "--dataset", dataset, "--db", db])
      await waitFor("the first batch", async () => ((await use(db, (l) => l.ingestRuns(1), { writer: false }))[0]?.inserted ?? 0) >= 10_000, 60_000, 100)
      first.child.kill("SIGKILL")
      expect((await first.exited).signal).toBe("SIGKILL")
      const after = await use(db, (l) => Effect.gen(function* () {
        return { runs: yield* l.ingestRuns(1), stale: yield* l.staleCount(), claims: (yield* l.claims({})).length, snap: yield* snapshot(l), full: yield* recomputed(l) }
      }), { writer: false })
      expect(after.runs[0]!.outcome).toBe("crashed")
      expect(after.claims).toBeGreaterThanOrEqual(10_000)
      expect(after.claims).toBeLessThan(25_000)
      expect(after.stale).toBe(0)
      expect(after.snap).toEqual(after.full)
      const again = startCli(["ingest", path.join(dir, "k.ndjson"), "--dataset", dataset, "--db", db])
      expect(await again.exited).toEqual({ code: 0, signal: null })
      const done = await use(db, (l) => Effect.gen(function* () {
        return { claims: (yield* l.claims({})).length, snap: yield* snapshot(l), full: yield* recomputed(l) }
      }))
      expect(done.claims).toBe(25_000)
      expect(done.snap).toEqual(done.full)
    }, 120_000)
  })
})
