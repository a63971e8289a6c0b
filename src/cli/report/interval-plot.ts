import type { FigureClaim } from "../../domain/figure.js"
import { rangeText } from "../output.js"
import type { DomDocument, DomElement, H } from "./dom.js"
import type { RenderLibs } from "./render-libs.js"
import type { FigureRecord } from "./report-data.js"
import { BAND_COLOUR, BEST_COLOUR, ROLE_COLOURS, ROLES } from "./role-colours.js"

/** Width of the plots, in CSS pixels (they scale down on a narrow screen). */
export const PLOT_WIDTH = 760
const ROW_HEIGHT = 30
/** A bar for a point value (lo = hi) is drawn this many pixels wide, so that it can be seen. */
const POINT_HALF_WIDTH = 2.5
const LABEL_CHARS = 42

/** The best estimates a figure names: its best, or the candidates of a tie (`best_candidates`, when the engine gives them). */
export const bestCandidates = (f: FigureRecord): number[] => {
  if (f.best !== null) return [f.best]
  const c = (f as { readonly best_candidates?: unknown }).best_candidates
  return Array.isArray(c) ? c.filter((x): x is number => typeof x === "number" && Number.isFinite(x)) : []
}

const short = (s: string): string => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s)

/** How a claim's row is labelled: its source and its own wording. */
export const claimLabel = (c: FigureClaim): string => short(`${c.source} · ${c.value}`)

interface Row {
  readonly key: string
  readonly label: string
  readonly lo: number | null
  readonly hi: number | null
  readonly role: string | null
  readonly title: string
  readonly aria: string
}

const finite = (xs: readonly (number | null | undefined)[]): number[] => xs.filter((x): x is number => typeof x === "number" && Number.isFinite(x))

/**
 * The x extent of the plot: every finite bound of the claims, the ranges and the best, padded, with
 * room on a side where something is unbounded so that its arrow can be seen.
 */
const xDomain = (f: FigureRecord, rows: readonly Row[]): [number, number] => {
  const xs = finite([...rows.flatMap((r) => [r.lo, r.hi]), f.range?.lo, f.range?.hi, ...bestCandidates(f)])
  if (xs.length === 0) return [0, 1]
  let lo = Math.min(...xs)
  let hi = Math.max(...xs)
  const pad = Math.max((hi - lo) * 0.06, Math.abs(hi) * 0.02, 0.5)
  const openLo = rows.some((r) => r.lo === null) || (f.range !== null && f.range.lo === null)
  const openHi = rows.some((r) => r.hi === null) || (f.range !== null && f.range.hi === null)
  lo -= openLo ? pad * 4 : pad
  hi += openHi ? pad * 4 : pad
  return [lo, hi]
}

/**
 * The interval plot of a figure (SPEC §9): every claim a horizontal bar from lo to hi, an arrow
 * where it is open, coloured by its role and labelled with its source; the cell's direct and
 * implied ranges as outlined rows; the consensus range as a shaded band and the best estimate as
 * a line. Drawn by Observable Plot into static SVG; the wrapper carries the x scale
 * (`data-x-domain`, `data-x-range`) so that a reader (or a test) can map values to pixels.
 */
export const intervalPlot = (libs: RenderLibs, doc: DomDocument, h: H, f: FigureRecord): DomElement => {
  const { Plot } = libs
  const rows: Row[] = f.claims.map((c, i) => ({
    key: `c${i}`, label: claimLabel(c), lo: c.lo, hi: c.hi, role: c.role,
    title: `${c.id} (${c.role}): ${c.source}${c.via.length > 0 ? ` via ${c.via.join(" > ")}` : ""}, "${c.value}" ${rangeText(c)}`,
    aria: `claim ${c.id} ${c.role}`,
  }))
  const bounds: Row[] = [
    ...(f.direct ? [{ key: "direct", label: "direct: this cell's kept voices", ...f.direct, role: null, title: `direct ${rangeText(f.direct)}`, aria: `direct ${rangeText(f.direct)}` }] : []),
    ...(f.implied ? [{ key: "implied", label: "implied by the relations", ...f.implied, role: null, title: `implied ${rangeText(f.implied)}`, aria: `implied ${rangeText(f.implied)}` }] : []),
  ]
  const all = [...rows, ...bounds]
  const [x0, x1] = xDomain(f, all)
  // An open end: the bar stops short of the edge and an arrow in its colour runs on to the edge.
  const arrowLength = (x1 - x0) * 0.08
  const span = (r: Row) => ({ ...r, x1: r.lo ?? x0 + arrowLength, x2: r.hi ?? x1 - arrowLength })
  const point = (r: Row) => r.lo !== null && r.lo === r.hi
  const bars = rows.map(span)
  const labels = new Map(all.map((r) => [r.key, r.label]))
  const openHi = all.filter((r) => r.hi === null).map(span)
  const openLo = all.filter((r) => r.lo === null).map(span)
  const colour = (r: Row) => (r.role === null ? "#757575" : ROLE_COLOURS[r.role as keyof typeof ROLE_COLOURS] ?? "#000000")
  const band = f.range === null ? [] : [{ x1: f.range.lo ?? x0, x2: f.range.hi ?? x1 }]
  const best = bestCandidates(f)
  const svg = Plot.plot({
    document: doc as never,
    width: PLOT_WIDTH,
    style: { fontSize: "12px" },
    height: 64 + Math.max(1, all.length) * ROW_HEIGHT,
    marginLeft: Math.min(300, 14 + 6 * Math.max(8, ...all.map((r) => r.label.length))),
    marginRight: 20,
    marginBottom: 44,
    x: { domain: [x0, x1], label: f.metric, labelAnchor: "center", labelOffset: 38, grid: true },
    y: { domain: all.map((r) => r.key), tickFormat: (k: string) => labels.get(k) ?? k, label: null, padding: 0.25 },
    color: { type: "ordinal", domain: [...ROLES], range: ROLES.map((r) => ROLE_COLOURS[r]) },
    marks: [
      Plot.rectX(band, { x1: "x1", x2: "x2", fill: BAND_COLOUR, fillOpacity: 0.45, ariaLabel: () => `consensus range ${rangeText(f.range)}` }),
      Plot.barX(bars.filter((r) => !point(r)), { x1: "x1", x2: "x2", y: "key", fill: "role", title: "title", ariaLabel: "aria" }),
      Plot.barX(bars.filter(point), {
        x1: "x1", x2: "x2", y: "key", fill: "role", title: "title", ariaLabel: "aria",
        insetLeft: -POINT_HALF_WIDTH, insetRight: -POINT_HALF_WIDTH,
      }),
      Plot.barX(bounds.map(span), {
        x1: "x1", x2: "x2", y: "key", fill: "none", stroke: "#757575", strokeDasharray: "4,3",
        insetLeft: bounds.some(point) ? -POINT_HALF_WIDTH : 0, insetRight: bounds.some(point) ? -POINT_HALF_WIDTH : 0,
        title: "title", ariaLabel: "aria",
      }),
      Plot.arrow(openHi, { x1: "x2", x2: () => x1, y1: "key", y2: "key", stroke: colour, strokeWidth: 2, headLength: 10, ariaLabel: (r: Row) => `${r.aria} open above` }),
      Plot.arrow(openLo, { x1: "x1", x2: () => x0, y1: "key", y2: "key", stroke: colour, strokeWidth: 2, headLength: 10, ariaLabel: (r: Row) => `${r.aria} open below` }),
      Plot.ruleX(best, { stroke: BEST_COLOUR, strokeWidth: 2, strokeDasharray: f.best === null ? "6,4" : undefined, ariaLabel: (b: number) => `${f.best === null ? "best candidate" : "best estimate"} ${b}` }),
    ],
  }) as unknown as DomElement & { scale(name: string): { domain: number[]; range: number[] } }
  const x = svg.scale("x")
  return h("div", {
    class: "interval-plot",
    "data-x-domain": x.domain.join(","),
    "data-x-range": x.range.join(","),
  }, svg)
}

/** The colour key of the interval plot: one swatch per role. */
export const roleLegend = (h: H): DomElement =>
  h("ul", { class: "legend", "aria-label": "roles" },
    ROLES.map((r) => h("li", null, h("span", { class: "swatch", style: `background:${ROLE_COLOURS[r]}` }), r)),
    h("li", null, h("span", { class: "swatch band", style: `background:${BAND_COLOUR}` }), "consensus range"),
    h("li", null, h("span", { class: "swatch line", style: `background:${BEST_COLOUR}` }), "best estimate"))
