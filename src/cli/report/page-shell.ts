import { type Child, type DomDocument, type H, makeH, trustedText } from "./dom.js"
import type { Links } from "./links.js"
import { FILTER_SCRIPT, PAGE_CSP } from "./page-script.js"
import { PAGE_CSS } from "./page-style.js"
import type { RenderLibs } from "./render-libs.js"

/** A page under construction: its document and element builder. */
export interface PageContext {
  readonly libs: RenderLibs
  readonly doc: DomDocument
  readonly h: H
  readonly links: Links
}

/**
 * One HTML page: the head (charset, CSP, title, inlined style), the top bar, the content `build`
 * makes, and the inlined filter script. `kind` "report" marks the body so that its sections show
 * one at a time by #fragment. Returns the serialized HTML.
 */
export const renderPage = (
  libs: RenderLibs, links: Links, kind: "report" | "web", title: string,
  build: (page: PageContext) => Child,
): string => {
  const doc = libs.newDocument()
  const h = makeH(doc)
  const page: PageContext = { libs, doc, h, links }
  doc.head.append(
    h("meta", { charset: "utf-8" }),
    h("meta", { "http-equiv": "Content-Security-Policy", content: PAGE_CSP }),
    h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
    h("meta", { name: "generator", content: "reckon" }),
    h("title", null, title),
    trustedText(h("style"), PAGE_CSS),
  )
  doc.body.setAttribute("class", kind)
  doc.body.append(
    h("header", { class: "top" },
      h("span", { class: "brand" }, "reckon"),
      h("nav", null,
        h("a", { href: links.index }, "Figures"),
        h("a", { href: links.conflicts }, "Conflicts"),
        h("a", { href: links.sources }, "Sources"))),
    h("main", null, build(page)),
    trustedText(h("script"), FILTER_SCRIPT),
  )
  return `<!doctype html>\n${doc.documentElement.outerHTML}\n`
}
