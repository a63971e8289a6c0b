import { createRequire } from "node:module"
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
 * other command pays for loading them. Required, not imported: the CLI bundle runs from V8's code
 * cache, where Node 20 cannot serve `import()` (src/cli/launcher.ts); Plot is an ES module, which
 * `require` loads since Node 20.19.
 */
export const loadRenderLibs = async (): Promise<RenderLibs> => {
  const nodeRequire = createRequire(import.meta.url)
  const Plot = nodeRequire("@observablehq/plot") as PlotModule
  const { JSDOM } = nodeRequire("jsdom") as typeof import("jsdom")
  return { Plot, newDocument: () => new JSDOM(EMPTY_PAGE).window.document as DomDocument }
}
