import { scopeKey } from "../../domain/scope.js"
import type { CellRef } from "./report-data.js"

/** Where the pages link to: anchors inside the one report file, or URLs of the web view. */
export interface Links {
  readonly index: string
  readonly conflicts: string
  readonly sources: string
  /** The page of a cell's figure (at `at` where the view can show it), or null when there is none. */
  readonly figure: (cell: CellRef) => string | null
}

/** The id of a figure's section in the report file: one per cell. */
export const figureAnchor = (cell: Omit<CellRef, "at">): string =>
  `fig-${encodeURIComponent(`${cell.event}/${cell.metric}/${scopeKey(cell.scope)}`)}`

/** Links inside one report file, which holds one figure per cell (its latest): the cells in `cells`. */
export const reportLinks = (cells: readonly Omit<CellRef, "at">[]): Links => {
  const present = new Set(cells.map(figureAnchor))
  return {
    index: "#index",
    conflicts: "#conflicts",
    sources: "#sources",
    figure: (cell) => {
      const id = figureAnchor(cell)
      return present.has(id) ? `#${id}` : null
    },
  }
}

/** The query string of a figure page: `event`, `metric`, one `scope=dim=value` per dimension, `at`. */
export const figureQuery = (cell: CellRef): string => {
  const q = new URLSearchParams({ event: cell.event, metric: cell.metric })
  for (const k of Object.keys(cell.scope).sort()) q.append("scope", `${k}=${cell.scope[k]}`)
  if (cell.at !== null) q.append("at", cell.at)
  return q.toString()
}

/** Links of the web view (`reckon web`). */
export const webLinks: Links = {
  index: "/",
  conflicts: "/conflicts",
  sources: "/sources",
  figure: (cell) => `/figure?${figureQuery(cell)}`,
}
