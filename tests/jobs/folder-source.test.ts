import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { claimLine, configIn, jobsFixture, query, runOnce, scalar } from "./jobs-fixture.js"

describe("folder source", () => {
  it("ingests new and changed files only, by content hash", async () => {
    const { dir, db } = jobsFixture()
    const config = configIn(dir, "jobs:\n  - { name: inbox, schedule: every 1m, from: { dir: ./inbox }, dataset: small }\n")
    const inbox = path.join(dir, "inbox")
    fs.writeFileSync(path.join(inbox, "a.ndjson"), `${claimLine(1)}\n${claimLine(2)}\n`)
    fs.writeFileSync(path.join(inbox, "b.csv"), "id,event,metric,source,value\nc100,strike,aircraft.hit,sbu,41\n")
    fs.writeFileSync(path.join(inbox, ".partial.ndjson"), `${claimLine(3)}\n`) // a writer's temp file: ignored
    fs.writeFileSync(path.join(inbox, "notes.txt"), "not claims")
    expect(await runOnce(db, config, "inbox")).toMatchObject({ outcome: "ok", tally: { read: 3, inserted: 3 }, detail: "2 new or changed file(s)" })
    expect(await runOnce(db, config, "inbox")).toMatchObject({ outcome: "ok", tally: { read: 0 }, detail: "no new or changed files" })
    // a changed file is read again: its stored records are duplicates, the new one is inserted
    fs.appendFileSync(path.join(inbox, "a.ndjson"), `${claimLine(4)}\n`)
    fs.writeFileSync(path.join(inbox, "c.ndjson"), `${claimLine(5)}\n`)
    expect(await runOnce(db, config, "inbox")).toMatchObject({ tally: { read: 4, inserted: 2, duplicates: 2, rejected: 0 } })
    expect(scalar(db, "SELECT COUNT(*) FROM claims")).toBe(5)
    expect(query(db, "SELECT what, job FROM ingest_runs ORDER BY id").map((r) => path.basename((r as { what: string }).what)))
      .toEqual(["a.ndjson", "b.csv", "a.ndjson", "c.ndjson"])
    expect(query(db, "SELECT item FROM job_state WHERE job = 'inbox' ORDER BY item")).toEqual([{ item: "a.ndjson" }, { item: "b.csv" }, { item: "c.ndjson" }])
  })

  it("records a catalog problem as a failed run naming the file", async () => {
    const { dir, db } = jobsFixture()
    fs.writeFileSync(path.join(dir, "small", "dataset.yaml"), "name: small\nevents: [{ id: x }]\nmetrics: [{ id: m, parts: [nope] }]\n")
    const config = configIn(dir, "jobs:\n  - { name: inbox, schedule: every 1m, from: { dir: ./inbox }, dataset: small }\n")
    const r = await runOnce(db, config, "inbox")
    expect(r).toMatchObject({ outcome: "failed", attempts: 1, error: expect.stringContaining("dataset.yaml") })
  })
})
