/**
 * Reading the General Staff files of PetroIvaniuk/2022-Ukraine-Russia-War-Dataset: the daily
 * cumulative tally and the signed corrections. Pure: text in, rows out.
 */

/** One number of one day's tally, with the exact text it came from. */
export interface GsTally {
  readonly date: string
  /** The upstream json key ("aircraft", "field artillery", …). */
  readonly key: string
  readonly value: number
  /** The source text fragment, verbatim: `"aircraft": 413`. */
  readonly quote: string
  /** 1-based line of the fragment in the file. */
  readonly line: number
}

/** One signed adjustment of the correction file. */
export interface GsCorrection {
  readonly date: string
  readonly key: string
  readonly delta: number
  readonly line: number
}

const DATE_LINE = /^\s*"date":\s*"(\d{4}-\d{2}-\d{2})"/
const NUMBER_LINE = /^\s*("([^"]+)":\s*(-?\d+))\s*,?\s*$/
/** Keys that are numbers but not tallies. */
const NOT_A_TALLY = new Set(["day"])

/**
 * Every numeric key of every entry of a pretty-printed array of `{ "date": …, key: number }`
 * objects (the upstream layout: one key per line), with its line and verbatim fragment.
 * The text is also parsed as JSON and both readings must agree, so a change of layout fails loudly
 * instead of producing wrong quotes.
 * @example scanDatedNumbers('[\n {\n  "date": "2022-02-25",\n  "tank": 80\n }\n]')
 *   // → [{ date: "2022-02-25", key: "tank", value: 80, quote: '"tank": 80', line: 4 }]
 */
export const scanDatedNumbers = (text: string): GsTally[] => {
  const out: GsTally[] = []
  let date: string | null = null
  text.split("\n").forEach((raw, i) => {
    const d = DATE_LINE.exec(raw)
    if (d) {
      date = d[1] ?? null
      return
    }
    const n = NUMBER_LINE.exec(raw)
    if (n && date !== null && !NOT_A_TALLY.has(n[2] ?? "")) {
      out.push({ date, key: n[2] ?? "", value: Number(n[3]), quote: n[1] ?? "", line: i + 1 })
    }
  })
  checkAgainstJson(text, out)
  return out
}

const checkAgainstJson = (text: string, scanned: readonly GsTally[]): void => {
  const parsed: unknown = JSON.parse(text)
  if (!Array.isArray(parsed)) throw new Error("expected a JSON array of daily entries")
  const expected = new Map<string, number>()
  for (const entry of parsed as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value === "number" && !NOT_A_TALLY.has(key)) expected.set(`${String(entry["date"])}|${key}`, value)
    }
  }
  const seen = new Map(scanned.map((t) => [`${t.date}|${t.key}`, t.value]))
  if (seen.size !== scanned.length) throw new Error("a date/key pair occurs twice in the tally")
  for (const [k, v] of expected) {
    if (seen.get(k) !== v) throw new Error(`line scan disagrees with JSON for ${k}: ${seen.get(k)} vs ${v}`)
  }
  if (seen.size !== expected.size) throw new Error("line scan found numbers the JSON does not have")
}

/** The daily tally file (russia_losses_equipment.json) → one row per date and key. */
export const parseGeneralStaffTallies = (text: string): GsTally[] => scanDatedNumbers(text)

/** The correction file (russia_losses_equipment_correction.json) → its non-zero adjustments. */
export const parseGeneralStaffCorrections = (text: string): GsCorrection[] =>
  scanDatedNumbers(text)
    .filter((t) => t.value !== 0)
    .map((t) => ({ date: t.date, key: t.key, delta: t.value, line: t.line }))
