import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/run-cli.js"
import { runInPty, screenLines } from "../support/run-in-pty.js"
import { line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

/** A dataset with long quotes and many claims: wide tables, and an ingest long enough to show progress. */
const setup = (claims = 200) => {
  const dir = tempDir()
  const records = Array.from({ length: claims }, (_, i) => line({
    id: `c${i}`, event: "strike", metric: i % 2 === 0 ? "aircraft.hit" : "aircraft.damaged", source: i % 3 === 0 ? "sbu" : "nato-official",
    scope: { location: i % 2 === 0 ? "belaya" : "olenya", type: "Tu-95MS" }, value: 10 + (i % 7), via: ["suspilne", "isw"],
    quote: `A long quote number ${i} that goes on and on about the aircraft that were hit at the base, far wider than any terminal`,
  }))
  writeFiles(dir, { "small/dataset.yaml": SMALL_CATALOG, "small/claims.ndjson": records.join("\n") })
  return { dir, db: path.join(dir, "l.db") }
}

describe("reckon on a terminal (a real pseudo-terminal)", () => {
  it("fits tables to the terminal's width, one line per row and no rule between rows; --wide wraps instead", () => {
    const { dir, db } = setup(40)
    expect(runCli(["ingest", "small", "--db", db], { cwd: dir }).code).toBe(0)
    const piped = runCli(["claims", "--db", db], { cwd: dir }).stdout.trimEnd().split("\n")
    expect(Math.max(...piped.map((l) => l.length))).toBeGreaterThan(150)
    const { code, output } = runInPty(["claims", "--db", db], { cwd: dir, columns: 100, rows: 60 })
    expect(code).toBe(0)
    const lines = screenLines(output).filter((l) => l !== "")
    expect(lines[0]).toMatch(/^id +event +metric +scope +source +via/)
    expect(lines[1]).toMatch(/^-+ +-+/)
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(100)
    // a header, its rule, then exactly one line per claim: no separators between rows
    expect(lines.filter((l) => /^c\d+ /.test(l))).toHaveLength(40)
    expect(lines.filter((l) => /^[-─┼├]+$/.test(l.replace(/ /g, "")))).toHaveLength(1)
    expect(lines.some((l) => l.includes("…"))).toBe(true)
    const wide = screenLines(runInPty(["claims", "--db", db, "--wide", "--metric", "aircraft.hit"], { cwd: dir, columns: 160 }).output).filter((l) => l !== "")
    for (const l of wide) expect([...l].length, l).toBeLessThanOrEqual(160)
    expect(wide.some((l) => l.includes("…"))).toBe(false)
    for (const word of ["wider", "terminal"]) expect(wide.join("\n"), wide.join("\n")).toContain(word)
    expect(wide.length).toBeGreaterThan(20 + 2)
  })

  it("styles help on a terminal, never with NO_COLOR or --no-color", () => {
    const dir = tempDir()
    expect(runInPty(["figures", "--help"], { cwd: dir }).output).toMatch(/\x1b\[1mUsage:\x1b\[0m/)
    expect(runInPty(["figures", "--help"], { cwd: dir, env: { NO_COLOR: "1" } }).output).not.toMatch(/\x1b\[/)
    expect(runInPty(["figures", "--help", "--no-color"], { cwd: dir }).output).not.toMatch(/\x1b\[/)
  })

  it("shows a progress bar per phase with its label and a rate, and none with --quiet", () => {
    const { dir, db } = setup(3000)
    // --strict reads the whole file first (checking), then stores it
    const { code, output } = runInPty(["ingest", "small", "--db", db, "--strict"], { cwd: dir })
    expect(code).toBe(0)
    const text = output.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, "")
    const reading = text.search(/reading small\/claims\.ndjson \[.*?\] \d+% \| [\d,]+ records, [\d,]+\/s/)
    const storing = text.search(/storing small\/claims\.ndjson \[.*?\] 100% \| 3,000 records, [\d,]+\/s/)
    const reconciling = text.search(/reconciling \[.*?\] 100% \| [\d,]+ components, [\d,]+\/s/)
    expect([reading >= 0, storing > reading, reconciling > storing]).toEqual([true, true, true])
    expect(text).toMatch(/read 3000 = inserted 3000/)
    const quiet = runInPty(["ingest", "small", "--db", path.join(dir, "q.db"), "--quiet"], { cwd: dir })
    expect(quiet.code).toBe(0)
    expect(quiet.output).not.toMatch(/reading|reconciling|read 3000/)
    expect(quiet.output).toMatch(/small\/claims\.ndjson/)
  })
})
