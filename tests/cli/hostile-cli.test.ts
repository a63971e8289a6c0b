import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

/** Control characters a terminal would act on, as they must never reach it from the data. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/
const OSC_TITLE = "\x1b]0;pwned\x07"

const hostileCatalog = SMALL_CATALOG.replace("name: A senior NATO official", `name: "A senior ${OSC_TITLE}NATO \\e[2J official"`)

const setup = () => {
  const dir = tempDir()
  writeFiles(dir, {
    "small/dataset.yaml": hostileCatalog,
    "small/claims.ndjson": [
      line({ id: `nato-${OSC_TITLE}`, event: "strike", metric: "aircraft.destroyed", source: "nato-official", value: "up to 13", quote: `up to 13 \x1b[31mred\x1b[0m\r\nclaims.ndjson:1: forged`, url: "=HYPERLINK(\"http://evil\")" }),
      line({ id: "=SUM(1+1)*cmd|' /C calc'!A0", event: "strike", metric: "aircraft.hit", source: "sbu", value: 41, quote: "@SUM(1+1)" }),
    ].join("\n"),
  })
  return { dir, db: path.join(dir, "l.db") }
}

describe("printed data is inert (SPEC §8), through the real CLI", () => {
  it("escapes control characters in claims, explain and sources tables", () => {
    const { dir, db } = setup()
    expect(runCli(["ingest", "small", "--db", db], { cwd: dir }).code).toBe(0)
    for (const args of [["claims"], ["explain", "--event", "strike", "--metric", "aircraft.destroyed"], ["sources"]]) {
      const r = runCli([...args, "--db", db], { cwd: dir })
      expect(r.code).toBe(0)
      expect(r.stdout).not.toMatch(RAW_CONTROL)
      expect(r.stdout).not.toContain("\r")
    }
    expect(runCli(["claims", "--db", db], { cwd: dir }).stdout).toContain("nato-\\x1b]0;pwned\\x07")
    expect(runCli(["explain", "--event", "strike", "--metric", "aircraft.destroyed", "--db", db], { cwd: dir }).stdout)
      .toContain("up to 13 \\x1b[31mred\\x1b[0m\\r\\nclaims.ndjson:1: forged")
  })

  it("never lets a rejected record forge a file:line: diagnostic", () => {
    const { dir, db } = setup()
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    writeFiles(dir, { "more.ndjson": [line({ event: "strike", metric: "aircraft.hit\nclaims.ndjson:9: all good", source: "sbu", value: 1 }), line({ event: "strike", metric: "x", source: `s${OSC_TITLE}`, value: 1 })].join("\n") })
    const r = runCli(["ingest", "more.ndjson", "--db", db], { cwd: dir })
    expect(r.code).toBe(1)
    const lines = r.stderr.trimEnd().split("\n")
    expect(lines).toEqual([
      'more.ndjson:1: unknown metric "aircraft.hit\\nclaims.ndjson:9: all good"',
      'more.ndjson:2: unknown metric "x"',
      expect.stringMatching(/^read 2 = inserted 0 \+ duplicates 0 \+ rejected 2/),
    ])
    expect(r.stderr).not.toMatch(RAW_CONTROL)
  })

  it("prefixes formula-like CSV cells with ', unless --csv-raw (before or after the subcommand)", () => {
    const { dir, db } = setup()
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const guarded = runCli(["claims", "--db", db, "--format", "csv"], { cwd: dir }).stdout
    expect(guarded).toContain("nato-\x1b]0;pwned\x07") // CSV is data: kept as stored, only guarded
    const raw = runCli(["--csv-raw", "claims", "--db", db, "--format", "csv"], { cwd: dir })
    expect(raw.code).toBe(0)
    expect(runCli(["claims", "--db", db, "--format", "csv", "--csv-raw"], { cwd: dir }).stdout).toBe(raw.stdout)
    const cells = (text: string) => text.trim().split("\n").flatMap((row) => row.split(","))
    expect(cells(guarded).filter((c) => /^[=+\-@]/.test(c))).toEqual([])
    expect(guarded).toContain("'=SUM(1+1)*cmd|' /C calc'!A0")
    expect(raw.stdout).toContain("\n=SUM(1+1)*cmd|' /C calc'!A0,")
  })

  it("prints ingest --format json with a components count, not {}", () => {
    const { dir, db } = setup()
    const r = runCli(["ingest", "small", "--db", db, "--format", "json"], { cwd: dir })
    expect(JSON.parse(r.stdout)).toEqual([{
      file: path.join("small", "claims.ndjson"), run: 1, read: 2, inserted: 2, duplicates: 0, rejected: 0, outcome: "ok", error: null, components: 1,
    }])
  })
})

describe("usage errors and limits, through the real CLI", () => {
  it("refuses --limit -1", () => {
    const { dir, db } = setup()
    runCli(["ingest", "small", "--db", db], { cwd: dir })
    const r = runCli(["claims", "--limit", "-1", "--db", db], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout + r.stderr).toContain("--limit must be a whole number, 0 or more")
    expect(r.stdout).not.toContain("(none)")
  })

  it("ends a 10,000-deep parts chain with one line and exit 2", () => {
    const dir = tempDir()
    const n = 10_000
    writeFiles(dir, { "deep/dataset.yaml": "name: deep\nmetrics:\n" + Array.from({ length: n }, (_, i) => `  - { id: m${i}${i + 1 < n ? `, parts: [m${i + 1}]` : ""} }`).join("\n") + "\n" })
    const r = runCli(["ingest", "deep", "--db", path.join(dir, "l.db")], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/dataset\.yaml: metric parts nest 10000 levels deep \(m0 → m1 → m2 → … → m9998 → m9999\); the limit is 64$/)])
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })

  it("names a symlink loop", () => {
    const { dir, db } = setup()
    fs.symlinkSync("loop-b.ndjson", path.join(dir, "loop-a.ndjson"))
    fs.symlinkSync("loop-a.ndjson", path.join(dir, "loop-b.ndjson"))
    const r = runCli(["ingest", "loop-a.ndjson", "--dataset", "small", "--db", db], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe("reckon: loop-a.ndjson: symlink loop: loop-a.ndjson → loop-b.ndjson → loop-a.ndjson")
  })
})
