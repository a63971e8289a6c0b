import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { reliabilityDatasetFiles } from "../reliability/reliability-dataset.js"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const setup = () => {
  const dir = writeFiles(tempDir(), reliabilityDatasetFiles())
  const db = path.join(dir, "l.db")
  const ingest = runCli(["ingest", "synthetic", "--db", db], { cwd: dir })
  expect(ingest.code).toBe(0)
  return { dir, db }
}

type Fig = { event: string; status: string; best: number | null; range: { lo: number; hi: number } | null; claims: { id: string; role: string }[] }
const tieFigure = (dir: string, db: string): Fig => {
  const r = runCli(["figures", "--event", "tie", "--db", db, "--format", "json"], { cwd: dir })
  expect(r.code).toBe(0)
  return (JSON.parse(r.stdout) as Fig[])[0]!
}

describe("reckon learn / reckon sources (child process)", () => {
  it("learns, stores and re-reconciles: the reliable source now wins the tie it was in", () => {
    const { dir, db } = setup()
    const before = tieFigure(dir, db)
    expect(before).toMatchObject({ status: "conflict", best: null, range: { lo: 10, hi: 20 } })

    const learn = runCli(["learn", "--db", db, "--format", "json"], { cwd: dir })
    expect(learn.code).toBe(0)
    expect(looksLikeStackTrace(learn.stderr)).toBe(false)
    const rows = JSON.parse(learn.stdout) as { source: string; weight_used: number; contested: number; agreement: number; learned_weight: number | null; copy_group: string | null }[]
    expect(rows.map((r) => r.source).sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    expect(learn.stderr).toMatch(/copy group copy:copy-a: copy-a, copy-b, sloppy/)
    expect(learn.stderr).toMatch(/reconciled \d+ component\(s\)/)

    const after = tieFigure(dir, db)
    expect(after.best).toBe(10)
    expect(after.range).toEqual({ lo: 10, hi: 10 })
    expect(after.claims.find((c) => c.id === "sloppy-tie")?.role).toBe("excluded")
  })

  it("shows per source its prior, contested cells, agreement, learned weight and copy group", () => {
    const { dir, db } = setup()
    const unlearned = JSON.parse(runCli(["sources", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    expect(unlearned.find((s) => s["id"] === "reliable")).toMatchObject({ prior_weight: 1, learned_weight: null, weight_used: 1, contested: null, agreement: null, copy_group: null })
    runCli(["learn", "--db", db], { cwd: dir })
    const r = runCli(["sources", "--db", db, "--format", "json"], { cwd: dir })
    expect(r.code).toBe(0)
    const sources = new Map((JSON.parse(r.stdout) as { id: string; prior_weight: number; learned_weight: number; contested: number; agreement: number; copy_group: string | null }[])
      .map((s) => [s.id, s]))
    expect(sources.get("reliable")!.prior_weight).toBe(1)
    expect(sources.get("reliable")!.learned_weight).toBeGreaterThan(sources.get("sloppy")!.learned_weight)
    expect(sources.get("reliable")!.agreement).toBeGreaterThan(sources.get("decent-1")!.agreement)
    expect(sources.get("reliable")!.contested).toBeGreaterThan(1000)
    expect(sources.get("copy-b")!.copy_group).toBe("copy:copy-a")
    expect(sources.get("decent-2")!.copy_group).toBeNull()
    // Per metric: the weight reconciliation uses on the metric's cells (one metric here: the source's own weight).
    const metricWeights = (JSON.parse(r.stdout) as { id: string; learned_weight: number; metric_weights: Record<string, number> }[])
      .map((s) => [s.id, Object.keys(s.metric_weights), s.metric_weights["minutes"]! - s.learned_weight] as const)
    for (const [, metrics, gap] of metricWeights) {
      expect(metrics).toEqual(["minutes"])
      expect(Math.abs(gap)).toBeLessThan(1e-9)
    }

    const table = runCli(["sources", "--db", db], { cwd: dir })
    for (const header of ["prior_weight", "contested", "agreement", "learned_weight", "weight_used", "copy_group", "metric_weights"]) expect(table.stdout).toContain(header)
    expect(table.stdout.split("\n").find((l) => l.includes(" copy-b "))).toContain("copy:copy-a")
  })

  it("prints the copy groups with their evidence in every format", () => {
    const { dir, db } = setup()
    const none = runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir })
    expect(JSON.parse(none.stdout)).toEqual([])
    runCli(["learn", "--db", db], { cwd: dir })

    const json = JSON.parse(runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir }).stdout) as {
      group: string; members: string[]; source_a: string; source_b: string; overlap: number; same: number; both_false: number; shared_false: number
      expected_shared_false: number; score: number
    }[]
    expect(json.map((p) => `${p.source_a}~${p.source_b}`).sort()).toEqual(["copy-a~copy-b", "copy-a~sloppy", "copy-b~sloppy"])
    for (const p of json) {
      expect(p.group).toBe("copy:copy-a")
      expect(p.members).toEqual(["copy-a", "copy-b", "sloppy"])
      expect(p.shared_false).toBe(p.both_false)
      expect(p.shared_false).toBeGreaterThan(p.expected_shared_false)
      expect(p.overlap).toBeGreaterThanOrEqual(p.both_false)
      expect(p.same).toBe(p.overlap)
    }

    const ndjson = runCli(["sources", "--copies", "--db", db, "--format", "ndjson"], { cwd: dir }).stdout.trim().split("\n")
    expect(ndjson.map((l) => JSON.parse(l))).toEqual(json)

    const csv = runCli(["sources", "--copies", "--db", db, "--format", "csv"], { cwd: dir }).stdout.trim().split("\n")
    expect(csv[0]).toBe("group,members,source_a,source_b,overlap,same,both_false,shared_false,expected_shared_false,score")
    expect(csv).toHaveLength(4)

    const table = runCli(["sources", "--copies", "--db", db, "--format", "table"], { cwd: dir }).stdout
    expect(table).toMatch(/expected_shared_false/)
    expect(table.split("\n").filter((l) => l.includes("copy:copy-a"))).toHaveLength(3)
  })

  it("learns from one dataset only with --dataset, and refuses an unknown one", () => {
    const { dir, db } = setup()
    const ok = runCli(["learn", "--dataset", "synthetic", "--db", db, "--format", "csv"], { cwd: dir })
    expect(ok.code).toBe(0)
    expect(ok.stdout.split("\n")[0]).toBe("source,claims,contested,agreement,prior_weight,learned_weight,weight_used,copy_group")
    const bad = runCli(["learn", "--dataset", "nope", "--db", db], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--dataset nope: no such dataset/)
    expect(looksLikeStackTrace(bad.stderr)).toBe(false)
  })

  it("says there is nothing to learn on spider-web, keeps every prior and leaves the tie a tie", () => {
    const dir = tempDir()
    const db = path.join(dir, "spider.db")
    expect(runCli(["ingest", path.resolve("datasets/spider-web"), "--db", db]).code).toBe(0)
    const hit = () => (JSON.parse(runCli(["figures", "--event", "spider-web", "--metric", "aircraft.hit", "--db", db, "--format", "json"]).stdout) as
      { status: string; best: number | null; range: unknown }[])[0]!
    const before = hit()
    expect(before).toMatchObject({ status: "conflict", best: null })
    const learn = runCli(["learn", "--db", db, "--format", "json"])
    expect(learn.code).toBe(0)
    expect(learn.stderr).toMatch(/nothing to learn: no source shares 30 or more contested cells/)
    const rows = JSON.parse(learn.stdout) as { source: string; weight_used: number; prior_weight: number; learned_weight: number | null }[]
    expect(rows.length).toBeGreaterThan(2)
    for (const r of rows) expect(r).toMatchObject({ learned_weight: null, weight_used: r.prior_weight })
    expect(hit()).toEqual(before)
    const sources = JSON.parse(runCli(["sources", "--db", db, "--format", "json"]).stdout) as { learned_weight: number | null }[]
    expect(sources.every((s) => s.learned_weight === null)).toBe(true)
  })
})
