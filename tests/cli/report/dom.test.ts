import { fc, test } from "@fast-check/vitest"
import { JSDOM } from "jsdom"
import { describe, expect, it } from "vitest"
import { type DomDocument, inertText, makeH, safeHref } from "../../../src/cli/report/dom.js"

const EMPTY = "<!doctype html><html><head></head><body></body></html>"
/** What a text reads as in the browser: its controls made visible; the parser reads CR and CRLF as a line break. */
const shown = (s: string) => inertText(s).replace(/\r\n?/g, "\n")
// One window for the file: a JSDOM per property run is slow, and documents of one window are independent.
const { window } = new JSDOM(EMPTY) as unknown as { window: { document: { implementation: { createHTMLDocument(): DomDocument } }; DOMParser: new () => { parseFromString(html: string, type: string): unknown } } }
const newDoc = () => window.document.implementation.createHTMLDocument()
/** Parses a page as a browser does (parse5 implements the HTML standard's parser). */
const parse = (html: string) => (new window.DOMParser().parseFromString(html, "text/html") as {
  body: ParsedElement; head: ParsedElement
})
interface ParsedElement {
  querySelectorAll(s: string): ArrayLike<ParsedElement>
  querySelector(s: string): ParsedElement
  textContent: string
  getAttribute(n: string): string | null
}

/** Strings made of the pieces markup injection is built from, and any Unicode text. */
const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom("<", ">", "&", "\"", "'", "/", "=", " ", "script", "img src=x onerror=alert(1)", "</p>", "&amp;", "&lt", "\u0000", "\u001b", "\r", "\n", "é", "\u202e") }),
  fc.string({ unit: "grapheme" }),
)

describe("pages are DOM trees: text from the data stays text", () => {
  test.prop([hostile])("a text child and an attribute value read back as the same text, and add no element", (s) => {
    const doc = newDoc()
    const h = makeH(doc)
    doc.body.append(h("p", { title: s, "data-x": s }, s))
    const html = `<!doctype html>${doc.documentElement.outerHTML}`
    const back = parse(html)
    const elements = back.body.querySelectorAll("*")
    expect(elements.length).toBe(1)
    expect(elements[0].textContent).toBe(shown(s))
    expect(elements[0].getAttribute("title")).toBe(shown(s))
    expect(elements[0].getAttribute("data-x")).toBe(shown(s))
  })

  it("refuses text from the data inside the elements whose text is written raw", () => {
    const h = makeH(newDoc())
    for (const tag of ["script", "style", "noscript", "xmp", "iframe"]) {
      expect(() => h(tag, null, "alert(1)")).toThrow(/may not go into/)
    }
  })

  test.prop([hostile])("a page title and a textarea read back as their text (RCDATA is escaped too)", (s) => {
    const doc = newDoc()
    const h = makeH(doc)
    doc.head.append(h("title", null, s))
    doc.body.append(h("textarea", null, s))
    const back = parse(`<!doctype html>${doc.documentElement.outerHTML}`)
    expect(back.head.querySelector("title").textContent).toBe(shown(s))
    expect(back.body.querySelector("textarea").textContent).toBe(shown(s).replace(/^\n/, ""))
    expect(back.body.querySelectorAll("*").length).toBe(1)
    expect(back.head.querySelectorAll("*").length).toBe(1)
  })

  it("shows control characters as their visible pictures", () => {
    expect(inertText("a\u0000b\u001b[2Jc\u007f\td\ne")).toBe("a\u2400b\u241b[2Jc\u2421\td\ne")
  })

  it("links only http and https URLs", () => {
    expect(safeHref("https://fakti.bg/en/world/1?a=1&b=2")).toBe("https://fakti.bg/en/world/1?a=1&b=2")
    expect(safeHref("http://example.org")).toBe("http://example.org/")
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd", "not a url", "", null, undefined]) {
      expect(safeHref(bad)).toBeNull()
    }
  })
})
