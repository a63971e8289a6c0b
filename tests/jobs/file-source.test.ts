import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { claimLine, configIn, jobsFixture, query, runOnce, scalar } from "./jobs-fixture.js"

const setup = () => {
  const f = jobsFixture()
  const feed = path.join(f.dir, "feed.ndjson")
  const config = configIn(f.dir, "jobs:\n  - { name: feed, schedule: every 1m, from: { file: ./feed.ndjson }, dataset: small }\n")
  return { ...f, feed, config }
}

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => `${claimLine(from + k)}\n`).join("")

describe("append-only file source", () => {
  it("ingests complete lines only, resumes at its offset, and keeps the file's real line numbers", async () => {
    const { db, feed, config } = setup()
    // three complete lines and half of a fourth: the writer is still appending it
    const fourth = claimLine(4)
    fs.writeFileSync(feed, lines(1, 3) + fourth.slice(0, 20))
    const first = await runOnce(db, config, "feed")
    expect(first).toMatchObject({ kind: "ran", outcome: "ok", tally: { read: 3, inserted: 3, duplicates: 0, rejected: 0 } })
    expect(scalar(db, "SELECT COUNT(*) FROM claims")).toBe(3)

    fs.appendFileSync(feed, `${fourth.slice(20)}\n\n${"{not json"}\n${claimLine(5)}\n`)
    const second = await runOnce(db, config, "feed")
    expect(second).toMatchObject({ outcome: "rejected", tally: { read: 3, inserted: 2, duplicates: 0, rejected: 1 } })
    expect(query(db, "SELECT claim_id, line FROM claims ORDER BY line")).toEqual([
      { claim_id: "c1", line: 1 }, { claim_id: "c2", line: 2 }, { claim_id: "c3", line: 3 }, { claim_id: "c4", line: 4 }, { claim_id: "c5", line: 7 },
    ])
    expect(query(db, "SELECT line, reason FROM rejected_records")).toEqual([{ line: 6, reason: expect.stringMatching(/^malformed JSON/) }])
    expect(query(db, "SELECT \"offset\", line FROM job_state WHERE job = 'feed'")).toEqual([{ offset: fs.statSync(feed).size, line: 7 }])

    const third = await runOnce(db, config, "feed")
    expect(third).toMatchObject({ outcome: "ok", tally: { read: 0, inserted: 0 } })
    // nothing new: no empty ingest run is recorded
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE job = 'feed'")).toBe(2)
  })

  it("re-reads a replaced or truncated file from the start, storing only what is new", async () => {
    const { db, feed, config } = setup()
    fs.writeFileSync(feed, lines(1, 5))
    await runOnce(db, config, "feed")
    // replaced by rename (another inode): the old records again plus two new ones
    const next = `${feed}.tmp`
    fs.writeFileSync(next, lines(1, 7))
    fs.renameSync(next, feed)
    const replaced = await runOnce(db, config, "feed")
    expect(replaced).toMatchObject({ tally: { read: 7, inserted: 2, duplicates: 5, rejected: 0 } })
    // truncated in place and rewritten shorter (same inode, smaller than the offset)
    fs.writeFileSync(feed, lines(8, 9))
    const truncated = await runOnce(db, config, "feed")
    expect(truncated).toMatchObject({ tally: { read: 2, inserted: 2, duplicates: 0 } })
    expect(query(db, "SELECT line FROM claims WHERE claim_id IN ('c8', 'c9') ORDER BY line")).toEqual([{ line: 1 }, { line: 2 }])
    // rewritten in place, same length or longer, but with other first bytes
    fs.writeFileSync(feed, lines(10, 12))
    const rewritten = await runOnce(db, config, "feed")
    expect(rewritten).toMatchObject({ tally: { read: 3, inserted: 3, duplicates: 0 } })
    expect(scalar(db, "SELECT COUNT(*) FROM claims")).toBe(12)
  })

  it("reconciles only the components the run touched", async () => {
    const { db, feed, config } = setup()
    fs.writeFileSync(feed, `${claimLine(3)}\n`) // missiles.launched: its own component
    await runOnce(db, config, "feed")
    const before = query<{ metric: string; computed: string }>(db, "SELECT metric, computed FROM figures")
    expect(before.map((f) => f.metric)).toEqual(["missiles.launched"])
    fs.appendFileSync(feed, `${claimLine(1)}\n`) // aircraft.damaged: the aircraft component
    const r = await runOnce(db, config, "feed")
    expect(r).toMatchObject({ components: 1 })
    const after = query<{ metric: string; computed: string }>(db, "SELECT metric, computed FROM figures ORDER BY metric")
    expect(after.map((f) => f.metric)).toEqual(["aircraft.damaged", "missiles.launched"])
    // the untouched component's figure was not recomputed
    expect(after.find((f) => f.metric === "missiles.launched")!.computed).toBe(before[0]!.computed)
  })

  it("fails the run, without retrying, when the file is missing", async () => {
    const { db, config } = setup()
    const r = await runOnce(db, config, "feed")
    expect(r).toMatchObject({ kind: "ran", outcome: "failed", attempts: 1, error: expect.stringContaining("ENOENT") })
    expect(query(db, "SELECT outcome, error FROM job_runs")).toEqual([{ outcome: "failed", error: expect.stringContaining("cannot read") }])
  })
})
