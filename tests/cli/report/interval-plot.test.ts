import { fc, test } from "@fast-check/vitest"
import { beforeAll, describe, expect, it } from "vitest"
import type { FigureClaim } from "../../../src/domain/figure.js"
import { makeH } from "../../../src/cli/report/dom.js"
import { intervalPlot } from "../../../src/cli/report/interval-plot.js"
import { loadRenderLibs, type RenderLibs } from "../../../src/cli/report/render-libs.js"
import type { FigureRecord } from "../../../src/cli/report/report-data.js"
import { BAND_COLOUR, ROLE_COLOURS, ROLES } from "../../../src/cli/report/role-colours.js"

let libs: RenderLibs
beforeAll(async () => {
  libs = await loadRenderLibs()
})

interface El {
  querySelectorAll(s: string): ArrayLike<El>
  querySelector(s: string): El | null
  getAttribute(n: string): string | null
  readonly parentNode: El
}

const figureOf = (claims: FigureClaim[], range: FigureRecord["range"], best: number | null): FigureRecord => ({
  event: "e", metric: "m", scope: {}, at: null, status: "consistent", range, best, direct: null, implied: null,
  voices: claims.length, claims, conflicts: [], heuristic: null,
})

const claimArb = fc.record({
  lo: fc.integer({ min: 0, max: 1000 }),
  width: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  role: fc.constantFrom(...ROLES),
  source: fc.string({ minLength: 1, maxLength: 30 }),
})

const draw = (f: FigureRecord) => {
  const doc = libs.newDocument()
  const el = intervalPlot(libs, doc, makeH(doc), f) as unknown as El
  const domain = el.getAttribute("data-x-domain")!.split(",").map(Number)
  const range = el.getAttribute("data-x-range")!.split(",").map(Number)
  const x = (v: number) => range[0]! + ((v - domain[0]!) / (domain[1]! - domain[0]!)) * (range[1]! - range[0]!)
  return { el, domain, x }
}

const num = (e: El, a: string) => Number(e.getAttribute(a))

describe("the interval plot", () => {
  test.prop([fc.array(claimArb, { minLength: 1, maxLength: 8 }), fc.option(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.option(fc.integer({ min: 0, max: 500 }), { nil: null })), { nil: null })], { numRuns: 40 })(
    "one bar per claim from lo to hi in its role's colour, an arrow per open end, the band over the consensus range",
    (specs, rangeSpec) => {
      const claims: FigureClaim[] = specs.map((s, i) => ({
        id: `c-${i}`, source: s.source, via: [], value: String(s.lo), lo: s.lo, hi: s.width === null ? null : s.lo + s.width,
        certainty: "asserted", role: s.role, weight: 1, at: null, stated: null,
      }))
      const range = rangeSpec === null ? null : { lo: rangeSpec[0], hi: rangeSpec[1] === null ? null : rangeSpec[0] + rangeSpec[1] }
      const { el, domain, x } = draw(figureOf(claims, range, null))
      // Point values and ranges are drawn by two marks: bars are matched to claims by their labels.
      const bars = Array.from(el.querySelectorAll("rect[aria-label^='claim ']"))
      expect(bars.map((b) => b.getAttribute("aria-label")).sort()).toEqual(claims.map((c) => `claim ${c.id} ${c.role}`).sort())
      claims.forEach((c) => {
        const bar = bars.find((b) => b.getAttribute("aria-label") === `claim ${c.id} ${c.role}`)!
        expect(bar.getAttribute("fill")).toBe(ROLE_COLOURS[c.role as keyof typeof ROLE_COLOURS])
        const left = num(bar, "x")
        const right = left + num(bar, "width")
        if (c.hi !== null && c.hi === c.lo) {
          expect((left + right) / 2).toBeCloseTo(x(c.lo!), 6)
          expect(right - left).toBeGreaterThan(0)
        } else {
          expect(left).toBeCloseTo(x(c.lo!), 6)
          if (c.hi !== null) expect(right).toBeCloseTo(x(c.hi), 6)
          else expect(right).toBeLessThan(x(domain[1]!))
        }
      })
      const arrows = Array.from(el.querySelectorAll("[aria-label$=' open above']")).map((a) => a.getAttribute("aria-label"))
      expect(arrows).toEqual(claims.filter((c) => c.hi === null).map((c) => `claim ${c.id} ${c.role} open above`))
      const band = el.querySelector("rect[aria-label^='consensus range']")
      if (range === null) {
        expect(band).toBeNull()
      } else {
        expect(band!.parentNode.getAttribute("fill")).toBe(BAND_COLOUR)
        expect(num(band!, "x")).toBeCloseTo(x(range.lo!), 6)
        expect(num(band!, "x") + num(band!, "width")).toBeCloseTo(x(range.hi ?? domain[1]!), 6)
      }
    })

  it("draws the best estimate as a line at its value, and a tie's candidates dashed", () => {
    const claim: FigureClaim = { id: "a", source: "s", via: [], value: "10 to 20", lo: 10, hi: 20, certainty: "asserted", role: "support", weight: 1, at: null, stated: null }
    const { el, x } = draw(figureOf([claim], { lo: 10, hi: 20 }, 14))
    const best = el.querySelector("line[aria-label='best estimate 14']")!
    expect(num(best, "x1")).toBeCloseTo(x(14), 6)
    const tie = draw({ ...figureOf([claim], { lo: 10, hi: 20 }, null), best_candidates: [12, 18] } as FigureRecord)
    const candidates = Array.from(tie.el.querySelectorAll("line[aria-label^='best candidate']"))
    expect(candidates.map((l) => l.getAttribute("aria-label"))).toEqual(["best candidate 12", "best candidate 18"])
    expect(num(candidates[0]!, "x1")).toBeCloseTo(tie.x(12), 6)
    expect(num(candidates[1]!, "x1")).toBeCloseTo(tie.x(18), 6)
    expect(candidates[0]!.parentNode.getAttribute("stroke-dasharray")).toBe("6,4")
  })

  it("labels each row with the claim's source and wording, as text", () => {
    const claim: FigureClaim = { id: "a", source: "<script>alert(1)</script>", via: [], value: "41", lo: 41, hi: 41, certainty: "asserted", role: "contested", weight: 1, at: null, stated: null }
    const { el } = draw(figureOf([claim], { lo: 41, hi: 53 }, null))
    const labels = Array.from(el.querySelectorAll("g[aria-label='y-axis tick label'] text")).map((t) => (t as unknown as { textContent: string }).textContent)
    expect(labels).toContain("<script>alert(1)</script> · 41")
    expect(el.querySelectorAll("script").length).toBe(0)
  })
})
