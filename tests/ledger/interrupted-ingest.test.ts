import Database from "better-sqlite3"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { generateDataset } from "../../bench/generate-dataset.js"
import { Random } from "../../bench/random.js"
import { BATCH_RECORDS } from "../../src/ingest/ingest-file.js"
import { CLI } from "../support/run-cli.js"
import { query, scalar } from "../support/run-with-ledger.js"
import { startCli, waitFor } from "../support/spawn-cli.js"
import { tempDir } from "../support/temp-dir.js"

/**
 * SPEC §5 "never stale", with real processes: an ingest of 100k generated records (bench's
 * synthetic dataset: relations, tallies, repeats, supersessions, bad records) stopped by SIGTERM,
 * killed with SIGKILL at 10 random points (inside the batches and during the reconciliation after
 * them), stopped by SIGINT, then run once more, leaves claims, figures and conflicts equal, row for
 * row, to one clean ingest of the same file.
 */

const RECORDS = 100_000
const BATCH = BATCH_RECORDS
const SEED = Number(process.env["RECKON_KILL_SEED"] ?? 20250601)
const KILLS = 10

/** Rows of `table` (columns `cols`) in one ledger and not the other, both ways, and the row counts: one query. */
const differences = (db: string, clean: string) => {
  const tables = {
    claims: "claim_id, dataset, event, metric, component, scope_key, lo, hi, certainty, at, stated, raw, content_hash",
    figures: "component, event, metric, scope_key, at_key, status, lo, hi, has_range, best, voices, heuristic, detail_json",
    conflicts: "component, event, metric, scope_key, at_key, kind, claims_json, against_json, reason",
  }
  const parts = Object.entries(tables).flatMap(([t, cols]) => [
    `(SELECT COUNT(*) FROM (SELECT ${cols} FROM main.${t} EXCEPT SELECT ${cols} FROM clean.${t})) AS ${t}_only_here`,
    `(SELECT COUNT(*) FROM (SELECT ${cols} FROM clean.${t} EXCEPT SELECT ${cols} FROM main.${t})) AS ${t}_only_clean`,
    `(SELECT COUNT(*) FROM main.${t}) - (SELECT COUNT(*) FROM clean.${t}) AS ${t}_count_difference`,
  ])
  const conn = new Database(db, { readonly: true })
  try {
    conn.prepare("ATTACH DATABASE ? AS clean").run(clean)
    return conn.prepare(`SELECT ${parts.join(", ")}, (SELECT COUNT(*) FROM clean.figures) AS clean_figures`).all() as Record<string, number>[]
  } finally {
    conn.close()
  }
}

describe("an ingest of 100k records stopped and killed at random points (child processes)", () => {
  let dir = ""
  let dataset = ""
  let clean = ""
  let cleanMs = 0
  beforeAll(async () => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`)
    dir = tempDir("reckon-kill-")
    dataset = generateDataset({ dir: path.join(dir, "bench"), records: RECORDS, seed: 7 }).dir
    clean = path.join(dir, "clean.db")
    const t = Date.now()
    const once = startCli(["ingest", dataset, "--db", clean])
    // exit 1: the generated data holds deliberate bad records, quarantined
    expect((await once.exited).code, once.stderr()).toBe(1)
    cleanMs = Date.now() - t
  }, 180_000)

  it("leaves claims, figures and conflicts equal to a clean ingest after one more ingest", async () => {
    const db = path.join(dir, "killed.db")
    const random = new Random(SEED)
    const lastRun = () => (fs.existsSync(db) ? scalar(db, "SELECT COALESCE(MAX(id), 0) FROM ingest_runs") : 0)

    const claims = () => scalar(db, "SELECT COUNT(*) FROM claims")

    /**
     * Starts an ingest, waits until `ready(run)` says it reached the kill point (`run`: this
     * process's ingest_runs row id, once there is one), then `extraMs` more, and sends `signal`.
     * Returns how the process ended and its run row as the signal left it.
     */
    const interrupt = async (signal: NodeJS.Signals, ready: (run: number) => boolean, extraMs: number) => {
      const before = lastRun()
      const p = startCli(["ingest", dataset, "--db", db])
      let exited = false
      void p.exited.then(() => { exited = true })
      await waitFor("the kill point", () => {
        if (exited) return true
        const run = lastRun()
        return run > before && ready(run)
      }, 120_000, 20)
      if (!exited) await new Promise((r) => setTimeout(r, extraMs))
      p.child.kill(signal)
      const end = await p.exited
      const run = query<{ outcome: string; read: number }>(db, "SELECT outcome, read FROM ingest_runs WHERE id > ? ORDER BY id", before)
      return { ...end, stderr: p.stderr(), run: run[0] }
    }
    const readAtLeast = (n: number) => (run: number) => scalar(db, "SELECT read FROM ingest_runs WHERE id = ?", run) >= n

    // SIGTERM on a new ledger after the first batch: a clean stop.
    const term = await interrupt("SIGTERM", readAtLeast(BATCH), 0)
    expect(term.code, term.stderr).toBe(143)
    expect(term.stderr).toContain("SIGTERM: finishing the batch in hand")
    expect(term.run!.outcome).toBe("interrupted")
    expect(term.run!.read % BATCH).toBe(0) // whole batches only
    expect(term.run!.read).toBeLessThan(RECORDS)
    // What it stored was reconciled before it exited.
    expect(scalar(db, "SELECT COUNT(*) FROM stale_components")).toBe(0)
    expect(scalar(db, "SELECT COUNT(DISTINCT component) FROM figures")).toBe(scalar(db, "SELECT COUNT(DISTINCT component) FROM claims"))

    // Kill points: 8 while storing, at ascending random claim counts and random times inside a
    // batch; 1 while reconciling after the last batch; 1 while re-reading stored records.
    const thresholds = Array.from({ length: KILLS - 2 }, () => random.int(term.run!.read + 1, RECORDS - BATCH)).sort((a, b) => a - b)
    const points: { what: string; ready: (run: number) => boolean; extraMs: number }[] = [
      ...thresholds.map((t) => ({ what: `storing, at ${t} claims`, ready: () => claims() >= t, extraMs: random.int(0, 1000) })),
      { what: "reconciling", ready: (run: number) => scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE id = ? AND finished IS NOT NULL", run) > 0, extraMs: random.int(0, 500) },
      { what: "re-reading", ready: readAtLeast(random.int(1, RECORDS / BATCH - 1) * BATCH), extraMs: random.int(0, 500) },
    ]
    const kills: { what: string; extraMs: number; run: string; claims: number; stale: number }[] = []
    for (const point of points) {
      const r = await interrupt("SIGKILL", point.ready, point.extraMs)
      kills.push({
        what: point.what, extraMs: point.extraMs, run: r.signal === "SIGKILL" ? r.run?.outcome ?? "none" : `exited ${r.code}`,
        claims: claims(), stale: scalar(db, "SELECT COUNT(*) FROM stale_components"),
      })
    }
    console.log(`kill points (seed ${SEED}, clean ingest ${cleanMs} ms): ${JSON.stringify(kills)}`)
    // Every one was a kill (none finished first), and they left work behind: claims not reconciled.
    expect(kills.filter((k) => k.run.startsWith("exited"))).toEqual([])
    expect(kills.every((k) => k.stale > 0)).toBe(true)
    expect(kills.find((k) => k.what === "reconciling")!.run).toMatch(/^(ok|rejected)$/)

    // SIGINT in the middle of a run: a clean stop, whatever the killed runs left.
    const int = await interrupt("SIGINT", readAtLeast(BATCH), 200)
    expect(int.code, int.stderr).toBe(130)
    expect(int.run!.outcome).toMatch(/^(interrupted|rejected)$/)
    expect(scalar(db, "SELECT COUNT(*) FROM stale_components")).toBe(0)

    // One more ingest.
    const last = startCli(["ingest", dataset, "--db", db])
    expect((await last.exited).code, last.stderr()).toBe(1)
    expect(differences(db, clean)).toEqual([{
      claims_only_here: 0, claims_only_clean: 0, claims_count_difference: 0,
      figures_only_here: 0, figures_only_clean: 0, figures_count_difference: 0,
      conflicts_only_here: 0, conflicts_only_clean: 0, conflicts_count_difference: 0,
      clean_figures: expect.any(Number),
    }])
    expect(differences(db, clean)[0]!["clean_figures"]).toBeGreaterThan(10_000)
    // Every run killed before it finished is marked crashed (one killed while reconciling had
    // finished its run), none is left running; the last run accounts for every record.
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE outcome = 'running'")).toBe(0)
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE outcome = 'crashed'")).toBe(kills.filter((k) => k.run === "running").length)
    const final = query<{ read: number; inserted: number; duplicates: number; rejected: number }>(db,
      "SELECT read, inserted, duplicates, rejected FROM ingest_runs ORDER BY id DESC LIMIT 1")[0]!
    expect(final.read).toBe(RECORDS)
    expect(final.read).toBe(final.inserted + final.duplicates + final.rejected)
  }, 900_000)
})
