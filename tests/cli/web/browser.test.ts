import * as fs from "node:fs"
import * as path from "node:path"
import { type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { figureAnchor } from "../../../src/cli/report/links.js"
import { BAND_COLOUR, ROLE_COLOURS } from "../../../src/cli/report/role-colours.js"
import { fileScopedDir, hostileLedger, IMG_QUOTE, SCRIPT_QUOTE, spiderWebLedger } from "../report/report-fixtures.js"
import { runCli } from "../../support/run-cli.js"
import { startWeb, type WebServer } from "./web-server.js"

const CHROMIUM = "/usr/bin/chromium"
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM)
const ARTIFACTS = path.resolve(import.meta.dirname, "../../artifacts")
/** The README's screenshot, rewritten from this run with RECKON_UPDATE_DOCS=1. */
const DOCS_SCREENSHOT = path.resolve(import.meta.dirname, "../../../docs/figure-page.png")

interface FigureJson {
  readonly range: { lo: number | null; hi: number | null } | null
  readonly claims: readonly { id: string; role: keyof typeof ROLE_COLOURS; source: string }[]
}

const scratch = fileScopedDir()
let context: BrowserContext
let spiderDb: string
let spiderReport: string
let hostileReport: string
let spiderWeb: WebServer
let hostileWeb: WebServer
const requests: string[] = []
const dialogs: string[] = []
const pageErrors: string[] = []

const writeReport = (db: string, name: string, ...args: string[]): string => {
  const out = path.join(scratch.dir, name)
  const r = runCli(["report", "--out", out, "--db", db, ...args])
  if (r.code !== 0) throw new Error(r.stderr)
  return out
}

/** A fresh page that fails the test on a script error, and records dialogs. */
const newPage = async (): Promise<Page> => {
  const page = await context.newPage()
  page.on("pageerror", (e) => pageErrors.push(e.message))
  page.on("dialog", (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  return page
}

describe.skipIf(!HAVE_CHROMIUM)(`in a headless browser${HAVE_CHROMIUM ? "" : ` (skipped: ${CHROMIUM} is absent; .ci/run installs Debian's chromium)`}`, () => {
  beforeAll(async () => {
    spiderDb = spiderWebLedger(scratch.dir)
    const hostileDb = hostileLedger(scratch.dir)
    spiderReport = writeReport(spiderDb, "spider-web.html", "--event", "spider-web")
    hostileReport = writeReport(hostileDb, "hostile.html")
    ;[spiderWeb, hostileWeb] = await Promise.all([startWeb(spiderDb), startWeb(hostileDb)])
    // One browser for the file, with a profile of its own.
    context = await chromium.launchPersistentContext(path.join(scratch.dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"],
    })
    context.on("request", (r) => requests.push(r.url()))
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await Promise.all([spiderWeb?.stop(), hostileWeb?.stop()])
    scratch.remove()
  })

  it("the spider-web report opens from the file with no network, conflicts first, and its filters work", async () => {
    const figures = JSON.parse(runCli(["figures", "--event", "spider-web", "--db", spiderDb, "--format", "json"]).stdout) as { status: string }[]
    const page = await newPage()
    requests.length = 0
    await page.goto(`file://${spiderReport}`)
    await expect.poll(() => page.locator("#index").isVisible()).toBe(true)
    expect(await page.locator("#figure-table tbody tr").count()).toBe(figures.length)
    expect(await page.locator("#figure-table tbody tr").first().getAttribute("data-status")).toBe("conflict")
    expect(requests.every((u) => u.startsWith("file://"))).toBe(true)
    // Only one page shows at a time.
    expect(await page.locator("section.page:visible").count()).toBe(1)
    await page.selectOption("#figure-filter select[name=status]", "consistent")
    expect(await page.locator("#figure-table tbody tr:visible").count()).toBe(figures.filter((f) => f.status === "consistent").length)
    expect(await page.locator("#figure-count").textContent()).toBe(`${figures.filter((f) => f.status === "consistent").length} of ${figures.length} figures`)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it("the aircraft.hit page: a bar for each claim in its role's colour, the consensus band at [41, 53]", async () => {
    const [hit] = (JSON.parse(runCli(["figures", "--event", "spider-web", "--metric", "aircraft.hit", "--db", spiderDb, "--format", "json"]).stdout) as (FigureJson & { scope: object })[])
      .filter((f) => Object.keys(f.scope).length === 0)
    expect(hit!.range).toEqual({ lo: 41, hi: 53 })
    const page = await newPage()
    const id = figureAnchor({ event: "spider-web", metric: "aircraft.hit", scope: {} })
    await page.goto(`file://${spiderReport}#${id}`)
    const section = page.locator(`section[id="${id}"]`)
    await expect.poll(() => section.isVisible()).toBe(true)
    expect(await page.locator("#index").isVisible()).toBe(false)
    const plot = section.locator(".interval-plot")
    for (const c of hit!.claims) {
      const bar = plot.locator(`rect[aria-label="claim ${c.id} ${c.role}"]`)
      expect(await bar.count()).toBe(1)
      expect(await bar.getAttribute("fill")).toBe(ROLE_COLOURS[c.role])
      expect((await bar.boundingBox())!.width).toBeGreaterThan(0)
    }
    expect(await plot.locator("rect[aria-label^='claim ']").count()).toBe(hit!.claims.length)
    expect(await plot.locator("text", { hasText: `${hit!.claims[0]!.source} · ` }).count()).toBe(1)
    // The band: from the value 41 to 53 on the plot's x scale, in pixels on the screen.
    const band = plot.locator("rect[aria-label='consensus range [41, 53]']")
    expect(await band.evaluate((r) => r.parentElement!.getAttribute("fill"))).toBe(BAND_COLOUR)
    const [d0, d1] = (await plot.getAttribute("data-x-domain"))!.split(",").map(Number) as [number, number]
    const [r0, r1] = (await plot.getAttribute("data-x-range"))!.split(",").map(Number) as [number, number]
    const svg = (await plot.locator("svg").boundingBox())!
    const viewBoxWidth = Number((await plot.locator("svg").getAttribute("viewBox"))!.split(" ")[2])
    const toScreen = (v: number) => svg.x + (r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) * (svg.width / viewBoxWidth)
    const box = (await band.boundingBox())!
    expect(box.x).toBeCloseTo(toScreen(41), 0)
    expect(box.x + box.width).toBeCloseTo(toScreen(53), 0)
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    await page.setViewportSize({ width: 1100, height: 1300 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: path.join(ARTIFACTS, "figure-page.png"), fullPage: true })
    expect(fs.statSync(path.join(ARTIFACTS, "figure-page.png")).size).toBeGreaterThan(10_000)
    if (process.env["RECKON_UPDATE_DOCS"] === "1") fs.copyFileSync(path.join(ARTIFACTS, "figure-page.png"), DOCS_SCREENSHOT)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it("/api/figures?event=spider-web in the browser equals reckon figures --event spider-web --format json", async () => {
    const page = await newPage()
    const res = await page.goto(`${spiderWeb.url}/api/figures?event=spider-web`)
    expect(res!.status()).toBe(200)
    expect(await res!.text()).toBe(runCli(["figures", "--event", "spider-web", "--db", spiderDb, "--format", "json"]).stdout)
    await page.close()
  })

  it("the dialog check sees a dialog when markup does run (so its silence below means something)", async () => {
    const page = await newPage()
    dialogs.length = 0
    await page.setContent(IMG_QUOTE)
    await expect.poll(() => dialogs.length).toBe(1)
    dialogs.length = 0
    await page.close()
  })

  it.each(["web", "report"] as const)("in the %s, a quote holding <img src=x onerror=alert(1)> is text: no image, no dialog", async (where) => {
    const page = await newPage()
    dialogs.length = 0
    const url = where === "web"
      ? `${hostileWeb.url}/figure?event=strike&metric=aircraft.hit`
      : `file://${hostileReport}#${figureAnchor({ event: "strike", metric: "aircraft.hit", scope: {} })}`
    await page.goto(url, { waitUntil: "load" })
    const quote = page.locator("section.page:visible blockquote").first()
    expect(await quote.innerText()).toBe(IMG_QUOTE)
    expect(await page.locator("img").count()).toBe(0)
    // The sources page shows a source named <img …> as text too.
    await page.goto(where === "web" ? `${hostileWeb.url}/sources` : `file://${hostileReport}#sources`, { waitUntil: "load" })
    expect(await page.locator("#source-table td", { hasText: "<img src=x onerror=alert('source')>" }).count()).toBe(1)
    if (where === "web") {
      await page.goto(`${hostileWeb.url}/figure?event=strike&metric=aircraft.damaged`, { waitUntil: "load" })
      expect(await page.locator("blockquote").first().innerText()).toBe(SCRIPT_QUOTE)
    }
    expect(await page.locator("img").count()).toBe(0)
    await page.waitForTimeout(200)
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
