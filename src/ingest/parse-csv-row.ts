export type CsvRowResult = { readonly ok: true; readonly cells: string[] } | { readonly ok: false; readonly reason: string }

/**
 * The cells of one CSV record (RFC 4180: `,` between cells, `"` around a cell that holds commas,
 * quotes as `""` or line ends). A quote inside an unquoted cell is kept as it is (`5" screen`);
 * text after a closing quote (`"x"y`) is an error, as is a quoted cell that is never closed.
 * @example parseCsvRow('a,"b,""c""",d') // { ok: true, cells: ["a", 'b,"c"', "d"] }
 */
export const parseCsvRow = (text: string): CsvRowResult => {
  const cells: string[] = []
  let cell = ""
  let quoted = false
  let afterQuote = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quoted) {
      if (c !== 0x22) continue
      cell += text.slice(start, i)
      if (text.charCodeAt(i + 1) === 0x22) {
        cell += '"'
        i++
        start = i + 1
      } else {
        quoted = false
        afterQuote = true
        start = i + 1
      }
      continue
    }
    if (c === 0x2c) {
      cells.push(afterQuote ? cell : cell + text.slice(start, i))
      cell = ""
      afterQuote = false
      start = i + 1
    } else if (afterQuote) {
      return { ok: false, reason: `malformed CSV: cell ${cells.length + 1} has ${JSON.stringify(text[i])} after its closing quote` }
    } else if (c === 0x22 && i === start && cell === "") {
      quoted = true
      start = i + 1
    }
  }
  if (quoted) return { ok: false, reason: `malformed CSV: cell ${cells.length + 1} opens a quote that is never closed` }
  cells.push(afterQuote ? cell : cell + text.slice(start))
  return { ok: true, cells }
}
