import type { DomDocument, DomElement, H } from "./dom.js"
import { PLOT_WIDTH } from "./interval-plot.js"
import type { RenderLibs } from "./render-libs.js"
import type { Tally, TallyClaim } from "./report-data.js"
import { BAND_COLOUR, BEST_COLOUR, sourceColour } from "./role-colours.js"

/**
 * Above this many claims the tally draws each source as a line only: a dot (with its tooltip) per
 * claim of a 1,600-day tally would make each page megabytes of SVG for nothing one can point at.
 */
export const TALLY_DOT_LIMIT = 400

const day = (at: string): Date => new Date(at.length === 10 ? `${at}T00:00:00Z` : at)

/** The value a claim is drawn at: its lower bound (a tally's floor), else its upper. */
const level = (c: TallyClaim): number | null => c.lo ?? c.hi

/**
 * The tally of a cumulative cell over time (SPEC §9): each source's claims along `at` (a step line
 * per source through its values, a vertical bar where a claim is a range, a dot per claim — a
 * triangle where it is open above — when there are not too many), the consensus range as a band
 * and the best estimate as a line along the sampled dates.
 */
export const tallyPlot = (libs: RenderLibs, doc: DomDocument, h: H, tally: Tally, metric: string): DomElement => {
  const { Plot } = libs
  const claims = [...tally.claims].filter((c) => level(c) !== null).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  const sources = [...new Set(claims.map((c) => c.source))].sort()
  const values = [...claims.flatMap((c) => [c.lo, c.hi]), ...tally.band.flatMap((p) => [p.lo, p.hi, p.best])]
    .filter((x): x is number => x !== null && Number.isFinite(x))
  const top = values.length === 0 ? 1 : Math.max(...values) * 1.05 || 1
  const band = tally.band.filter((p) => p.lo !== null || p.hi !== null)
    .map((p) => ({ at: day(p.at), lo: p.lo ?? 0, hi: p.hi ?? top }))
  const best = tally.band.filter((p) => p.best !== null).map((p) => ({ at: day(p.at), best: p.best }))
  const points = claims.map((c) => ({
    at: day(c.at), y: level(c), lo: c.lo, hi: c.hi, source: c.source,
    title: `${c.id}: ${c.source}, "${c.value}" at ${c.at}`,
  }))
  const svg = Plot.plot({
    document: doc as never,
    width: PLOT_WIDTH,
    style: { fontSize: "12px" },
    height: 320,
    marginLeft: 60,
    x: { type: "utc", label: "at" },
    y: { label: metric, grid: true, domain: [0, top], nice: true },
    color: { type: "ordinal", domain: sources, range: sources.map((_, i) => sourceColour(i)) },
    marks: [
      Plot.areaY(band, { x: "at", y1: "lo", y2: "hi", fill: BAND_COLOUR, fillOpacity: 0.45, curve: "linear", ariaDescription: "consensus range along at" }),
      Plot.line(best, { x: "at", y: "best", stroke: BEST_COLOUR, strokeWidth: 1.5, curve: "linear", ariaDescription: "best estimate along at" }),
      Plot.line(points, { x: "at", y: "y", z: "source", stroke: "source", strokeWidth: 1.5, curve: "step-after", ariaDescription: "claims of each source" }),
      Plot.ruleX(points.filter((p) => p.lo !== null && p.hi !== null && p.lo < p.hi), { x: "at", y1: "lo", y2: "hi", stroke: "source", strokeWidth: 2, title: "title" }),
      ...(points.length <= TALLY_DOT_LIMIT
        ? [Plot.dot(points, { x: "at", y: "y", stroke: "source", fill: "white", r: 2.5, symbol: (p: { hi: number | null }) => (p.hi === null ? "triangle" : "circle"), title: "title" })]
        : []),
    ],
  }) as unknown as DomElement
  const legend = h("ul", { class: "legend", "aria-label": "sources" },
    sources.map((s, i) => h("li", null, h("span", { class: "swatch", style: `background:${sourceColour(i)}` }), s)),
    h("li", null, h("span", { class: "swatch band", style: `background:${BAND_COLOUR}` }), `consensus range (${tally.band.length} dates)`),
    h("li", null, h("span", { class: "swatch line", style: `background:${BEST_COLOUR}` }), "best estimate"))
  return h("div", { class: "tally-plot" }, svg, legend)
}
