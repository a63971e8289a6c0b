import { scopeText } from "../record-views.js"
import { rangeText } from "../output.js"
import type { Child, DomElement, H } from "./dom.js"
import type { PageContext } from "./page-shell.js"
import { STATUSES } from "./statuses.js"
import type { FigureRecord } from "./report-data.js"

/** The index's filters: each unset one selects everything. */
export interface IndexFilter {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  readonly status?: string | undefined
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Conflicts first (SPEC §9), then by event, metric, scope and valid time. */
export const indexOrder = (figures: readonly FigureRecord[]): FigureRecord[] =>
  [...figures].sort((a, b) =>
    Number(b.status === "conflict") - Number(a.status === "conflict") ||
    cmp(a.event, b.event) || cmp(a.metric, b.metric) || cmp(scopeText(a.scope), scopeText(b.scope)) || cmp(a.at ?? "", b.at ?? ""))

export const statusBadge = (h: H, status: string): DomElement => h("span", { class: `status status-${status}` }, status)

const select = (h: H, name: string, label: string, values: readonly string[], chosen: string | undefined): DomElement =>
  h("label", null, label,
    h("select", { name },
      h("option", { value: "" }, "all"),
      values.map((v) => h("option", { value: v, selected: v === chosen }, v))))

/**
 * The index of figures: a filter form (event, metric, status) and a table, conflicts first, each
 * row linking to its figure's page. `figures` is every figure the view holds; in the web view
 * `filter` selects the rows here (the form is a GET form), in the report the inlined script does.
 */
export const renderIndex = ({ h, links }: PageContext, figures: readonly FigureRecord[], filter: IndexFilter, mode: "report" | "web"): Child => {
  const shown = indexOrder(figures).filter((f) =>
    (filter.event === undefined || f.event === filter.event) &&
    (filter.metric === undefined || f.metric === filter.metric) &&
    (filter.status === undefined || f.status === filter.status))
  const events = [...new Set(figures.map((f) => f.event))].sort()
  const metrics = [...new Set(figures.map((f) => f.metric))].sort()
  const conflicts = figures.filter((f) => f.status === "conflict").length
  return h("section", { id: "index", class: "page" },
    h("h1", null, "Figures"),
    h("p", { class: "muted" }, `${figures.length} figures, ${conflicts} in conflict.`),
    h("form", { id: "figure-filter", class: "filter", method: "get", action: links.index, "data-mode": mode },
      select(h, "event", "event", events, filter.event),
      select(h, "metric", "metric", metrics, filter.metric),
      select(h, "status", "status", STATUSES, filter.status),
      h("button", { type: "submit" }, "Filter"),
      h("span", { id: "figure-count", class: "muted" }, `${shown.length} of ${figures.length} figures`)),
    mode === "report" ? h("noscript", null, h("p", { class: "muted" }, "Filtering this file needs JavaScript; every figure is listed.")) : null,
    shown.length === 0
      ? h("p", null, "No figure matches.")
      : h("table", { id: "figure-table" },
        h("thead", null, h("tr", null, ["status", "event", "metric", "scope", "at", "range", "best", "voices", "conflicts"].map((c) => h("th", null, c)))),
        h("tbody", null, shown.map((f) => {
          const href = links.figure(f)
          return h("tr", { "data-event": f.event, "data-metric": f.metric, "data-status": f.status },
            h("td", null, statusBadge(h, f.status)),
            h("td", null, f.event),
            h("td", null, href === null ? f.metric : h("a", { href }, f.metric)),
            h("td", null, scopeText(f.scope)),
            h("td", null, f.at ?? ""),
            h("td", { class: "num" }, rangeText(f.range)),
            h("td", { class: "num" }, f.best ?? ""),
            h("td", { class: "num" }, f.voices),
            h("td", { class: "num" }, f.conflicts.length))
        }))))
}
