import * as path from "node:path"
import type { Child } from "./dom.js"
import { figureAnchor, type Links, reportLinks, webLinks } from "./links.js"
import { type PageContext, renderPage } from "./page-shell.js"
import { renderConflicts } from "./render-conflicts.js"
import { figureTitle, renderFigurePage } from "./render-figure-page.js"
import { type IndexFilter, renderIndex } from "./render-index.js"
import type { RenderLibs } from "./render-libs.js"
import { renderSources } from "./render-sources.js"
import type { FigureDetail, FigureRecord, ReportData } from "./report-data.js"
import type { ConflictRecord } from "../../query/query-conflicts.js"
import type { SourceRecord } from "../../query/query-sources.js"
import type { StoredCopyGroup } from "../../reliability/stored-reliability.js"

const filterText = (f: ReportData["filter"]): string =>
  [f.event && `event ${f.event}`, f.metric && `metric ${f.metric}`, f.status && `status ${f.status}`].filter(Boolean).join(", ")

/**
 * The report file (`reckon report`): every page in one self-contained HTML document — the index,
 * one section per figure, conflicts and sources — with styles and the one script inlined and the
 * plots as static SVG, so that it opens anywhere with no network. Sections show one at a time by
 * the URL's #fragment (CSS :target), without JavaScript.
 */
export const renderReport = (libs: RenderLibs, data: ReportData): string => {
  const links = reportLinks(data.figures)
  const filter = filterText(data.filter)
  return renderPage(libs, links, "report", `reckon report${filter ? ` (${filter})` : ""}`, (page) => [
    page.h("p", { class: "muted" }, `From the ledger ${path.basename(data.ledger)}${filter ? `; ${filter}` : ""}.`),
    renderIndex(page, data.figures, {}, "report"),
    data.details.map((d) => renderFigurePage(page, d, figureAnchor(d.figure))),
    renderConflicts(page, data.conflicts),
    renderSources(page, data.sources, data.copyGroups),
  ])
}

const webPage = (libs: RenderLibs, title: string, build: (page: PageContext) => Child, links: Links = webLinks): string =>
  renderPage(libs, links, "web", `${title} · reckon`, build)

/** The pages of `reckon web`, one per URL, made by the same renderers as the report. */
export const webPages = {
  index: (libs: RenderLibs, figures: readonly FigureRecord[], filter: IndexFilter): string =>
    webPage(libs, "Figures", (page) => renderIndex(page, figures, filter, "web")),
  figure: (libs: RenderLibs, detail: FigureDetail): string =>
    webPage(libs, figureTitle(detail.figure), (page) => renderFigurePage(page, detail, null)),
  conflicts: (libs: RenderLibs, conflicts: readonly ConflictRecord[]): string =>
    webPage(libs, "Conflicts", (page) => renderConflicts(page, conflicts)),
  sources: (libs: RenderLibs, sources: readonly SourceRecord[], groups: readonly StoredCopyGroup[]): string =>
    webPage(libs, "Sources", (page) => renderSources(page, sources, groups)),
  /** A page for a request that names no page or a figure the ledger does not have, or has bad parameters. */
  problem: (libs: RenderLibs, title: string, message: string): string =>
    webPage(libs, title, ({ h, links }) => h("section", { class: "page" }, h("h1", null, title), h("p", null, message), h("p", null, h("a", { href: links.index }, "All figures")))),
}
