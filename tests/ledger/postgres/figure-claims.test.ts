import * as path from "node:path"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { runCli } from "../../support/run-cli.js"
import { dropPgLedger, freshPgLedger, PG_SKIP_REASON, TEST_PG } from "../../support/postgres.js"
import { tempDir, writeFiles } from "../../support/temp-dir.js"

/** Stored figures list their claims by id; PostgreSQL reads them back from the component's rows, or the event's where those lack one. */
describe.skipIf(TEST_PG === undefined)(`figures' claims on PostgreSQL (${TEST_PG === undefined ? PG_SKIP_REASON : "server given"})`, () => {
  const url = TEST_PG === undefined ? "" : freshPgLedger()
  afterAll(() => (TEST_PG === undefined ? undefined : dropPgLedger(url)))

  it("are read whole, also while a catalog change has moved them to another component not yet reconciled", async () => {
    const records = [
      { id: "a", source: "gs", value: "at least 5", via: ["oryx"], quote: "a", url: "https://a.example" },
      { id: "b", source: "oryx", value: 7, supersedes: "e" },
      { id: "e", source: "gs", value: 30 },
      { id: "r", source: "gs", value: 30, retracts: "e" },
    ]
    const dataset = writeFiles(path.join(tempDir(), "t"), {
      "dataset.yaml": "name: t\nevents: [{ id: war }]\nsources: [{ id: gs }, { id: oryx }]\nmetrics: [{ id: tanks }]\n",
      "claims.ndjson": records.map((r) => JSON.stringify({ event: "war", metric: "tanks", ...r })).join("\n"),
    })
    expect(runCli(["ingest", dataset, "--db", url]).code).toBe(0)
    const figures = () => runCli(["figures", "--db", url, "--format", "ndjson"]).stdout
    const before = figures()
    expect(before).toContain('"id":"a","source":"gs","via":["oryx"],"value":"at least 5","lo":5,"hi":null')
    expect(before).toContain('"id":"r","source":"gs","via":[],"value":"30","lo":null,"hi":null')
    const client = new pg.Client({ connectionString: TEST_PG })
    await client.connect()
    try {
      const schema = new URL(url).searchParams.get("schema")!
      const stored = await client.query(`SELECT detail_json FROM ${schema}.figures`)
      expect(stored.rows.map((r: { detail_json: string }) => r.detail_json).join()).not.toContain('"source"')
      await client.query(`UPDATE ${schema}.claims SET component = 'moved'`)
    } finally {
      await client.end()
    }
    expect(figures()).toBe(before)
  })
})
