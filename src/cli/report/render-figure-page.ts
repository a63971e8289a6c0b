import { scopeText } from "../commands/claims-command.js"
import { rangeText } from "../output.js"
import type { Child, H } from "./dom.js"
import { safeHref } from "./dom.js"
import { bestCandidates, intervalPlot, roleLegend } from "./interval-plot.js"
import type { PageContext } from "./page-shell.js"
import { statusBadge } from "./render-index.js"
import type { FigureDetail } from "./report-data.js"
import { ROLE_COLOURS } from "./role-colours.js"
import { tallyPlot } from "./tally-plot.js"

/** "aircraft.hit · spider-web · location=belaya at 2025-06-01": how a figure is named on its page. */
export const figureTitle = (f: { event: string; metric: string; scope: Readonly<Record<string, string>>; at: string | null }): string =>
  `${f.metric} · ${f.event}${Object.keys(f.scope).length > 0 ? ` · ${scopeText(f.scope)}` : ""}${f.at !== null ? ` at ${f.at}` : ""}`

/** A URL from the data: a link when it is http(s), else plain text. */
export const urlCell = (h: H, url: string | null | undefined): Child => {
  if (!url) return null
  const href = safeHref(url)
  return href === null ? h("span", { class: "url" }, url) : h("a", { class: "url", href, rel: "noreferrer noopener" }, url)
}

export const roleBadge = (h: H, role: string): Child =>
  h("span", { class: `role role-${role}`, style: `background:${ROLE_COLOURS[role as keyof typeof ROLE_COLOURS] ?? "#000"}` }, role)

/**
 * One figure's page (SPEC §9): its status and ranges, the interval plot, the tally over time for a
 * figure with a valid time, the explanation sentences, its conflicts, and every claim with its
 * wording, provenance, quote and link. `id` is the section's anchor in the report file.
 */
export const renderFigurePage = (page: PageContext, detail: FigureDetail, id: string | null): Child => {
  const { h, libs, doc, links } = page
  const f = detail.figure
  const best = bestCandidates(f)
  return h("section", { id, class: "page figure" },
    h("p", null, h("a", { href: links.index }, "← all figures")),
    h("h1", null, figureTitle(f)),
    h("dl", { class: "facts" },
      h("dt", null, "status"), h("dd", null, statusBadge(h, f.status)),
      h("dt", null, "consensus range"), h("dd", null, rangeText(f.range) || "none"),
      h("dt", null, "best estimate"), h("dd", null, f.best !== null ? String(f.best) : best.length > 0 ? `none (candidates ${best.join(", ")})` : "none"),
      h("dt", null, "direct"), h("dd", null, rangeText(f.direct) || "none"),
      h("dt", null, "implied"), h("dd", null, rangeText(f.implied) || "none"),
      h("dt", null, "voices"), h("dd", null, f.voices),
      f.heuristic ? [h("dt", null, "heuristic"), h("dd", null, f.heuristic)] : null),
    h("h2", null, "Claims and consensus"),
    f.claims.length === 0 && f.range === null ? h("p", { class: "muted" }, "No claim and no bound for this cell.") : intervalPlot(libs, doc, h, f),
    roleLegend(h),
    detail.tally === null ? null : [
      h("h2", null, "The tally over time"),
      detail.tally.claims.length === 0 ? h("p", { class: "muted" }, "No claim of this cell has a valid time.") : tallyPlot(libs, doc, h, detail.tally, f.metric),
    ],
    h("h2", null, "Explanation"),
    f.explanation.length === 0
      ? h("p", { class: "muted" }, "No explanation was recorded.")
      : h("ol", { class: "explanation" }, f.explanation.map((s) => h("li", null, s))),
    f.conflicts.length === 0 ? null : [
      h("h2", null, "Conflicts"),
      h("ul", { class: "conflicts" }, f.conflicts.map((c) =>
        h("li", null, h("strong", null, c.kind), `: ${c.claims.join(", ")} against ${c.against.join(", ")}. `, c.reason))),
    ],
    h("h2", null, "Claims"),
    f.claims.length === 0 ? h("p", { class: "muted" }, "No claim of its own.") : h("table", { class: "claims" },
      h("thead", null, h("tr", null, ["claim", "role", "source", "via", "value", "interval", "certainty", "weight", "stated", "quote and link"].map((c) => h("th", null, c)))),
      h("tbody", null, f.claims.map((c) => h("tr", { "data-claim": c.id, "data-role": c.role },
        h("td", null, c.id),
        h("td", null, roleBadge(h, c.role)),
        h("td", null, c.source),
        h("td", null, c.via.join(" > ")),
        h("td", null, c.value),
        h("td", { class: "num" }, rangeText(c)),
        h("td", null, c.certainty),
        h("td", { class: "num" }, c.weight),
        h("td", null, c.stated ?? ""),
        h("td", null, c.quote ? h("blockquote", null, c.quote) : null, urlCell(h, c.url)))))))
}
