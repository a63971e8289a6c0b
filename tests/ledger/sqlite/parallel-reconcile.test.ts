import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { computeComponents, reconcileStep, staleComponents, storeComputed } from "../../../src/ledger/sqlite/figure-store.js"
import { kyselyFor, openSqlite } from "../../../src/ledger/sqlite/open-sqlite.js"
import { ASKED_RECONCILE_WORKERS_MIN_STALE } from "../../../src/ledger/sqlite/reconcile-pool.js"
import { type SqliteContext, writeTransaction } from "../../../src/ledger/sqlite/sqlite-context.js"
import { markAllStale, markStale } from "../../../src/ledger/sqlite/stale-store.js"
import { CLI, runCli } from "../../support/run-cli.js"
import { query } from "../../support/run-with-ledger.js"
import { line, SMALL_CATALOG } from "../../support/small-dataset.js"
import { tempDir, writeFiles } from "../../support/temp-dir.js"

const OPEN = SMALL_CATALOG.replace("name: small\n", "name: small\nopen_events: true\n")

/** Claims on `events` undeclared events (one component each), with agreement, ranges and clashes. */
const claims = (events: number, offset = 0): string => {
  const out: string[] = []
  for (let e = offset; e < offset + events; e++) {
    const ev = `ev-${e}`
    out.push(line({ id: `${ev}-sbu`, event: ev, metric: "aircraft.hit", source: "SBU", value: 30 + (e % 17), quote: "q" }))
    out.push(line({ id: `${ev}-nato`, event: ev, metric: "aircraft.damaged", source: "nato-official", value: `about ${20 + (e % 11)}`, quote: "q" }))
    out.push(line({ id: `${ev}-avi`, event: ev, metric: "aircraft.destroyed", source: "avivector", value: `at least ${e % 13}`, scope: { location: "olenya" }, quote: "q" }))
    out.push(line({ id: `${ev}-isw`, event: ev, metric: "aircraft.hit", source: "isw", value: `between ${25 + (e % 5)} and ${40 + (e % 7)}`, quote: "q" }))
  }
  return `${out.join("\n")}\n`
}

const ledgerWith = (dir: string, name: string, text: string): string => {
  const db = path.join(dir, name)
  fs.writeFileSync(path.join(dir, `${name}.ndjson`), text)
  const r = runCli(["ingest", "--db", db, "--dataset", path.join(dir, "small"), path.join(dir, `${name}.ndjson`)], { env: { RECKON_WORKERS: "0" } })
  expect(r.stderr).toMatch(/rejected 0\b/)
  expect(r.code).toBe(0)
  return db
}

const figuresOf = (db: string) => ({
  figures: runCli(["figures", "--db", db, "--format", "ndjson"]).stdout,
  conflicts: runCli(["conflicts", "--db", db, "--format", "ndjson"]).stdout,
})

const context = (db: string): SqliteContext => {
  const sqlite = openSqlite(db)
  return { sqlite, db: kyselyFor(sqlite), location: db, holder: "test", writerLease: null }
}

describe("figures computed outside the writer's transaction (SQLite worker threads)", () => {
  it("are stored only for components whose stale mark kept its generation; one marked again meanwhile stays stale with its old figures", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": OPEN })
    const db = ledgerWith(dir, "guard.db", claims(5))
    const ctx = context(db)
    try {
      const before = query<{ component: string; best: number | null }>(db, "SELECT component, best FROM figures ORDER BY component, event, metric, scope_key, at_key")
      // Stored rows told apart from what a reconciliation computes: every figure comes out changed.
      ctx.sqlite.exec("UPDATE figures SET best = 123456")
      writeTransaction(ctx, () => markAllStale(ctx, undefined, "2030-01-01T00:00:00.000Z"))
      const stale = staleComponents(ctx, undefined)
      expect(stale).toHaveLength(5)
      const computed = computeComponents(ctx, stale, "2030-01-01T00:00:01.000Z")
      expect(computed.map((c) => c.component)).toEqual(stale)
      expect(computed.every((c) => c.generation === 0 && c.figures > 0 && c.write.length === c.figures && c.gone.length === 0)).toBe(true)
      // A write marks the third component again after its claims were read (as an ingest in another process would).
      writeTransaction(ctx, () => markStale(ctx, [[stale[2]!, "small"]], "2030-01-01T00:00:02.000Z"))
      const stored = storeComputed(ctx, computed)
      expect(stored).toMatchObject({ components: 4, outdated: 1 })
      expect(staleComponents(ctx, undefined)).toEqual([stale[2]])
      const after = query<{ component: string; best: number | null }>(db, "SELECT component, best FROM figures ORDER BY component, event, metric, scope_key, at_key")
      expect(after.filter((r) => r.component !== stale[2])).toEqual(before.filter((r) => r.component !== stale[2]))
      const left = after.filter((r) => r.component === stale[2])
      expect(left.length).toBeGreaterThan(0)
      expect(left.every((r) => r.best === 123_456)).toBe(true)
      // Every reconciled pass is counted once, and the component left stale is one mark ahead.
      const passes = query<{ component: string; marked: number; reconciled: number }>(db, "SELECT component, marked, reconciled FROM component_passes ORDER BY component")
      expect(passes.filter((p) => p.marked !== p.reconciled).map((p) => p.component)).toEqual([stale[2]])
      // A component reconciled by someone else in between (no mark any more) is not computed at all.
      expect(computeComponents(ctx, stale, "2030-01-01T00:00:03.000Z").map((c) => c.component)).toEqual([stale[2]])
    } finally {
      ctx.sqlite.close()
    }
  })

  it("are not stored for a component reconciled by someone else and marked afresh since (its mark back at generation 0)", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": OPEN })
    const db = ledgerWith(dir, "aba.db", claims(5))
    const ctx = context(db)
    try {
      ctx.sqlite.exec("UPDATE figures SET best = 123456")
      writeTransaction(ctx, () => markAllStale(ctx, undefined, "2030-01-01T00:00:00.000Z"))
      const stale = staleComponents(ctx, undefined)
      const computed = computeComponents(ctx, stale, "2030-01-01T00:00:01.000Z")
      // Another process drains every mark meanwhile (restoring the figures), then a new claim marks
      // the second component afresh: its new mark has the generation the snapshot saw.
      while (reconcileStep(ctx, undefined, "2030-01-01T00:00:02.000Z").left > 0);
      const drained = query<{ component: string; best: number | null; computed: string }>(db, "SELECT component, best, computed FROM figures ORDER BY component, event, metric, scope_key, at_key")
      writeTransaction(ctx, () => markStale(ctx, [[stale[1]!, "small"]], "2030-01-01T00:00:03.000Z"))
      expect(query(db, "SELECT component, generation FROM stale_components")).toEqual([{ component: stale[1], generation: 0 }])
      expect(storeComputed(ctx, computed)).toMatchObject({ components: 0, outdated: 5 })
      expect(staleComponents(ctx, undefined)).toEqual([stale[1]])
      expect(query(db, "SELECT component, best, computed FROM figures ORDER BY component, event, metric, scope_key, at_key")).toEqual(drained)
    } finally {
      ctx.sqlite.close()
    }
  })

  it("reconciling again what did not change writes no figure row; a changed figure is written, and only it", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": OPEN })
    const db = ledgerWith(dir, "same.db", claims(5))
    const rows = () => query<{ component: string; event: string; best: number | null; computed: string }>(db,
      "SELECT component, event, best, computed FROM figures ORDER BY component, event, metric, scope_key, at_key")
    const before = rows()
    const ctx = context(db)
    try {
      // the first figure is stored wrong; everything else is stored as it comes out
      const first = query<{ rowid: number }>(db, "SELECT rowid FROM figures ORDER BY component, event, metric, scope_key, at_key LIMIT 1")[0]!.rowid
      ctx.sqlite.prepare("UPDATE figures SET best = 123456 WHERE rowid = ?").run(first)
      writeTransaction(ctx, () => markAllStale(ctx, undefined, "2030-01-01T00:00:00.000Z"))
      const computed = computeComponents(ctx, staleComponents(ctx, undefined), "2030-01-01T00:00:01.000Z")
      expect(computed.map((c) => c.write.length)).toEqual([1, 0, 0, 0, 0])
      expect(computed.every((c) => c.gone.length === 0 && c.conflicts === null)).toBe(true)
      expect(storeComputed(ctx, computed)).toMatchObject({ components: 5, outdated: 0 })
    } finally {
      ctx.sqlite.close()
    }
    const after = rows()
    expect(after.length).toBe(before.length)
    const differ = after.filter((r, i) => r.computed !== before[i]!.computed)
    expect(differ).toEqual([{ ...before[0]!, computed: "2030-01-01T00:00:01.000Z" }])
    expect(after.filter((r, i) => r.computed === before[i]!.computed)).toEqual(before.slice(1))
  })

  it("two datasets' claims sharing an id on one event: the stored figure keeps the one the core picks from whole claims (quote and url count)", () => {
    const dir = writeFiles(tempDir(), {
      "small/dataset.yaml": OPEN,
      // Its own declared event (an event is declared by one dataset).
      "small2/dataset.yaml": OPEN.replace("name: small\n", "name: small2\n").replace("  - id: strike\n", "  - id: strike2\n"),
      // Equal up to the quote, which the core's choice among same-id claims reads before the source.
      "a.ndjson": `${line({ id: "dup", event: "ev-dup", metric: "aircraft.hit", source: "avivector", value: 12, quote: "b" })}\n`,
      "b.ndjson": `${line({ id: "dup", event: "ev-other", metric: "aircraft.hit", source: "suspilne", value: 12, quote: "a" })}\n`,
    })
    const db = path.join(dir, "dup.db")
    for (const [dataset, file] of [["small", "a.ndjson"], ["small2", "b.ndjson"]] as const) {
      const r = runCli(["ingest", "--db", db, "--dataset", path.join(dir, dataset), path.join(dir, file)], { env: { RECKON_WORKERS: "0" } })
      expect(r.code).toBe(0)
    }
    // Both on one event, as a ledger written before an event's claims were held to one dataset can have them.
    const ctx = context(db)
    try {
      ctx.sqlite.exec(`UPDATE claims SET event = 'ev-dup', component = (SELECT component FROM claims WHERE dataset = 'small') WHERE dataset = 'small2'`)
    } finally {
      ctx.sqlite.close()
    }
    expect(runCli(["reconcile", "--all", "--db", db], { env: { RECKON_WORKERS: "0" } }).code).toBe(0)
    const out = runCli(["figures", "--db", db, "--event", "ev-dup", "--metric", "aircraft.hit", "--format", "json"])
    expect(out.code).toBe(0)
    const figures = JSON.parse(out.stdout) as { claims: { id: string; source: string; quote: string | null }[] }[]
    expect(figures.flatMap((f) => f.claims.map((c) => [c.id, c.source, c.quote]))).toEqual([["dup", "suspilne", "a"]])
  })

  it("`reckon reconcile --all` on worker threads gives exactly the figures and conflicts of one thread", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": OPEN })
    const events = ASKED_RECONCILE_WORKERS_MIN_STALE * 3
    const threads = ledgerWith(dir, "threads.db", claims(events))
    const single = ledgerWith(dir, "single.db", claims(events))
    const fresh = figuresOf(single)
    // Stored rows gone wrong the same way in both: figures changed and one too many, conflicts
    // missing and one too many; a reconciliation gives each back (threads apply changes they computed).
    for (const db of [threads, single]) {
      const ctx = context(db)
      try {
        ctx.sqlite.exec(`
          UPDATE figures SET best = 123456 WHERE rowid % 3 = 0;
          INSERT INTO figures SELECT component, event, metric, 'bogus', scope_json, at_key, status, lo, hi, has_range, best, voices, heuristic, detail_json, computed FROM figures LIMIT 1;
          INSERT INTO conflicts SELECT component, event, metric, scope_key, at_key, kind, claims_json, against_json, 'bogus' FROM conflicts LIMIT 1;
          DELETE FROM conflicts WHERE rowid % 2 = 0;`)
      } finally {
        ctx.sqlite.close()
      }
    }
    expect(figuresOf(single)).not.toEqual(fresh)
    const onThreads = runCli(["--log-level", "debug", "reconcile", "--all", "--db", threads], { env: { RECKON_WORKERS: "2" } })
    const onOne = runCli(["--log-level", "debug", "reconcile", "--all", "--db", single], { env: { RECKON_WORKERS: "0" } })
    expect(onThreads.stderr).toContain("reconciling on 2 worker thread(s)")
    expect(onOne.stderr).not.toContain("worker thread")
    expect(onThreads.stderr).toContain(`reconciled ${events} component(s)`)
    expect(onOne.stderr).toContain(`reconciled ${events} component(s)`)
    const a = figuresOf(threads)
    expect(a.figures.split("\n").length).toBeGreaterThan(events * 3)
    expect(a.conflicts).not.toBe("")
    expect(a).toEqual(figuresOf(single))
    expect(a).toEqual(fresh)
    expect(query(threads, "SELECT count(*) AS n FROM stale_components")).toEqual([{ n: 0 }])
  }, 120_000)

  it("an ingest writing while the threads reconcile leaves the figures a ledger fed one file after the other has", async () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": OPEN })
    const first = claims(400)
    // the same events again, from another source: every component the reconciliation is working on changes
    const second = claims(400).replaceAll('"source":"isw"', '"source":"suspilne"').replaceAll("-isw\"", "-suspilne\"")
    const racing = ledgerWith(dir, "racing.db", first)
    fs.writeFileSync(path.join(dir, "second.ndjson"), second)
    const run = (args: string[], env: Record<string, string>) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, RECKON_DB: "", ...env }, stdio: ["ignore", "ignore", "pipe"] })
      let stderr = ""
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
      child.on("exit", (code) => resolve({ code, stderr }))
    })
    const [reconciled, ingested] = await Promise.all([
      run(["--log-level", "debug", "reconcile", "--all", "--db", racing], { RECKON_WORKERS: "2" }),
      run(["ingest", "--db", racing, "--dataset", path.join(dir, "small"), path.join(dir, "second.ndjson")], { RECKON_WORKERS: "0" }),
    ])
    expect(reconciled.stderr).toContain("worker thread")
    expect(reconciled.code).toBe(0)
    expect(ingested.code).toBe(0)
    const fed = ledgerWith(dir, "fed.db", first)
    fs.writeFileSync(path.join(dir, "fed2.ndjson"), second)
    expect(runCli(["ingest", "--db", fed, "--dataset", path.join(dir, "small"), path.join(dir, "fed2.ndjson")]).code).toBe(0)
    expect(query(racing, "SELECT count(*) AS n FROM stale_components")).toEqual([{ n: 0 }])
    expect(figuresOf(racing)).toEqual(figuresOf(fed))
  }, 180_000)
})
