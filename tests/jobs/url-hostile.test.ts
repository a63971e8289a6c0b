import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import { gzipSync } from "node:zlib"
import { afterEach, describe, expect, it } from "vitest"
import { isTransient, FetchError } from "../../src/jobs/job-errors.js"
import { DEFAULT_MAX_BYTES, DEFAULT_URL_TIMEOUT_MS } from "../../src/jobs/job-config.js"
import { claimLine, configIn, jobsFixture, query, runOnce } from "./jobs-fixture.js"

const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A real HTTP server on 127.0.0.1; `handle` answers every request, which is also recorded. */
const serve = async (handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) => {
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "")
    handle(req, res)
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }
}

const jobFor = (dir: string, url: string, extra = "") =>
  configIn(dir, `jobs:\n  - { name: web, schedule: every 1m, from: { url: "${url}" }, dataset: small, retry: { times: 3, backoff: 20ms }${extra} }\n`)

const body = (n: number) => Array.from({ length: n }, (_, i) => claimLine(i)).join("\n") + "\n"
const fetchTemps = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("reckon-fetch-")).length

describe("URL jobs: limits", () => {
  it("give a URL job a 10 minute timeout and a 256 MB cap by default", () => {
    const { dir } = jobsFixture()
    const [job] = jobFor(dir, "http://127.0.0.1:1/claims.ndjson").jobs
    expect(job).toMatchObject({ timeoutMs: DEFAULT_URL_TIMEOUT_MS, source: { maxBytes: DEFAULT_MAX_BYTES, redirects: "same-origin" } })
    expect(DEFAULT_URL_TIMEOUT_MS).toBe(600_000)
    expect(DEFAULT_MAX_BYTES).toBe(256 * 1024 * 1024)
    const folder = configIn(dir, "jobs:\n  - { name: f, schedule: every 1m, from: { dir: inbox } }\n")
    expect(folder.jobs[0]!.timeoutMs).toBeNull()
  })

  it("read max_bytes as bytes or with a unit, and refuse it on a job that is not a URL job", () => {
    const { dir } = jobsFixture()
    expect(jobFor(dir, "http://127.0.0.1:1/c.ndjson", ", max_bytes: 2MB").jobs[0]!.source).toMatchObject({ maxBytes: 2 * 1024 * 1024 })
    expect(jobFor(dir, "http://127.0.0.1:1/c.ndjson", ", max_bytes: 1000, redirects: any").jobs[0]!.source).toMatchObject({ maxBytes: 1000, redirects: "any" })
    expect(() => configIn(dir, "jobs:\n  - { name: f, schedule: every 1m, from: { dir: inbox }, max_bytes: 1MB }\n")).toThrow('job "f": field "max_bytes": applies to url jobs only')
    expect(() => jobFor(dir, "http://127.0.0.1:1/c.ndjson", ", max_bytes: lots")).toThrow(/field "max_bytes": must be a size/)
  })

  it("end a server that drips one byte a second at the run's timeout", async () => {
    const { dir, db } = jobsFixture()
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" })
      const timer = setInterval(() => res.write("{"), 1000)
      res.on("close", () => clearInterval(timer))
    })
    const r = await runOnce(db, jobFor(dir, `${base}/claims.ndjson`, ", timeout: 1500ms"), "web")
    expect(r).toMatchObject({ outcome: "timed-out", error: expect.stringMatching(/^timed out after/), tally: { read: 0 } })
  })

  it("stop a body over max_bytes while it streams, once, leaving no temp file", async () => {
    const { dir, db } = jobsFixture()
    const temps = fetchTemps()
    const chunked = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" }) // no Content-Length: only counting can stop it
      for (let i = 0; i < 50; i++) res.write(body(100))
      res.end()
    })
    const r = await runOnce(db, jobFor(dir, `${chunked.base}/claims.ndjson`, ", max_bytes: 64KB"), "web")
    expect(r).toMatchObject({ outcome: "failed", attempts: 1, error: "the body is larger than max_bytes (65536 bytes after decompression)", tally: { read: 0 } })
    expect(chunked.requests).toHaveLength(1)
    expect(fetchTemps()).toBe(temps)
    const declared = await serve((_req, res) => {
      const text = body(2000)
      res.writeHead(200, { "content-type": "application/x-ndjson", "content-length": String(Buffer.byteLength(text)) })
      res.end(text)
    })
    const d = await runOnce(db, jobFor(dir, `${declared.base}/claims.ndjson`, ", max_bytes: 64KB"), "web")
    expect(d).toMatchObject({ outcome: "failed", attempts: 1, error: expect.stringMatching(/^the body is larger than max_bytes \(Content-Length \d+ > 65536\)$/) })
  })

  it("count a gzip body after decompression, whether Content-Encoding or a .gz feed", async () => {
    const { dir, db } = jobsFixture()
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)) // 8 MB of spaces: 8 KB on the wire
    const encoded = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson", "content-encoding": "gzip", "content-length": String(bomb.length) })
      res.end(bomb)
    })
    expect(await runOnce(db, jobFor(dir, `${encoded.base}/claims.ndjson`, ", max_bytes: 1MB"), "web"))
      .toMatchObject({ outcome: "failed", attempts: 1, error: "the body is larger than max_bytes (1048576 bytes after decompression)" })
    const feed = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/gzip" })
      res.end(bomb)
    })
    expect(await runOnce(db, jobFor(dir, `${feed.base}/claims.ndjson.gz`, ", max_bytes: 1MB"), "web"))
      .toMatchObject({ outcome: "failed", attempts: 1, error: "the body is larger than max_bytes (1048576 bytes after decompression)" })
  })

  it("still ingest a .gz feed under the cap (stored decompressed)", async () => {
    const { dir, db } = jobsFixture()
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/gzip" })
      res.end(gzipSync(body(3)))
    })
    expect(await runOnce(db, jobFor(dir, `${base}/claims.ndjson.gz`), "web")).toMatchObject({ outcome: "ok", tally: { read: 3, inserted: 3 } })
  })
})

describe("URL jobs: redirects", () => {
  const redirectingTo = (target: string) => serve((req, res) => {
    if (req.url === "/moved.ndjson") {
      res.writeHead(302, { location: target })
      res.end()
    } else {
      res.writeHead(200, { "content-type": "application/x-ndjson" })
      res.end(body(2))
    }
  })

  it("follow a redirect on the same origin", async () => {
    const { dir, db } = jobsFixture()
    const server = await redirectingTo("/claims.ndjson")
    expect(await runOnce(db, jobFor(dir, `${server.base}/moved.ndjson`), "web")).toMatchObject({ outcome: "ok", tally: { inserted: 2 } })
    expect(server.requests).toEqual(["/moved.ndjson", "/claims.ndjson"])
  })

  it("refuse a redirect to another host or port (not retried), unless the job says redirects: any", async () => {
    const { dir, db } = jobsFixture()
    const other = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" })
      res.end(body(2))
    })
    const server = await redirectingTo(`${other.base}/claims.ndjson`)
    const refused = await runOnce(db, jobFor(dir, `${server.base}/moved.ndjson`), "web")
    expect(refused).toMatchObject({
      outcome: "failed", attempts: 1, tally: { read: 0 },
      error: `redirect to another origin refused: ${server.base}/moved.ndjson → ${other.base}/claims.ndjson (the job allows it with redirects: any)`,
    })
    expect(other.requests).toEqual([])
    expect(await runOnce(db, jobFor(dir, `${server.base}/moved.ndjson`, ", redirects: any"), "web")).toMatchObject({ outcome: "ok", tally: { inserted: 2 } })
    expect(other.requests).toEqual(["/claims.ndjson"])
  })

  it("report a redirect loop as a failure of its own, not a connection error to retry", async () => {
    const { dir, db } = jobsFixture()
    const server = await serve((req, res) => {
      res.writeHead(302, { location: req.url === "/a.ndjson" ? "/b.ndjson" : "/a.ndjson" })
      res.end()
    })
    const r = await runOnce(db, jobFor(dir, `${server.base}/a.ndjson`), "web")
    expect(r).toMatchObject({ outcome: "failed", attempts: 1, error: `redirect loop: ${server.base}/a.ndjson → ${server.base}/b.ndjson → ${server.base}/a.ndjson` })
    expect(server.requests).toEqual(["/a.ndjson", "/b.ndjson"])
    expect(query(db, "SELECT outcome, attempts FROM job_runs")).toEqual([{ outcome: "failed", attempts: 1 }])
  })

  it("stop after too many redirects", async () => {
    const { dir, db } = jobsFixture()
    const server = await serve((req, res) => {
      const n = Number(/\d+/.exec(req.url ?? "")?.[0] ?? 0)
      res.writeHead(301, { location: `/r${n + 1}.ndjson` })
      res.end()
    })
    expect(await runOnce(db, jobFor(dir, `${server.base}/r0.ndjson`), "web")).toMatchObject({ outcome: "failed", attempts: 1, error: expect.stringMatching(/^more than 10 redirects/) })
    expect(server.requests).toHaveLength(11)
  })
})

describe("isTransient, the one place that decides what is retried", () => {
  const e = (failure: FetchError["failure"], status: number | null = null) => new FetchError({ url: "u", message: "m", status, failure })
  it("retries connection failures, broken downloads and try-later statuses only", () => {
    expect([e("connect"), e("interrupted"), e("status", 503), e("status", 429), e("status", 408)].map(isTransient)).toEqual([true, true, true, true, true])
    expect([e("status", 404), e("redirect", 302), e("too-large"), e("format"), e("corrupt")].map(isTransient)).toEqual([false, false, false, false, false])
  })
})
