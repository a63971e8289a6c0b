import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { claimLine, configIn, jobsFixture, query, runOnce, scalar } from "./jobs-fixture.js"

interface Feed {
  body: string
  etag: string | null
  lastModified: string | null
  /** Statuses to answer before serving the body (e.g. [500, 500]). */
  failFirst: number[]
  hangs: boolean
  requests: { ifNoneMatch: string | null; ifModifiedSince: string | null; status: number }[]
}

const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A real HTTP server on 127.0.0.1 serving one feed, with ETag/Last-Modified handling like a CDN's. */
const serve = async (feed: Feed, path = "/claims.ndjson", contentType = "application/octet-stream"): Promise<string> => {
  const server = http.createServer((req, res) => {
    if (feed.hangs) return // never answers: the job's timeout must end the run
    const ifNoneMatch = (req.headers["if-none-match"] as string | undefined) ?? null
    const ifModifiedSince = (req.headers["if-modified-since"] as string | undefined) ?? null
    const fail = feed.failFirst.shift()
    let status = fail ?? 200
    if (fail === undefined) {
      if (feed.etag !== null && ifNoneMatch === feed.etag) status = 304
      else if (feed.etag === null && feed.lastModified !== null && ifModifiedSince === feed.lastModified) status = 304
    }
    feed.requests.push({ ifNoneMatch, ifModifiedSince, status })
    const headers: Record<string, string> = { "content-type": contentType }
    if (feed.etag) headers["etag"] = feed.etag
    if (feed.lastModified) headers["last-modified"] = feed.lastModified
    res.writeHead(status, headers)
    res.end(status === 200 ? feed.body : status >= 500 ? "server error" : "")
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
}

const newFeed = (over: Partial<Feed> = {}): Feed =>
  ({ body: "", etag: null, lastModified: null, failFirst: [], hangs: false, requests: [], ...over })

const jobFor = (dir: string, url: string, extra = "") =>
  configIn(dir, `jobs:\n  - { name: web, schedule: every 1m, from: { url: "${url}" }, dataset: small, retry: { times: 3, backoff: 20ms }${extra} }\n`)

describe("HTTP source", () => {
  it("retries a feed that fails twice with 500, then ingests it once", async () => {
    const { dir, db } = jobsFixture()
    const feed = newFeed({ body: `${claimLine(1)}\n${claimLine(2)}\n`, etag: '"v1"', failFirst: [500, 500] })
    const config = jobFor(dir, await serve(feed))
    const r = await runOnce(db, config, "web")
    expect(r).toMatchObject({ kind: "ran", outcome: "ok", attempts: 3, tally: { read: 2, inserted: 2, duplicates: 0 } })
    expect(feed.requests.map((q) => q.status)).toEqual([500, 500, 200])
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs WHERE job = 'web'")).toBe(1)
    expect(query(db, "SELECT what FROM ingest_runs")).toEqual([{ what: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/claims\.ndjson$/) }])
    expect(query(db, "SELECT file, line FROM claims ORDER BY line")).toEqual([
      { file: config.jobs[0]!.source.kind === "url" ? config.jobs[0]!.source.url : "", line: 1 },
      { file: config.jobs[0]!.source.kind === "url" ? config.jobs[0]!.source.url : "", line: 2 },
    ])
  })

  it("sends its validators; a 304 costs nothing; a new body stores only what is new", async () => {
    const { dir, db } = jobsFixture()
    const feed = newFeed({ body: `${claimLine(1)}\n`, etag: '"v1"' })
    const config = jobFor(dir, await serve(feed))
    await runOnce(db, config, "web")
    const again = await runOnce(db, config, "web")
    expect(again).toMatchObject({ outcome: "ok", tally: { read: 0 }, detail: "304 not modified" })
    expect(feed.requests.map((q) => [q.ifNoneMatch, q.status])).toEqual([[null, 200], ['"v1"', 304]])
    expect(scalar(db, "SELECT COUNT(*) FROM ingest_runs")).toBe(1)
    feed.body = `${claimLine(1)}\n${claimLine(2)}\n`
    feed.etag = '"v2"'
    expect(await runOnce(db, config, "web")).toMatchObject({ tally: { read: 2, inserted: 1, duplicates: 1 } })
    expect(query(db, "SELECT etag FROM job_state WHERE job = 'web'")).toEqual([{ etag: '"v2"' }])
  })

  it("uses If-Modified-Since when the server sends Last-Modified only, and the Content-Type for the format", async () => {
    const { dir, db } = jobsFixture()
    const lastModified = "Sun, 01 Jun 2025 06:00:00 GMT"
    const feed = newFeed({ body: "id,event,metric,source,value\nx1,strike,aircraft.hit,sbu,41\n", lastModified })
    const config = jobFor(dir, await serve(feed, "/export?kind=claims", "text/csv; charset=utf-8"))
    expect(await runOnce(db, config, "web")).toMatchObject({ tally: { inserted: 1 } })
    expect(await runOnce(db, config, "web")).toMatchObject({ detail: "304 not modified" })
    expect(feed.requests[1]).toEqual({ ifNoneMatch: null, ifModifiedSince: lastModified, status: 304 })
  })

  it("does not retry a 404, and gives up on a 500 after `times` retries", async () => {
    const { dir, db } = jobsFixture()
    const missing = newFeed({ failFirst: [404] })
    const config404 = jobFor(dir, await serve(missing))
    expect(await runOnce(db, config404, "web")).toMatchObject({ outcome: "failed", attempts: 1, error: "HTTP 404 Not Found" })
    const broken = newFeed({ failFirst: [500, 500, 500, 500, 500] })
    const config500 = jobFor(dir, await serve(broken))
    expect(await runOnce(db, config500, "web")).toMatchObject({ outcome: "failed", attempts: 4, error: "HTTP 500 Internal Server Error" })
    expect(broken.requests).toHaveLength(4)
  })

  it("retries a refused connection, and ends a hanging fetch at the job's timeout", async () => {
    const { dir, db } = jobsFixture()
    const refused = jobFor(dir, "http://127.0.0.1:9/claims.ndjson")
    expect(await runOnce(db, refused, "web")).toMatchObject({ outcome: "failed", attempts: 4, error: expect.stringContaining("cannot connect") })
    const hanging = jobFor(dir, await serve(newFeed({ hangs: true })), ", timeout: 300ms")
    const started = Date.now()
    expect(await runOnce(db, hanging, "web")).toMatchObject({ outcome: "timed-out", error: "timed out after 300ms" })
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
