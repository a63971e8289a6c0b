import { fc, test } from "@fast-check/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { Effect } from "effect"
import { Ledger } from "../../src/ledger/ledger.js"
import type { Figure } from "../../src/domain/figure.js"
import type { Claim } from "../../src/domain/claim.js"
import { componentFigures, storedFigureJson } from "../../src/ledger/component-figures.js"
import { computeFigures, queryFigures } from "../../src/query/query-figures.js"
import { execute, query, runWithLedger, withLedger } from "../support/run-with-ledger.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const SPIDER = path.resolve("datasets/spider-web")
const CLAIMS = fs.readFileSync(path.join(SPIDER, "claims.ndjson"), "utf8").trim().split("\n")
const CATALOG = fs.readFileSync(path.join(SPIDER, "dataset.yaml"), "utf8")

/** The materialized figures and conflicts, without the time they were computed. */
const snapshot = (db: string) => ({
  figures: query(db, "SELECT component, event, metric, scope_key, at_key, status, lo, hi, has_range, best, voices, heuristic, detail_json FROM figures ORDER BY event, metric, scope_key, at_key"),
  conflicts: query(db, "SELECT component, event, metric, scope_key, at_key, kind, claims_json, against_json, reason FROM conflicts ORDER BY event, metric, scope_key, at_key, claims_json, kind"),
})

describe("materialized figures", () => {
  test.prop([fc.array(fc.nat({ max: 3 }), { minLength: CLAIMS.length, maxLength: CLAIMS.length }), fc.boolean()], { numRuns: 8 })(
    "incremental reconciliation after each ingest equals a full recompute, whatever the ingest order",
    async (batchOf, reverse) => {
      const dir = tempDir()
      writeFiles(dir, { "catalog/dataset.yaml": CATALOG })
      // Claims dealt into up to four files, ingested one after the other in a random order.
      const batches = [0, 1, 2, 3].map((b) => CLAIMS.filter((_, i) => batchOf[i] === b)).filter((b) => b.length > 0)
      if (reverse) batches.reverse()
      const incremental = path.join(dir, "incremental.db")
      await runWithLedger(incremental, ingestPaths([path.join(dir, "catalog")]))
      for (const [i, lines] of batches.entries()) {
        writeFiles(dir, { [`batch-${i}.ndjson`]: lines.join("\n") })
        await runWithLedger(incremental, ingestPaths([path.join(dir, `batch-${i}.ndjson`)]))
      }
      const full = path.join(dir, "full.db")
      await runWithLedger(full, ingestPaths([SPIDER]))
      execute(full, "DELETE FROM figures")
      execute(full, "DELETE FROM conflicts")
      await runWithLedger(full, Effect.flatMap(Ledger, (l) => Effect.zipRight(l.markAllStale(), l.reconcileStale())))
      expect(snapshot(incremental)).toEqual(snapshot(full))
    },
  )

  it("stores figures without their claims' quotes and urls, and hands them out with them, as the claims hold them", async () => {
    const db = path.join(tempDir(), "ledger.db")
    await runWithLedger(db, ingestPaths([SPIDER]))
    const stored = query<{ detail_json: string }>(db, "SELECT detail_json FROM figures")
    expect(stored.length).toBeGreaterThan(3)
    for (const r of stored) {
      for (const c of (JSON.parse(r.detail_json) as { claims: Record<string, unknown>[] }).claims) {
        expect(Object.keys(c)).not.toContain("quote")
        expect(Object.keys(c)).not.toContain("url")
      }
    }
    const texts = new Map(CLAIMS.map((l) => JSON.parse(l) as { id: string; quote?: string; url?: string }).map((c) => [c.id, c]))
    const figures = await runWithLedger(db, queryFigures({}))
    const listed = figures.flatMap((f) => f.claims)
    expect(listed.filter((c) => c.url !== null).length).toBeGreaterThan(3)
    for (const c of listed) {
      expect(c.quote).toBe(texts.get(c.id)?.quote ?? null)
      expect(c.url).toBe(texts.get(c.id)?.url ?? null)
    }
    // as the core computes them from the claims, to the order of their keys
    const text = (fs: readonly Figure[]) => JSON.stringify(fs.map(({ explanation: _e, ...f }) => f))
    const handed = await runWithLedger(db, queryFigures({ event: "spider-web" }))
    expect(handed.length).toBeGreaterThan(3)
    expect(text(handed)).toBe(text(await runWithLedger(db, computeFigures({ event: "spider-web" }))))
  })

  it("shows a running tally at its component's latest date, even for a cell whose last row is older", async () => {
    const dir = writeFiles(tempDir(), {
      "t/dataset.yaml": "name: t\nevents: [{ id: war }]\nsources: [{ id: gs }, { id: oryx }]\nmetrics: [{ id: losses, parts: [tanks, guns], cumulative: true }, { id: tanks, cumulative: true }, { id: guns, cumulative: true }]\n",
      "t/claims.ndjson": [
        { id: "o-guns", metric: "guns", source: "oryx", at: "2025-01-01", value: "at least 5" },
        { id: "gs-tanks-1", metric: "tanks", source: "gs", at: "2025-01-01", value: 10 },
        { id: "gs-tanks-2", metric: "tanks", source: "gs", at: "2025-03-01", value: 12 },
      ].map((r) => JSON.stringify({ event: "war", quote: "x", ...r })).join("\n"),
    })
    const db = path.join(dir, "l.db")
    await runWithLedger(db, ingestPaths([path.join(dir, "t")]))
    const figures = await runWithLedger(db, queryFigures({ event: "war" }))
    // guns last changed on 2025-01-01, but Oryx's floor holds until its next row: shown on 2025-03-01.
    expect(figures.map((f) => [f.metric, f.at, f.range])).toEqual([
      ["guns", "2025-03-01", { lo: 5, hi: null }],
      ["tanks", "2025-03-01", { lo: 12, hi: 12 }],
    ])
  })

  describe("each listed claim stored as its id, role and weight", () => {
    const records = [
      { id: "a", source: "gs", value: "at least 5", via: ["oryx"], quote: "a", url: "https://a.example" },
      { id: "b", source: "oryx", value: 7, at: "2025-01-02", stated: "2025-01-03" },
      { id: "c", source: "gs", value: "possibly 40" },
      { id: "d", source: "oryx", value: 9, supersedes: "b" },
      { id: "e", source: "gs", value: 30 },
      { id: "r", source: "gs", value: 30, retracts: "e" },
    ]
    const ingested = async () => {
      const dir = writeFiles(tempDir(), {
        "t/dataset.yaml": "name: t\nevents: [{ id: war }]\nsources: [{ id: gs }, { id: oryx }]\nmetrics: [{ id: tanks }]\n",
        "t/claims.ndjson": records.map((r) => JSON.stringify({ event: "war", metric: "tanks", ...r })).join("\n"),
      })
      const db = path.join(dir, "l.db")
      await runWithLedger(db, ingestPaths([path.join(dir, "t")]))
      return db
    }
    const text = (fs: readonly Figure[]) => JSON.stringify(fs.map(({ explanation: _e, ...f }) => f))
    const computed = (db: string) => runWithLedger(db, computeFigures({ event: "war" })).then(text)
    const handed = (db: string) => runWithLedger(db, queryFigures({ event: "war" })).then(text)

    it("and handed out whole, as the core computes it: a retracted claim's bounds null, an open bound null", async () => {
      const db = await ingested()
      const stored = query<{ detail_json: string }>(db, "SELECT detail_json FROM figures").flatMap((r) => (JSON.parse(r.detail_json) as { claims: object[] }).claims)
      expect(stored.length).toBeGreaterThanOrEqual(records.length)
      for (const c of stored) expect(Object.keys(c).filter((k) => k !== "lo" && k !== "hi")).toEqual(["id", "role", "weight"])
      // only the retraction keeps bounds of its own: the figure lists none for it
      expect(stored.filter((c) => "lo" in c || "hi" in c)).toEqual([{ id: "r", role: "superseded", weight: 0, lo: null, hi: null }])
      // every stored figure (not only each cell's latest) as the core makes it from the component's claims
      const storedWhole = await withLedger(db, (l) => Effect.map(l.figures({ event: "war" }), (rows) => rows.map((r) => r.figure)))
      const core = await withLedger(db, (l) => Effect.gen(function* () {
        const claims = yield* l.claimsOfComponent(query<{ component: string }>(db, "SELECT component FROM claims")[0]!.component)
        return componentFigures((yield* l.catalogOfEvent("war"))!, claims, { weights: new Map(), copyGroups: new Map() })
      }))
      const sorted = (fs: readonly Figure[]) => text([...fs].sort((x, y) => (x.at ?? "").localeCompare(y.at ?? "")))
      expect(storedWhole).toHaveLength(2)
      expect(sorted(storedWhole)).toContain('"id":"a","source":"gs","via":["oryx"],"value":"at least 5","lo":5,"hi":null,"certainty":"asserted","role":"support","weight":1,"at":null,"stated":null,"quote":"a","url":"https://a.example"')
      expect(sorted(storedWhole)).toContain('"id":"r","source":"gs","via":[],"value":"30","lo":null,"hi":null')
      expect(sorted(storedWhole)).toBe(sorted(core))
      expect(await handed(db)).toBe(await computed(db))
    })

    it("whole (but for quote and url) where the claim is not the component's as its row reads", async () => {
      const db = await ingested()
      const [figure, claims] = await withLedger(db, (l) => Effect.gen(function* () {
        const claims = yield* l.claimsOfComponent(query<{ component: string }>(db, "SELECT component FROM claims")[0]!.component)
        const figures = componentFigures((yield* l.catalogOfEvent("war"))!, claims, { weights: new Map(), copyGroups: new Map() })
        return [figures.find((f) => f.at === null)!, claims] as const
      }))
      const listed = (byId: ReadonlyMap<string, Claim>) => (JSON.parse(storedFigureJson(figure, byId)) as { claims: Record<string, unknown>[] }).claims
      const byId = new Map(claims.map((c) => [c.id, c]))
      expect(listed(byId).map((c) => Object.keys(c).length)).toEqual(figure.claims.map((c) => (c.id === "r" ? 5 : 3)))
      const whole = figure.claims.map(({ quote: _q, url: _u, ...c }) => c)
      expect(listed(new Map())).toEqual(whole)
      const a = byId.get("a")!
      for (const changed of [{ ...a, value: "5+" }, { ...a, via: [] }, { ...a, stated: "2025-01-01" }, { ...a, source: "oryx" }]) {
        expect(listed(new Map([...byId, ["a", changed]])).find((c) => c["id"] === "a")).toEqual(whole.find((c) => c.id === "a"))
      }
    })

    it("read whole as an older reckon stored them (every field but quote and url)", async () => {
      const db = await ingested()
      const before = await handed(db)
      type Row = { claim_id: string; source: string; via_json: string; value_text: string; lo: number | null; hi: number | null; certainty: string; at: string | null; stated: string | null }
      const rows = new Map(query<Row>(db, "SELECT claim_id, source, via_json, value_text, lo, hi, certainty, at, stated FROM claims").map((r) => [r.claim_id, r]))
      for (const f of query<{ rowid: number; detail_json: string }>(db, "SELECT rowid, detail_json FROM figures")) {
        const figure = JSON.parse(f.detail_json) as { claims: { id: string; role: string; weight: number; lo?: null; hi?: null }[] }
        const claims = figure.claims.map((c) => {
          const r = rows.get(c.id)!
          return { id: c.id, source: r.source, via: JSON.parse(r.via_json) as string[], value: r.value_text, lo: "lo" in c ? c.lo : r.lo, hi: "hi" in c ? c.hi : r.hi, certainty: r.certainty, role: c.role, weight: c.weight, at: r.at, stated: r.stated }
        })
        execute(db, "UPDATE figures SET detail_json = ? WHERE rowid = ?", JSON.stringify({ ...figure, claims }), f.rowid)
      }
      expect(query<{ detail_json: string }>(db, "SELECT detail_json FROM figures")[0]!.detail_json).toContain('"source":"gs"')
      expect(await handed(db)).toBe(before)
      expect(before).toBe(await computed(db))
    })

    it("read whole while a catalog change has moved their claims to another component, not yet reconciled", async () => {
      const db = await ingested()
      const before = await handed(db)
      execute(db, "UPDATE claims SET component = 'moved'")
      expect(await handed(db)).toBe(before)
    })
  })
})
