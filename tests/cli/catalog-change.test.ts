import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/run-cli.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

/** The case: hit 41, damaged 40, destroyed at least 12, first without `parts`, then with. */
const catalog = (parts: boolean) => [
  "name: strike",
  "events: [{ id: strike }]",
  "sources: [{ id: sbu }, { id: nato }, { id: maxar }]",
  "metrics:",
  parts ? "  - { id: aircraft.hit, parts: [aircraft.damaged, aircraft.destroyed], exhaustive: true }" : "  - { id: aircraft.hit }",
  "  - { id: aircraft.damaged }",
  "  - { id: aircraft.destroyed }",
  "",
].join("\n")

const CLAIMS = [
  { id: "sbu-hit-41", metric: "aircraft.hit", source: "sbu", value: 41, quote: "41 aircraft hit" },
  { id: "nato-damaged-40", metric: "aircraft.damaged", source: "nato", value: 40, quote: "damaged 40" },
  { id: "maxar-destroyed-12", metric: "aircraft.destroyed", source: "maxar", value: "at least 12", quote: "at least 12 destroyed" },
].map((c) => JSON.stringify({ event: "strike", ...c })).join("\n")

const figures = (db: string) => {
  const r = runCli(["figures", "--db", db, "--format", "json"])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { metric: string; status: string; range: unknown }[]
}

describe("a catalog change (child processes)", () => {
  it("re-keys the claims it regroups: figures and conflicts as in a fresh ledger with the new catalog", () => {
    const dir = tempDir()
    writeFiles(dir, { "strike/dataset.yaml": catalog(false), "strike/claims.ndjson": CLAIMS })
    const changed = path.join(dir, "changed.db")
    expect(runCli(["ingest", path.join(dir, "strike"), "--db", changed]).code).toBe(0)
    expect(figures(changed).find((f) => f.metric === "aircraft.hit")).toMatchObject({ status: "single-source", range: { lo: 41, hi: 41 } })

    writeFiles(dir, { "strike/dataset.yaml": catalog(true) })
    const again = runCli(["ingest", path.join(dir, "strike"), "--db", changed])
    expect(again.code, again.stderr).toBe(0)
    const fresh = path.join(dir, "fresh.db")
    expect(runCli(["ingest", path.join(dir, "strike"), "--db", fresh]).code).toBe(0)

    const after = figures(changed)
    expect(after.find((f) => f.metric === "aircraft.hit")).toMatchObject({ status: "conflict", range: { lo: 41, hi: null } })
    expect(after).toEqual(figures(fresh))
    const conflicts = (db: string) => runCli(["conflicts", "--db", db, "--format", "json"]).stdout
    expect(JSON.parse(conflicts(changed))).toEqual(JSON.parse(conflicts(fresh)))
    expect(JSON.parse(conflicts(changed)).length).toBeGreaterThan(0)
  })
})
