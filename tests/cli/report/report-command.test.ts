import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { JSDOM } from "jsdom"
import { describe, expect, it } from "vitest"
import { figureAnchor } from "../../../src/cli/report/links.js"
import { looksLikeStackTrace, runCli } from "../../support/run-cli.js"
import { tempDir } from "../../support/temp-dir.js"
import { hostileLedger, IMG_QUOTE, SCRIPT_QUOTE, spiderWebLedger, TALLY_CLAIMS } from "./report-fixtures.js"

interface El {
  querySelectorAll(s: string): ArrayLike<El>
  querySelector(s: string): El | null
  getAttribute(n: string): string | null
  readonly textContent: string
  readonly id: string
}

const report = (db: string, ...args: string[]) => {
  const out = path.join(tempDir("reckon-report-"), "figures.html")
  const r = runCli(["report", "--out", out, "--db", db, ...args])
  expect(r.stderr).not.toSatisfy(looksLikeStackTrace)
  expect(r.code).toBe(0)
  const html = fs.readFileSync(out, "utf8")
  return { r, html, doc: new JSDOM(html).window.document as unknown as El & { head: El; body: El } }
}

const json = <T>(db: string, ...args: string[]): T => {
  const r = runCli([...args, "--db", db, "--format", "json"])
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as T
}

type FigureJson = { event: string; metric: string; scope: Record<string, string>; status: string; claims: { id: string; role: string }[] }

describe("reckon report", () => {
  it("writes one self-contained file: a section per figure with its claims, the conflicts, the sources", () => {
    const db = spiderWebLedger()
    const { r, html, doc } = report(db, "--event", "spider-web")
    const figures = json<FigureJson[]>(db, "figures", "--event", "spider-web")
    const conflicts = json<unknown[]>(db, "conflicts", "--event", "spider-web")
    const sources = json<unknown[]>(db, "sources")
    expect(r.stderr).toContain(`${figures.length} figures`)
    expect(doc.querySelectorAll("#figure-table tbody tr").length).toBe(figures.length)
    // Conflicts first.
    const statuses = Array.from(doc.querySelectorAll("#figure-table tbody tr")).map((tr) => tr.getAttribute("data-status"))
    expect(statuses.lastIndexOf("conflict")).toBeLessThan(statuses.findIndex((s) => s !== "conflict"))
    for (const f of figures) {
      const section = doc.querySelector(`section[id="${figureAnchor(f)}"]`)!
      expect(section, `${f.metric} ${JSON.stringify(f.scope)}`).not.toBeNull()
      expect(Array.from(section.querySelectorAll("table.claims tbody tr")).map((tr) => [tr.getAttribute("data-claim"), tr.getAttribute("data-role")]))
        .toEqual(f.claims.map((c) => [c.id, c.role]))
      expect(section.querySelectorAll("ol.explanation li").length).toBeGreaterThan(0)
      // The index links to the section.
      expect(doc.querySelector(`#figure-table a[href="#${figureAnchor(f)}"]`)).not.toBeNull()
    }
    expect(doc.querySelectorAll("#conflict-table tbody tr").length).toBe(conflicts.length)
    expect(doc.querySelectorAll("#source-table tbody tr").length).toBe(sources.length)
    // Nothing to load from anywhere: no external scripts, styles, images or frames, and a CSP that forbids them.
    expect(doc.querySelectorAll("script[src], link, img, iframe, object, embed").length).toBe(0)
    const scripts = Array.from(doc.querySelectorAll("script"))
    expect(scripts.length).toBe(1)
    const csp = doc.querySelector("meta[http-equiv='Content-Security-Policy']")!.getAttribute("content")!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain(`'sha256-${createHash("sha256").update(scripts[0]!.textContent).digest("base64")}'`)
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!fakti\.bg)/)
  })

  it("filters by event and metric, and shows a tally over time for a figure with a valid time", () => {
    const db = hostileLedger()
    const { doc } = report(db, "--event", "war", "--metric", "tanks")
    expect(doc.querySelectorAll("#figure-table tbody tr").length).toBe(1)
    const section = doc.querySelector(`section[id="${figureAnchor({ event: "war", metric: "tanks", scope: {} })}"]`)!
    const tally = section.querySelector(".tally-plot")!
    expect(tally.querySelectorAll("[aria-label='dot'] path, [aria-label='dot'] circle").length).toBe(TALLY_CLAIMS)
    expect(tally.querySelector("g[aria-description='consensus range along at'] path")).not.toBeNull()
    expect(tally.querySelector("g[aria-description='best estimate along at'] path")).not.toBeNull()
    expect(Array.from(tally.querySelectorAll("ul.legend li")).map((li) => li.textContent)).toEqual(
      expect.arrayContaining(["general-staff", "oryx"]))
  })

  it("keeps every string from the data as text: quotes, names, titles, URLs", () => {
    const db = hostileLedger()
    const { html, doc } = report(db)
    const quotes = Array.from(doc.querySelectorAll("blockquote")).map((b) => b.textContent)
    expect(quotes).toEqual(expect.arrayContaining([IMG_QUOTE, SCRIPT_QUOTE, "\"up to 13\" & <b>more</b>"]))
    expect(doc.querySelectorAll("img, b, blockquote script").length).toBe(0)
    expect(doc.querySelectorAll("script").length).toBe(1)
    expect(html).not.toContain("<img")
    // A javascript: URL is shown, never linked; an http(s) one is linked with its & intact.
    expect(doc.querySelector("a[href^='javascript']")).toBeNull()
    expect(Array.from(doc.querySelectorAll(".url")).map((u) => u.textContent)).toContain("javascript:alert(3)")
    expect(doc.querySelector("a[href='https://example.org/a?x=1&lt=2']")).not.toBeNull()
    expect(Array.from(doc.querySelectorAll("#source-table td")).map((td) => td.textContent)).toContain("<img src=x onerror=alert('source')>")
  })

  it("a missing ledger is a usage error and writes nothing; so is a folder that does not exist", () => {
    const dir = tempDir()
    const out = path.join(dir, "figures.html")
    const missing = runCli(["report", "--out", out, "--db", path.join(dir, "none.db")])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split("\n")).toEqual([`reckon: no ledger at ${path.join(dir, "none.db")} (reckon ingest DATASET --db ${path.join(dir, "none.db")} makes one)`])
    expect(fs.existsSync(out)).toBe(false)
    expect(fs.existsSync(path.join(dir, "none.db"))).toBe(false)
    const db = hostileLedger()
    const badOut = runCli(["report", "--out", path.join(dir, "no", "such", "folder.html"), "--db", db])
    expect(badOut.code).toBe(2)
    expect(badOut.stderr).toMatch(/^reckon: cannot write .*folder\.html: ENOENT\n$/)
  })
})
