import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { GOOD_CLAIMS, line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const setup = () => {
  const dir = tempDir()
  writeFiles(dir, { "small/dataset.yaml": SMALL_CATALOG, "small/claims.ndjson": GOOD_CLAIMS.join("\n") })
  return { dir, db: path.join(dir, "l.db") }
}

describe("reckon (child process)", () => {
  it("ingests a dataset, then finds only duplicates the second time", () => {
    const { dir, db } = setup()
    const first = runCli(["ingest", "small", "--db", db, "--format", "json"], { cwd: dir })
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject([{ file: path.join("small", "claims.ndjson"), read: 4, inserted: 4, duplicates: 0, rejected: 0 }])
    expect(first.stderr).toMatch(/read 4 = inserted 4 \+ duplicates 0 \+ rejected 0/)
    const second = runCli(["ingest", "small", "--db", db, "--format", "json"], { cwd: dir })
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject([{ read: 4, inserted: 0, duplicates: 4, rejected: 0 }])
  })

  it("prints each rejection as file:line: reason, stores the rest, and exits 1", () => {
    const { dir, db } = setup()
    writeFiles(dir, { "more.ndjson": [GOOD_CLAIMS[0], line({ event: "strike", metric: "aircraft.hit", source: "nobody", value: 1 }), "{oops"].join("\n") })
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const r = runCli(["ingest", "more.ndjson", "--db", db], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('more.ndjson:2: unknown source "nobody"')
    expect(r.stderr).toMatch(/more\.ndjson:3: malformed JSON/)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })

  it("uses $RECKON_DB when --db is not given", () => {
    const { dir } = setup()
    const r = runCli(["ingest", "small"], { cwd: dir, env: { RECKON_DB: "env.db" } })
    expect(r.code).toBe(0)
    expect(fs.existsSync(path.join(dir, "env.db"))).toBe(true)
    expect(fs.existsSync(path.join(dir, "reckon.db"))).toBe(false)
  })

  it("prints figures, conflicts and claims in the SPEC §6 JSON shapes, and table/csv/ndjson", () => {
    const { dir, db } = setup()
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const figures = JSON.parse(runCli(["figures", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    const destroyed = figures.find((f) => f["metric"] === "aircraft.destroyed" && JSON.stringify(f["scope"]) === "{}")!
    // 41 hit with 40 damaged forces 1 destroyed, against AviVector's 4 Tu-95MS: a three-way tie of equal
    // weights (drop the SBU, NATO's damaged figure, or AviVector), so destroyed is the hull [1, 13].
    expect(destroyed).toMatchObject({ event: "strike", at: null, status: "conflict", best: null, range: { lo: 1, hi: 13 }, direct: { lo: 0, hi: 13 } })
    for (const key of ["status", "best", "voices", "claims", "conflicts"]) expect(destroyed).toHaveProperty(key)
    expect((destroyed["claims"] as Record<string, unknown>[])[0]).toMatchObject({ id: "nato-destroyed-13", source: "nato-official", via: ["suspilne", "isw"], value: "up to 13", lo: 0, hi: 13, certainty: "asserted", role: "support" })
    const claims = JSON.parse(runCli(["claims", "--db", db, "--format", "json", "--metric", "aircraft.hit"], { cwd: dir }).stdout)
    expect(claims).toEqual([expect.objectContaining({ id: "sbu-hit-41", event: "strike", metric: "aircraft.hit", scope: {}, source: "sbu", via: ["isw"], value: "41 aircraft", lo: 41, hi: 41, certainty: "asserted", at: null, stated: null })])
    const conflicts = JSON.parse(runCli(["conflicts", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    for (const c of conflicts) expect(Object.keys(c).sort()).toEqual(["against", "at", "claims", "event", "kind", "metric", "reason", "scope"])
    const csv = runCli(["claims", "--db", db, "--format", "csv"], { cwd: dir }).stdout.trim().split("\n")
    expect(csv[0]).toBe("id,event,metric,scope,source,via,value,interval,certainty,at,stated")
    expect(csv).toHaveLength(5)
    const ndjson = runCli(["sources", "--db", db, "--format", "ndjson"], { cwd: dir }).stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(ndjson.find((s) => s.id === "sbu")).toMatchObject({ name: "Security Service of Ukraine", aliases: ["SBU"], claims: 1 })
    const table = runCli(["figures", "--db", db, "--event", "strike", "--metric", "aircraft.destroyed", "--scope", "location=olenya", "--scope", "type=Tu-95MS"], { cwd: dir }).stdout
    expect(table).toMatch(/location=olenya type=Tu-95MS/)
  })

  it("explains a figure in sentences with the claims' provenance", () => {
    const { dir, db } = setup()
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const r = runCli(["explain", "--db", db, "--event", "strike", "--metric", "aircraft.destroyed"], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/strike aircraft\.destroyed all: \w+/)
    expect(r.stdout).toContain("nato-destroyed-13")
    expect(r.stdout).toContain("up to 13 others")
  })

  it("answers a usage mistake or unreadable input with one line and exit 2", () => {
    const { dir, db } = setup()
    const cases: [string[], RegExp][] = [
      [["ingest", "nope.ndjson", "--db", db], /^reckon: nope\.ndjson: no such file or folder\n$/],
      [["figures", "--db", db, "--scope", "location"], /^reckon: --scope location: expected dim=value\n$/],
      [["figures", "--db", db, "--at", "yesterday"], /^reckon: --at yesterday: expected an ISO date/],
      [["ingest", "small", "--db", path.join(dir, "no", "such", "dir", "l.db")], /^reckon: ledger .*: folder .* does not exist\n$/],
      // a read command never creates a ledger
      [["figures", "--db", path.join(dir, "none.db")], /^reckon: ledger .*none\.db: no such ledger/],
    ]
    for (const [args, want] of cases) {
      const r = runCli(args, { cwd: dir })
      expect(r.code, args.join(" ")).toBe(2)
      expect(r.stderr).toMatch(want)
    }
    expect(fs.existsSync(path.join(dir, "none.db"))).toBe(false)
    const unknown = runCli(["figures", "--colour"], { cwd: dir })
    expect(unknown.code).toBe(2)
    expect(looksLikeStackTrace(unknown.stderr)).toBe(false)
  })

  it("lists every problem of a contradictory catalog with its file, and exits 2", () => {
    const dir = writeFiles(tempDir(), { "bad/dataset.yaml": "name: bad\nmetrics: [{ id: w, parts: [ghost, w] }]\n" })
    const r = runCli(["ingest", "bad", "--db", path.join(dir, "l.db")], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe([
      `${path.join("bad", "dataset.yaml")}: metric "w": part "ghost" is not a declared metric`,
      `${path.join("bad", "dataset.yaml")}: metric "w" lists itself as a part`,
      `${path.join("bad", "dataset.yaml")}: metric parts form a cycle: w → w`,
      "",
    ].join("\n"))
  })

  it("reports its schema with reckon migrate", () => {
    const dir = tempDir()
    const r = runCli(["migrate", "--db", "m.db"], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^m\.db: schema up to date/)
  })
})

describe("reckon in a pipe", () => {
  it("stops quietly when the reader closes early (reckon claims | head -1)", async () => {
    const { dir, db } = setup()
    // far more output than a pipe buffers, so the writer really meets the closed pipe
    const many = Array.from({ length: 3000 }, (_, i) => line({ id: `c${i}`, event: "strike", metric: "aircraft.hit", source: "sbu", value: i, quote: `hit ${i}` }))
    writeFiles(dir, { "small/many.ndjson": many.join("\n") })
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const { spawn } = await import("node:child_process")
    const { CLI } = await import("../support/run-cli.js")
    const child = spawn(process.execPath, [CLI, "claims", "--db", db, "--format", "ndjson"], { cwd: dir, env: { ...process.env, RECKON_DB: "" } })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    child.stdout.once("data", () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
    expect(looksLikeStackTrace(stderr)).toBe(false)
    expect(stderr).not.toMatch(/EPIPE/)
    expect(code).toBe(0)
  })
})
