import * as path from "node:path"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { runCli } from "../../support/run-cli.js"
import { dropPgLedger, freshPgLedger, PG_SKIP_REASON, TEST_PG } from "../../support/postgres.js"
import { SMALL_CATALOG } from "../../support/small-dataset.js"
import { tempDir, writeFiles } from "../../support/temp-dir.js"

const claim = (id: string | undefined, value: number) =>
  JSON.stringify({ ...(id ? { id } : {}), event: "strike", metric: "aircraft.destroyed", source: "sbu", value })

/** Migration 0012 on PostgreSQL: the content hash's UNIQUE constraint is dropped; duplicates are found by (dataset, id). */
describe.skipIf(TEST_PG === undefined)(`claims.content_hash on PostgreSQL (${TEST_PG === undefined ? PG_SKIP_REASON : "server given"})`, () => {
  const url = TEST_PG === undefined ? "" : freshPgLedger()
  afterAll(() => (TEST_PG === undefined ? undefined : dropPgLedger(url)))

  it("has no unique constraint, and the same records again are duplicates, with ids and without", async () => {
    const dataset = writeFiles(path.join(tempDir(), "small"), {
      "dataset.yaml": SMALL_CATALOG, "claims.ndjson": [claim("a", 1), claim(undefined, 2)].join("\n") + "\n",
    })
    expect(runCli(["ingest", dataset, "--db", url]).code).toBe(0)
    const again = runCli(["ingest", dataset, "--db", url, "--format", "json"])
    expect(JSON.parse(again.stdout)).toMatchObject([{ read: 2, inserted: 0, duplicates: 2, rejected: 0 }])
    const client = new pg.Client({ connectionString: TEST_PG })
    await client.connect()
    try {
      const schema = new URL(url).searchParams.get("schema")!
      const unique = await client.query(`SELECT conname FROM pg_constraint WHERE conrelid = '${schema}.claims'::regclass AND contype = 'u'`)
      expect(unique.rows).toEqual([])
      const claims = await client.query(`SELECT claim_id FROM ${schema}.claims ORDER BY seq`)
      expect(claims.rows.map((r: { claim_id: string }) => r.claim_id)).toEqual(["a", expect.stringMatching(/^h-[0-9a-f]{16}$/)])
    } finally {
      await client.end()
    }
  })
})
