import type { DomDocument } from "./dom.js"

/** Observable Plot, as the plots are drawn with it. */
export type PlotModule = typeof import("@observablehq/plot")

/** The libraries a page is drawn with, and a fresh document to draw it in. */
export interface RenderLibs {
  readonly Plot: PlotModule
  readonly newDocument: () => DomDocument
}

const EMPTY_PAGE = "<!doctype html><html lang=\"en\"><head></head><body></body></html>"

/**
 * Loads Observable Plot (with d3) and linkedom, the server-side DOM that Plot draws static SVG in.
 * Loaded on demand by `reckon report` and `reckon web` only: the bundle keeps them external, so
 * no other command pays for parsing them at startup.
 */
export const loadRenderLibs = async (): Promise<RenderLibs> => {
  const [Plot, { parseHTML }] = await Promise.all([import("@observablehq/plot"), import("linkedom")])
  return { Plot, newDocument: () => parseHTML(EMPTY_PAGE).document as unknown as DomDocument }
}
