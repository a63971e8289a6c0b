import { createRequire } from "node:module"

/**
 * An HTML page as the plain text `reckon extract` reads: html-to-text (a maintained converter)
 * with line wrapping off, headings and table cells left as written, links and images reduced to
 * their text. Span offsets of the candidates refer to this text (`reckon extract --text` prints it).
 * Loaded on demand, like the NLP model (and required, as it is).
 */
export const loadHtmlToText = async (): Promise<(html: string) => string> => {
  const { convert } = createRequire(import.meta.url)("html-to-text") as typeof import("html-to-text")
  const options = {
    wordwrap: false as const,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "style", format: "skip" },
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => ({ selector: h, options: { uppercase: false } })),
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  }
  return (html: string) => convert(html, options)
}

/** Whether a file is an HTML page: by its name, else by how its text begins. */
export const looksLikeHtml = (file: string, text: string): boolean =>
  /\.x?html?$/i.test(file) || /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)
