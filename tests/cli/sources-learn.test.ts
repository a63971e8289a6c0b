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
    const rows = JSON.parse(learn.stdout) as { source: string; learned_weight: number; effective_weight: number; copy_group: string | null }[]
    expect(rows.map((r) => r.source).sort()).toEqual(["copy-a", "copy-b", "decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy"])
    expect(learn.stderr).toMatch(/copy group copy:copy-a: copy-a, copy-b, sloppy/)
    expect(learn.stderr).toMatch(/reconciled \d+ component\(s\)/)

    const after = tieFigure(dir, db)
    expect(after.best).toBe(10)
    expect(after.range).toEqual({ lo: 10, hi: 10 })
    expect(after.claims.find((c) => c.id === "sloppy-tie")?.role).toBe("excluded")
  })

  it("shows prior and learned weight, learned error and copy group per source", () => {
    const { dir, db } = setup()
    const unlearned = JSON.parse(runCli(["sources", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    expect(unlearned.find((s) => s["id"] === "reliable")).toMatchObject({ prior_weight: 1, effective_weight: null, error: null, copy_group: null })
    runCli(["learn", "--db", db], { cwd: dir })
    const r = runCli(["sources", "--db", db, "--format", "json"], { cwd: dir })
    expect(r.code).toBe(0)
    const sources = new Map((JSON.parse(r.stdout) as { id: string; prior_weight: number; effective_weight: number; error: number; copy_group: string | null }[])
      .map((s) => [s.id, s]))
    expect(sources.get("reliable")!.prior_weight).toBe(1)
    expect(sources.get("reliable")!.effective_weight).toBeGreaterThan(sources.get("sloppy")!.effective_weight)
    expect(sources.get("reliable")!.error).toBeLessThan(sources.get("decent-1")!.error)
    expect(sources.get("copy-b")!.copy_group).toBe("copy:copy-a")
    expect(sources.get("decent-2")!.copy_group).toBeNull()

    const table = runCli(["sources", "--db", db], { cwd: dir })
    expect(table.stdout).toMatch(/\berror\b/)
    expect(table.stdout).toMatch(/copy_group/)
    expect(table.stdout.split("\n").find((l) => l.includes(" copy-b "))).toContain("copy:copy-a")
  })

  it("prints the copy groups with their evidence in every format", () => {
    const { dir, db } = setup()
    const none = runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir })
    expect(JSON.parse(none.stdout)).toEqual([])
    runCli(["learn", "--db", db], { cwd: dir })

    const json = JSON.parse(runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir }).stdout) as {
      group: string; members: string[]; source_a: string; source_b: string; overlap: number; both_false: number; shared_false: number
      expected_shared_false: number; score: number
    }[]
    expect(json.map((p) => `${p.source_a}~${p.source_b}`).sort()).toEqual(["copy-a~copy-b", "copy-a~sloppy", "copy-b~sloppy"])
    for (const p of json) {
      expect(p.group).toBe("copy:copy-a")
      expect(p.members).toEqual(["copy-a", "copy-b", "sloppy"])
      expect(p.shared_false).toBe(p.both_false)
      expect(p.shared_false).toBeGreaterThan(p.expected_shared_false)
      expect(p.overlap).toBeGreaterThanOrEqual(p.both_false)
    }

    const ndjson = runCli(["sources", "--copies", "--db", db, "--format", "ndjson"], { cwd: dir }).stdout.trim().split("\n")
    expect(ndjson.map((l) => JSON.parse(l))).toEqual(json)

    const csv = runCli(["sources", "--copies", "--db", db, "--format", "csv"], { cwd: dir }).stdout.trim().split("\n")
    expect(csv[0]).toBe("group,members,source_a,source_b,overlap,both_false,shared_false,expected_shared_false,score")
    expect(csv).toHaveLength(4)

    const table = runCli(["sources", "--copies", "--db", db, "--format", "table"], { cwd: dir }).stdout
    expect(table).toMatch(/expected_shared_false/)
    expect(table.split("\n").filter((l) => l.includes("copy:copy-a"))).toHaveLength(3)
  })

  it("learns from one dataset only with --dataset, and refuses an unknown one", () => {
    const { dir, db } = setup()
    const ok = runCli(["learn", "--dataset", "synthetic", "--db", db, "--format", "csv"], { cwd: dir })
    expect(ok.code).toBe(0)
    expect(ok.stdout.split("\n")[0]).toBe("source,claims,error,learned_weight,discount,effective_weight,copy_group")
    const bad = runCli(["learn", "--dataset", "nope", "--db", db], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--dataset nope: no such dataset/)
    expect(looksLikeStackTrace(bad.stderr)).toBe(false)
  })
})
