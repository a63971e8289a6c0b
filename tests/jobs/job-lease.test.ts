import { Deferred, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { HttpFetcherLive } from "../../src/jobs/http-fetcher.js"
import { jobsLoggerLayer } from "../../src/cli/log-lines.js"
import { serveJobs } from "../../src/jobs/serve-jobs.js"
import { ledgerLayer } from "../../src/ledger/ledger-layer.js"
import { execute, withLedger } from "../support/run-with-ledger.js"
import { claimLine, configIn, jobsFixture, query, runOnce, waitFor } from "./jobs-fixture.js"

describe("job leases", () => {
  it("skips a job whose lease another process holds, and closes a crashed run when it takes over", async () => {
    const { dir, db } = jobsFixture()
    fs.writeFileSync(path.join(dir, "feed.ndjson"), `${claimLine(1)}\n`)
    const config = configIn(dir, "jobs:\n  - { name: feed, schedule: every 1m, from: { file: ./feed.ndjson }, dataset: small }\nlease: 2s\n")
    await withLedger(db, (l) => l.acquireLease("feed", "crashed-process", 60_000, Date.now()))
    execute(db, "INSERT INTO job_runs (job, holder, started, outcome) VALUES ('feed', 'crashed-process', '2025-01-01T00:00:00.000Z', 'running')")
    expect(await runOnce(db, config, "feed")).toEqual({ kind: "skipped", job: "feed", heldBy: "crashed-process" })
    execute(db, "UPDATE job_leases SET expires = '2000-01-01T00:00:00.000Z'")
    expect(await runOnce(db, config, "feed")).toMatchObject({ kind: "ran", outcome: "ok", tally: { inserted: 1 } })
    expect(query(db, "SELECT holder, outcome FROM job_runs ORDER BY id")).toEqual([
      { holder: "crashed-process", outcome: "crashed" }, { holder: "test-holder", outcome: "ok" },
    ])
    expect(query(db, "SELECT * FROM job_leases")).toEqual([]) // released after the run
  })
})

describe("serveJobs", () => {
  it("keeps the other jobs running when one fails, and stops on shutdown", async () => {
    const { dir, db } = jobsFixture()
    fs.writeFileSync(path.join(dir, "feed.ndjson"), `${claimLine(1)}\n`)
    const config = configIn(dir, [
      "jobs:",
      "  - { name: broken, schedule: every 100ms, from: { dir: ./no-such-folder }, dataset: small, retry: { times: 0 } }",
      "  - { name: feed, schedule: every 100ms, from: { file: ./feed.ndjson }, dataset: small }",
    ].join("\n"))
    const shutdown = Effect.runSync(Deferred.make<void>())
    const served = Effect.runPromise(serveJobs(config, { holder: "server", leaseMs: config.leaseMs, shutdown }).pipe(
      Effect.provide(Layer.mergeAll(ledgerLayer(db), HttpFetcherLive, jobsLoggerLayer)),
    ))
    const runsOf = (job: string, outcome: string) =>
      query<{ n: number }>(db, "SELECT COUNT(*) AS n FROM job_runs WHERE job = ? AND outcome = ?", job, outcome)[0]!.n
    await waitFor("the broken job to fail twice and the feed to ingest", () => runsOf("broken", "failed") >= 2 && runsOf("feed", "ok") >= 2)
    fs.appendFileSync(path.join(dir, "feed.ndjson"), `${claimLine(2)}\n`)
    await waitFor("the appended line", () => query<{ n: number }>(db, "SELECT COUNT(*) AS n FROM claims")[0]!.n === 2)
    Effect.runSync(Deferred.succeed(shutdown, undefined))
    await served
    expect(query(db, "SELECT COUNT(*) AS n FROM job_runs WHERE outcome = 'running'")).toEqual([{ n: 0 }])
    expect(query<{ error: string }>(db, "SELECT error FROM job_runs WHERE job = 'broken' LIMIT 1")[0]!.error).toContain("no-such-folder")
  })
})
