import { JSDOM } from "jsdom"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../../support/run-cli.js"
import { fileScopedDir, hostileLedger, spiderWebLedger, TALLY_CLAIMS } from "../report/report-fixtures.js"

interface El {
  querySelectorAll(s: string): ArrayLike<El>
  getAttribute(n: string): string | null
  readonly textContent: string
}
interface Doc extends El {
  querySelector(s: string): El | null
}
import { startWeb, type WebServer } from "./web-server.js"

const scratch = fileScopedDir()
let db: string
let web: WebServer

beforeAll(async () => {
  db = spiderWebLedger(scratch.dir)
  web = await startWeb(db)
})
afterAll(async () => {
  await web?.stop()
  scratch.remove()
})

const cli = (...args: string[]) => {
  const r = runCli([...args, "--db", db, "--format", "json"])
  expect(r.code).toBe(0)
  return r.stdout
}

const get = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${web.url}${path}`, init)
  return { status: res.status, type: res.headers.get("content-type"), headers: res.headers, body: await res.text() }
}

describe("reckon web: /api/… answers with the CLI's JSON, byte for byte, filters as parameters", () => {
  it.each([
    ["/api/figures?event=spider-web", ["figures", "--event", "spider-web"]],
    ["/api/figures", ["figures"]],
    ["/api/figures?event=spider-web&metric=aircraft.destroyed&scope=location=belaya&scope=type=Tu-95", ["figures", "--event", "spider-web", "--metric", "aircraft.destroyed", "--scope", "location=belaya", "--scope", "type=Tu-95"]],
    ["/api/figures?event=spider-web&status=conflict", ["figures", "--event", "spider-web", "--status", "conflict"]],
    ["/api/figures?event=spider-web&as-of=2025-06-04", ["figures", "--event", "spider-web", "--as-of", "2025-06-04"]],
    ["/api/figures?event=nothing-of-the-kind", ["figures", "--event", "nothing-of-the-kind"]],
    ["/api/conflicts?event=spider-web", ["conflicts", "--event", "spider-web"]],
    ["/api/conflicts?event=spider-web&metric=aircraft.hit", ["conflicts", "--event", "spider-web", "--metric", "aircraft.hit"]],
    ["/api/claims?event=spider-web&source=sbu&limit=3", ["claims", "--event", "spider-web", "--source", "sbu", "--limit", "3"]],
    ["/api/claims?metric=aircraft.destroyed&scope=location=olenya&scope=type=Tu-95MS", ["claims", "--metric", "aircraft.destroyed", "--scope", "location=olenya", "--scope", "type=Tu-95MS"]],
    ["/api/sources", ["sources"]],
    ["/api/sources?copies=true", ["sources", "--copies"]],
  ])("%s", async (path, args) => {
    const r = await get(path)
    expect(r.status).toBe(200)
    expect(r.type).toBe("application/json; charset=utf-8")
    expect(r.body).toBe(cli(...args))
  })

  it.each([
    ["/api/figures?bogus=1", "unknown parameter bogus (known: event, metric, scope, at, as-of, status)"],
    ["/api/figures?at=yesterday", "--at yesterday: expected an ISO date (YYYY-MM-DD) or datetime"],
    ["/api/figures?status=fine", "status fine: expected one of conflict, single-source, consistent, derived, no-data"],
    ["/api/figures?event=a&event=b", "parameter event given twice"],
    ["/api/figures?scope=location", "--scope location: expected dim=value"],
    ["/api/conflicts?status=conflict", "unknown parameter status (known: event, metric, scope, at, as-of)"],
    ["/api/claims?limit=-1", "limit -1: expected a whole number"],
    ["/api/sources?copies=maybe", "copies maybe: expected true or false"],
  ])("%s is a bad request with its one-line reason", async (path, reason) => {
    const r = await get(path)
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toEqual({ error: reason })
  })
})

describe("reckon web: the pages", () => {
  it("serves the index, a figure, conflicts and sources as HTML with a strict CSP", async () => {
    for (const path of ["/", "/?status=conflict&event=spider-web", "/figure?event=spider-web&metric=aircraft.hit", "/conflicts?event=spider-web", "/sources"]) {
      const r = await get(path)
      expect(r.status, path).toBe(200)
      expect(r.type).toBe("text/html; charset=utf-8")
      expect(r.headers.get("content-security-policy")).toContain("default-src 'none'")
      expect(r.headers.get("x-content-type-options")).toBe("nosniff")
      expect(r.body.startsWith("<!doctype html>")).toBe(true)
    }
    const index = await get("/?status=conflict&event=spider-web")
    const conflicts = JSON.parse(cli("figures", "--event", "spider-web", "--status", "conflict")) as unknown[]
    expect(index.body.match(/<tr data-event=/g)?.length).toBe(conflicts.length)
  })

  it("names what is wrong: an unknown page or figure is 404, a bad parameter 400, a write 405", async () => {
    expect((await get("/nothing")).status).toBe(404)
    expect((await get("/api/nothing")).status).toBe(404)
    const figure = await get("/figure?event=spider-web&metric=aircraft.unknown")
    expect(figure.status).toBe(404)
    expect(figure.body).toContain("The ledger has no figure for aircraft.unknown of spider-web")
    expect((await get("/figure?event=spider-web")).status).toBe(400)
    expect((await get("/figure?event=spider-web&metric=aircraft.hit&at=soon")).status).toBe(400)
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const r = await get("/api/figures", { method })
      expect(r.status).toBe(405)
      expect(r.headers.get("allow")).toBe("GET, HEAD")
    }
    const head = await fetch(`${web.url}/api/sources`, { method: "HEAD" })
    expect(head.status).toBe(200)
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(cli("sources")))
  })
})

describe("reckon web: a tally's page at a valid time, and links between pages", () => {
  it("/figure?…&at=T shows the figure at T with the tally; the conflicts page links to each conflict's figure", async () => {
    const hostileDb = hostileLedger()
    const server = await startWeb(hostileDb)
    try {
      const page = async (p: string) => {
        const res = await fetch(`${server.url}${p}`)
        expect(res.status, p).toBe(200)
        return new JSDOM(await res.text()).window.document as unknown as Doc
      }
      const [atMarch] = JSON.parse(runCli(["figures", "--event", "war", "--metric", "tanks", "--at", "2024-03-01", "--db", hostileDb, "--format", "json"]).stdout) as { claims: { id: string }[] }[]
      const doc = await page("/figure?event=war&metric=tanks&at=2024-03-01")
      expect(doc.querySelector("h1")!.textContent).toBe("tanks · war at 2024-03-01")
      expect(Array.from(doc.querySelectorAll("table.claims tbody tr")).map((tr) => tr.getAttribute("data-claim"))).toEqual(atMarch!.claims.map((c) => c.id))
      expect(doc.querySelectorAll(".tally-plot [aria-label='dot'] path").length).toBe(TALLY_CLAIMS)
      const conflicts = JSON.parse(runCli(["conflicts", "--db", hostileDb, "--format", "json"]).stdout) as { metric: string }[]
      expect(conflicts.length).toBeGreaterThan(0)
      const links = Array.from((await page("/conflicts")).querySelectorAll("#conflict-table tbody a")).map((a) => a.getAttribute("href"))
      expect(links).toEqual(conflicts.map((c) => `/figure?event=strike&metric=${c.metric}`))
      for (const href of links) expect((await fetch(`${server.url}${href}`)).status).toBe(200)
      // The index's rows link to the figure pages too, and its filter is a plain GET form.
      const index = await page("/?event=war")
      expect(Array.from(index.querySelectorAll("#figure-table tbody a")).map((a) => a.getAttribute("href"))).toEqual(["/figure?event=war&metric=tanks&at=2024-05-01"])
      expect(index.querySelector("#figure-filter")!.getAttribute("method")).toBe("get")
    } finally {
      await server.stop()
    }
  })
})

describe("reckon web: starting and stopping", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("%s stops it cleanly: exit 0, the port closed", async (signal) => {
    const server = await startWeb(hostileLedger())
    expect((await fetch(`${server.url}/api/sources`)).status).toBe(200)
    expect(await server.stop(signal)).toBe(0)
    expect(server.stderr()).toContain(`reckon web: ${signal}: stopped`)
    await expect(fetch(`${server.url}/api/sources`)).rejects.toThrow()
  })

  it("a port in use or out of range, or a missing ledger, is a usage error", () => {
    const port = new URL(web.url).port
    const inUse = runCli(["web", "--port", port, "--db", db])
    expect(inUse.code).toBe(2)
    expect(inUse.stderr).toBe(`reckon: cannot listen on 127.0.0.1:${port}: the port is in use\n`)
    expect(runCli(["web", "--port", "70000", "--db", db]).stderr).toBe("reckon: --port 70000: expected 0 to 65535\n")
    expect(runCli(["web", "--db", `${db}.missing`]).code).toBe(2)
  })
})
