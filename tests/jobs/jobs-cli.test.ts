import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { startCli } from "../support/spawn-cli.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"
import { query, scalar, waitFor } from "./jobs-fixture.js"

/** The built CLI (tests run `npm run build` first, via pretest). */
const MAIN = path.resolve("dist/reckon.mjs")
/** Lines in the append-only file killed mid-ingest (the brief's 200k takes ~25 s to ingest here; set RECKON_KILL_TEST_LINES to try). */
const LINES = Number(process.env["RECKON_KILL_TEST_LINES"] ?? 60_000)
const EVENTS = 100

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`)
})

/** A catalog with many events, so that the claims spread over many small components. */
const catalog = (): string => {
  const events = Array.from({ length: EVENTS }, (_, e) => `  - { id: ev${e} }`).join("\n")
  return `name: many\nevents:\n${events}\nsources:\n  - { id: s1 }\n  - { id: s2 }\nmetrics:\n  - id: m\n`
}

/** Record i, meant for line i of the file: its id says where it must be stored. */
const record = (i: number): string =>
  JSON.stringify({ id: `r${i}`, event: `ev${i % EVENTS}`, metric: "m", source: i % 2 ? "s1" : "s2", value: i % 50, quote: `line ${i}` })

const records = (from: number, to: number): string => {
  const out: string[] = []
  for (let i = from; i <= to; i++) out.push(record(i))
  return `${out.join("\n")}\n`
}

const setup = (jobsYaml: string, files: Record<string, string> = {}) => {
  const dir = tempDir("reckon-jobs-cli-")
  writeFiles(dir, { "many/dataset.yaml": catalog(), "jobs.yaml": jobsYaml, ...files })
  return { dir, db: path.join(dir, "ledger.db"), config: path.join(dir, "jobs.yaml") }
}

const start = (args: string[], cwd: string) => startCli(args, { cwd })

const claims = (db: string) => scalar(db, "SELECT COUNT(*) FROM claims")

describe("reckon jobs (child processes)", () => {
  it("refuses a malformed config with one line per problem naming job and field, exit 2", () => {
    const { dir, config } = setup([
      "jobs:",
      "  - name: feed",
      "    schedule: every 15x",
      "    from: { file: ./feed.ndjson }",
      "    retry: { times: many }",
      "  - name: web",
      "    schedule: every 1m",
      "    from: { url: \"not a url\" }",
    ].join("\n"))
    const r = spawnSync(process.execPath, [MAIN, "jobs", "serve", "--config", config, "--db", path.join(dir, "l.db")], { encoding: "utf8" })
    expect(r.status).toBe(2)
    const lines = r.stderr.trim().split("\n")
    expect(lines).toEqual([
      `${config}: job "feed": field "schedule": "every 15x": expected "every <duration>" with a duration like 30s, 15m, 2h`,
      `${config}: job "feed": field "retry.times": Invalid input: expected number, received string`,
      `${config}: job "web": field "from.url": "not a url" is not an http(s) URL`,
    ])
    expect(r.stdout).toBe("")
    expect(fs.existsSync(path.join(dir, "l.db"))).toBe(false) // nothing opened for a bad config
  })

  it("kill -9 in the middle of a large ingest: the next run neither duplicates nor skips a record", async () => {
    const { dir, db, config } = setup(
      "jobs:\n  - { name: feed, schedule: every 1s, from: { file: ./feed.ndjson }, dataset: many }\nlease: 2s\n",
      { "feed.ndjson": records(1, LINES) },
    )
    const first = start(["jobs", "serve", "--config", config, "--db", db], dir)
    await waitFor("a third of the file", () => claims(db) >= LINES * 0.3, 30_000)
    first.child.kill("SIGKILL")
    expect((await first.exited).signal).toBe("SIGKILL")
    const atKill = claims(db)
    expect(atKill).toBeLessThan(LINES) // killed in the middle, not after the end
    // the writer goes on appending while nobody serves; its last line is still partial
    const tail = record(LINES + 1001)
    fs.appendFileSync(path.join(dir, "feed.ndjson"), records(LINES + 1, LINES + 1000) + tail.slice(0, 25))
    const total = LINES + 1000

    const second = start(["jobs", "serve", "--config", config, "--db", db], dir)
    await waitFor("every complete line", () => claims(db) === total
      && scalar(db, "SELECT COUNT(*) FROM job_runs WHERE outcome = 'running'") === 0, 60_000)
    second.child.kill("SIGTERM")
    expect(await second.exited).toEqual({ code: 0, signal: null })

    // every record exactly once, each at its real line number
    expect(scalar(db, "SELECT COUNT(DISTINCT claim_id) FROM claims")).toBe(total)
    expect(scalar(db, "SELECT COUNT(*) FROM claims WHERE claim_id <> 'r' || line")).toBe(0)
    expect(scalar(db, "SELECT MIN(line) FROM claims")).toBe(1)
    expect(scalar(db, "SELECT MAX(line) FROM claims")).toBe(total)
    // the accounting over all runs, including the killed one: nothing read twice
    const sums = query<{ read: number; inserted: number; duplicates: number; rejected: number }>(db,
      "SELECT SUM(read) AS read, SUM(inserted) AS inserted, SUM(duplicates) AS duplicates, SUM(rejected) AS rejected FROM ingest_runs WHERE job = 'feed'")[0]!
    expect(sums).toEqual({ read: total, inserted: total, duplicates: 0, rejected: 0 })
    expect(scalar(db, "SELECT COUNT(*) FROM job_runs WHERE outcome = 'crashed'")).toBe(1)
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE outcome = 'running'")).toBe(0)
    // the components the killed run touched were reconciled by the next one
    expect(scalar(db, "SELECT COUNT(DISTINCT component) FROM figures")).toBe(scalar(db, "SELECT COUNT(DISTINCT component) FROM claims"))
    expect(scalar(db, "SELECT COUNT(*) FROM stale_components")).toBe(0)
    const size = fs.statSync(path.join(dir, "feed.ndjson")).size
    expect(query(db, "SELECT \"offset\", line FROM job_state WHERE job = 'feed'")).toEqual([{ offset: size - 25, line: total }])
    console.log(`kill -9 accounting: ${atKill} claims at the kill; ${total} lines; ` +
      `runs ${JSON.stringify(query(db, "SELECT id, outcome, read, inserted, duplicates FROM ingest_runs ORDER BY id"))}`)

    // the partial line, once complete, is ingested by `jobs run`
    fs.appendFileSync(path.join(dir, "feed.ndjson"), `${tail.slice(25)}\n`)
    const once = spawnSync(process.execPath, [MAIN, "jobs", "run", "feed", "--config", config, "--db", db, "--format", "json"], { encoding: "utf8" })
    expect(once.status).toBe(0)
    expect(JSON.parse(once.stdout)).toEqual([expect.objectContaining({ job: "feed", outcome: "ok", read: 1, inserted: 1, duplicates: 0 })])
    expect(query(db, "SELECT line FROM claims WHERE claim_id = ?", `r${LINES + 1001}`)).toEqual([{ line: total + 1 }])
  }, 120_000)

  it("SIGTERM finishes the batch in hand, records the run and exits 0; the next run resumes", async () => {
    const lines = Math.min(LINES, 40_000)
    const { dir, db, config } = setup(
      "jobs:\n  - { name: feed, schedule: every 1h, from: { file: ./feed.ndjson }, dataset: many }\n",
      { "feed.ndjson": records(1, lines) },
    )
    const server = start(["jobs", "serve", "--config", config, "--db", db], dir)
    await waitFor("the first batches", () => claims(db) >= 4000, 30_000)
    server.child.kill("SIGTERM")
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.stderr()).toContain("SIGTERM: finishing the batch in hand")
    const stored = claims(db)
    expect(stored).toBeLessThan(lines)
    expect(stored % 2000).toBe(0) // whole batches only
    expect(query(db, "SELECT outcome, read, inserted FROM job_runs")).toEqual([{ outcome: "interrupted", read: stored, inserted: stored }])
    expect(query(db, "SELECT outcome FROM ingest_runs")).toEqual([{ outcome: "interrupted" }])
    expect(query(db, "SELECT line FROM job_state")).toEqual([{ line: stored }])

    const status = spawnSync(process.execPath, [MAIN, "jobs", "status", "--db", db, "--format", "json"], { encoding: "utf8" })
    expect(status.status).toBe(0)
    expect(JSON.parse(status.stdout)).toEqual([expect.objectContaining({ job: "feed", outcome: "interrupted", read: stored, inserted: stored, duplicates: 0, rejected: 0 })])

    const rest = spawnSync(process.execPath, [MAIN, "jobs", "run", "feed", "--config", config, "--db", db, "--format", "json"], { encoding: "utf8" })
    expect(rest.status).toBe(0)
    expect(JSON.parse(rest.stdout)[0]).toMatchObject({ read: lines - stored, inserted: lines - stored, duplicates: 0 })
    expect(claims(db)).toBe(lines)
  }, 90_000)

  it("two serve processes on one ledger never run the same job at once", async () => {
    // A slow feed with new content on every request: a run takes ~300 ms, so overlapping runs would show.
    let inFlight = 0
    let maxInFlight = 0
    let served = 0
    const feedServer = http.createServer((_req, res) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      served++
      const n = served
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { "content-type": "application/x-ndjson", etag: `"v${n}"` })
        res.end(records(1, n))
      }, 300)
    })
    await new Promise<void>((r) => feedServer.listen(0, "127.0.0.1", r))
    try {
      const url = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed`
      const { dir, db, config } = setup(
        `jobs:\n  - { name: web, schedule: every 50ms, from: { url: "${url}" }, dataset: many }\nlease: 5s\n`,
      )
      // create the ledger first, so that the two processes do not race to migrate it
      expect(spawnSync(process.execPath, [MAIN, "migrate", "--db", db], { encoding: "utf8" }).status).toBe(0)
      const a = start(["jobs", "serve", "--config", config, "--db", db], dir)
      const b = start(["jobs", "serve", "--config", config, "--db", db], dir)
      await waitFor("runs by both processes", () =>
        scalar(db, "SELECT COUNT(DISTINCT holder) FROM job_runs WHERE outcome = 'ok'") === 2
        && scalar(db, "SELECT COUNT(*) FROM job_runs WHERE outcome = 'ok'") >= 8, 40_000, 100)
      a.child.kill("SIGTERM")
      b.child.kill("SIGTERM")
      expect(await a.exited).toEqual({ code: 0, signal: null })
      expect(await b.exited).toEqual({ code: 0, signal: null })
      expect(maxInFlight).toBe(1)
      const runs = query<{ started: string; finished: string; holder: string }>(db,
        "SELECT started, finished, holder FROM job_runs WHERE job = 'web' ORDER BY started")
      for (let i = 1; i < runs.length; i++) {
        expect(Date.parse(runs[i]!.started), `run ${i} starts before run ${i - 1} finished`).toBeGreaterThanOrEqual(Date.parse(runs[i - 1]!.finished))
      }
      // each body held one new record: nothing was stored twice
      expect(scalar(db, "SELECT COUNT(*) FROM claims")).toBe(scalar(db, "SELECT COUNT(DISTINCT content_hash) FROM claims"))
    } finally {
      feedServer.closeAllConnections()
      await new Promise((r) => feedServer.close(r))
    }
  }, 90_000)
})
