/**
 * The little of the DOM the pages are built with. Pages are built as DOM trees (jsdom on the
 * server) and serialized by the HTML standard's algorithm, so text from the data is only ever a
 * text node or an attribute value, escaped by the serializer: a quote holding `<script>` stays
 * text. The types are ours because the project compiles without the DOM lib.
 */
export interface DomNode {
  readonly nodeType: number
}

export interface DomElement extends DomNode {
  setAttribute(name: string, value: string): void
  getAttribute(name: string): string | null
  append(...nodes: (DomNode | string)[]): void
  textContent: string | null
  readonly outerHTML: string
}

export interface DomDocument {
  createElement(tag: string): DomElement
  createTextNode(text: string): DomNode
  readonly head: DomElement
  readonly body: DomElement
  readonly documentElement: DomElement
  toString(): string
}

/** What a child of `h` may be: nodes, text (escaped), numbers, nothing, or lists of these. */
export type Child = DomNode | string | number | null | undefined | false | readonly Child[]

/** Attribute values; `null`, `undefined` and `false` leave the attribute out, `true` sets it empty. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Elements whose text the HTML serializer writes raw, unescaped (script, style, noscript, …): data
 * must never go into them as text. `h` refuses text children for them; the page shell fills script
 * and style with our own constants through `trustedText`.
 */
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"])

/** C0 controls and DEL (not tab or newline) read as their visible Control Pictures, so no claim hides text (SPEC §8). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
export const inertText = (text: string): string =>
  text.replace(CONTROLS, (c) => String.fromCharCode(c === "\u007f" ? 0x2421 : 0x2400 + c.charCodeAt(0)))

/** The element builder over one document: `h("td", { class: "num" }, claim.quote)`. */
export type H = (tag: string, attrs?: Attrs | null, ...children: Child[]) => DomElement

export const makeH = (doc: DomDocument): H => {
  const appendChildren = (el: DomElement, tag: string, children: readonly Child[]): void => {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue
      if (Array.isArray(c)) {
        appendChildren(el, tag, c)
        continue
      }
      if (typeof c === "string" || typeof c === "number") {
        if (RAW_TEXT.has(tag)) throw new Error(`text from data may not go into <${tag}>`)
        el.append(doc.createTextNode(inertText(String(c))))
        continue
      }
      el.append(c as DomNode)
    }
  }
  return (tag, attrs, ...children) => {
    const el = doc.createElement(tag)
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value === null || value === undefined || value === false) continue
      el.setAttribute(name, value === true ? "" : inertText(String(value)))
    }
    appendChildren(el, tag, children)
    return el
  }
}

/** Sets the content of a script or style element to one of our own constants (never data). */
export const trustedText = (el: DomElement, text: string): DomElement => {
  el.textContent = text
  return el
}

/**
 * The link target of a URL from the data, or null when it is not http(s): a `javascript:` or
 * `data:` URL in a claim is shown as text, never made a link.
 */
export const safeHref = (url: string | null | undefined): string | null => {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null
  } catch {
    return null
  }
}
