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
 * Loads Observable Plot (with d3) and jsdom, the server-side DOM Plot draws static SVG in and whose
 * serializer (parse5's, per the HTML standard) escapes every text and attribute of the pages.
 * Loaded on demand by `reckon report` and `reckon web` only: the bundle keeps them external, so no
 * other command pays for loading them.
 */
export const loadRenderLibs = async (): Promise<RenderLibs> => {
  const [Plot, { JSDOM }] = await Promise.all([import("@observablehq/plot"), import("jsdom")])
  return { Plot, newDocument: () => new JSDOM(EMPTY_PAGE).window.document as DomDocument }
}
