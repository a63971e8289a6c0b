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
    const rows = JSON.parse(learn.stdout) as { source: string; weight: number; effectiveWeight: number; group: string | null }[]
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
    expect(unlearned.find((s) => s["id"] === "reliable")).toMatchObject({ weight: 1, learned: null, error: null, copyGroup: null })
    runCli(["learn", "--db", db], { cwd: dir })
    const r = runCli(["sources", "--db", db, "--format", "json"], { cwd: dir })
    expect(r.code).toBe(0)
    const sources = new Map((JSON.parse(r.stdout) as { id: string; weight: number; learned: number; error: number; copyGroup: string | null }[])
      .map((s) => [s.id, s]))
    expect(sources.get("reliable")!.weight).toBe(1)
    expect(sources.get("reliable")!.learned).toBeGreaterThan(sources.get("sloppy")!.learned)
    expect(sources.get("reliable")!.error).toBeLessThan(sources.get("decent-1")!.error)
    expect(sources.get("copy-b")!.copyGroup).toBe("copy:copy-a")
    expect(sources.get("decent-2")!.copyGroup).toBeNull()

    const table = runCli(["sources", "--db", db], { cwd: dir })
    expect(table.stdout).toMatch(/learned error/)
    expect(table.stdout).toMatch(/copy group/)
    expect(table.stdout.split("\n").find((l) => l.includes(" copy-b "))).toContain("copy:copy-a")
  })

  it("prints the copy groups with their evidence in every format", () => {
    const { dir, db } = setup()
    const none = runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir })
    expect(JSON.parse(none.stdout)).toEqual([])
    runCli(["learn", "--db", db], { cwd: dir })

    const json = JSON.parse(runCli(["sources", "--copies", "--db", db, "--format", "json"], { cwd: dir }).stdout) as {
      group: string; members: string[]; sources: [string, string]; overlap: number; bothFalse: number; sharedFalse: number
      expectedSharedFalse: number; score: number
    }[]
    expect(json.map((p) => p.sources.join("~")).sort()).toEqual(["copy-a~copy-b", "copy-a~sloppy", "copy-b~sloppy"])
    for (const p of json) {
      expect(p.group).toBe("copy:copy-a")
      expect(p.members).toEqual(["copy-a", "copy-b", "sloppy"])
      expect(p.sharedFalse).toBe(p.bothFalse)
      expect(p.sharedFalse).toBeGreaterThan(p.expectedSharedFalse)
      expect(p.overlap).toBeGreaterThanOrEqual(p.bothFalse)
    }

    const ndjson = runCli(["sources", "--copies", "--db", db, "--format", "ndjson"], { cwd: dir }).stdout.trim().split("\n")
    expect(ndjson.map((l) => JSON.parse(l))).toEqual(json)

    const csv = runCli(["sources", "--copies", "--db", db, "--format", "csv"], { cwd: dir }).stdout.trim().split("\n")
    expect(csv[0]).toBe("group,members,source a,source b,pairs,both false,shared false,expected if independent,score")
    expect(csv).toHaveLength(4)

    const table = runCli(["sources", "--copies", "--db", db, "--format", "table"], { cwd: dir }).stdout
    expect(table).toMatch(/expected if independent/)
    expect(table.split("\n").filter((l) => l.includes("copy:copy-a"))).toHaveLength(3)
  })

  it("learns from one dataset only with --dataset, and refuses an unknown one", () => {
    const { dir, db } = setup()
    const ok = runCli(["learn", "--dataset", "synthetic", "--db", db, "--format", "csv"], { cwd: dir })
    expect(ok.code).toBe(0)
    expect(ok.stdout.split("\n")[0]).toBe("source,claims,error,learned weight,discount,weight,copy group")
    const bad = runCli(["learn", "--dataset", "nope", "--db", db], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--dataset nope: no such dataset/)
    expect(looksLikeStackTrace(bad.stderr)).toBe(false)
  })
})
