import Database from "better-sqlite3"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { parseCatalog } from "../../../src/ingest/parse-catalog.js"
import { canonicalJson } from "../../../src/ledger/content-hash.js"
import { runCli } from "../../support/run-cli.js"
import { query, withLedger } from "../../support/run-with-ledger.js"
import { tempDir } from "../../support/temp-dir.js"

/** A dataset folder whose catalog lists its events out of id order, with one claim. */
const datasetFolder = (name: string): { dir: string; yaml: string } => {
  const dir = path.join(tempDir(), name)
  fs.mkdirSync(dir)
  const yaml = [`name: ${name}`, "events: [{ id: zulu, title: Z }, { id: alpha, date: 2025-06-01 }, { id: mike }]", "sources: [{ id: s1 }]", "metrics: [{ id: hit }]", ""].join("\n")
  fs.writeFileSync(path.join(dir, "dataset.yaml"), yaml)
  fs.writeFileSync(path.join(dir, "claims.ndjson"), `${JSON.stringify({ id: "c1", event: "mike", metric: "hit", source: "s1", value: 3, quote: "three" })}\n`)
  return { dir, yaml }
}

describe("a catalog's events in the SQLite ledger", () => {
  it("are rows with their places, not a second time in the catalog's JSON", () => {
    const { dir } = datasetFolder("rows")
    const db = path.join(path.dirname(dir), "ledger.db")
    expect(runCli(["ingest", dir, "--db", db]).code).toBe(0)
    expect(query(db, "SELECT id, title, date, position FROM events ORDER BY position")).toEqual([
      { id: "zulu", title: "Z", date: null, position: 0 }, { id: "alpha", title: null, date: "2025-06-01", position: 1 }, { id: "mike", title: null, date: null, position: 2 },
    ])
    const [{ catalog_json }] = query<{ catalog_json: string }>(db, "SELECT catalog_json FROM datasets")
    expect((JSON.parse(catalog_json) as { events: unknown[] }).events).toEqual([])
  })

  it("of a changed catalog replace the rows before, in the new order, and read back so in another process", async () => {
    const { dir, yaml } = datasetFolder("changed")
    const db = path.join(path.dirname(dir), "ledger.db")
    expect(runCli(["ingest", dir, "--db", db]).code).toBe(0)
    const changed = yaml.replace("events: [{ id: zulu, title: Z }, { id: alpha, date: 2025-06-01 }, { id: mike }]", "events: [{ id: mike, title: M }, { id: bravo }, { id: zulu }]")
    fs.writeFileSync(path.join(dir, "dataset.yaml"), changed)
    expect(runCli(["ingest", dir, "--db", db]).code).toBe(0)
    expect(query(db, "SELECT id, title, position FROM events ORDER BY position")).toEqual([
      { id: "mike", title: "M", position: 0 }, { id: "bravo", title: null, position: 1 }, { id: "zulu", title: null, position: 2 },
    ])
    const parsed = parseCatalog(changed)
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
    const catalogs = await withLedger(db, (l) => l.catalogs)
    expect(JSON.stringify(catalogs[0])).toBe(canonicalJson(parsed.catalog))
  })

  it("of a catalog stored before migration 0011 (in its JSON, rows without places) read back from its JSON, and it stays unchanged", async () => {
    const { dir, yaml } = datasetFolder("before-0011")
    const db = path.join(path.dirname(dir), "ledger.db")
    expect(runCli(["ingest", dir, "--db", db]).code).toBe(0)
    const parsed = parseCatalog(yaml)
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
    const whole = canonicalJson(parsed.catalog)
    // the form an older reckon left: the whole catalog as JSON, event rows in id order without places
    const conn = new Database(db)
    conn.prepare("UPDATE datasets SET catalog_json = ?").run(whole)
    conn.exec("DELETE FROM events; INSERT INTO events (id, title, date, dataset) VALUES ('alpha', NULL, '2025-06-01', 'before-0011'), ('mike', NULL, NULL, 'before-0011'), ('zulu', 'Z', NULL, 'before-0011')")
    conn.close()
    const r = await withLedger(db, (l) => Effect.gen(function* () {
      return { catalogs: yield* l.catalogs, again: yield* l.registerCatalog(parsed.catalog, dir, "2025-07-01T00:00:00.000Z") }
    }))
    expect(JSON.stringify(r.catalogs[0])).toBe(whole)
    expect(r.again.ok && r.again.changed).toBe(false)
  })
})
