import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { numbersIn } from "../../src/audit/numbers-in-text.js"
import { normalizeValue } from "../../src/domain/normalize-value.js"
import { extractClaims } from "../../src/extract/extract-claims.js"
import { HARBOR, tokenize } from "./extract-support.js"

// Pieces of news-like text: the catalog's names and words, number phrases the normalizer reads
// and some it does not, dates, filler, punctuation, and arbitrary Unicode.
const piece = fc.oneof(
  fc.constantFrom("The Navy", "Reuters", "the Russian MoD", "WHO", "who", "Planet", "Kyiv Independent", "Dmytro Pletenchuk"),
  fc.constantFrom("said", "told", "estimated", "quoted", "citing", "according to", "as saying that", "reported", "This is reported by"),
  fc.constantFrom("sank", "sunk", "damaged", "hit", "struck", "killed", "burned", "possibly", "may have"),
  fc.constantFrom("41", "at least two", "3,000", "up to 13", "forty-one", "between 2 and 5", "about 20", "more than 30", "a dozen", "7 or more", "½", "1_000", "16:48", "2nd", "30%", "$5 million"),
  fc.constantFrom("frigates", "landing ships", "Ropucha-class landing ship", "warship", "at Sevastopol harbor", "in Novorossiysk", "and", "others", "people"),
  fc.constantFrom("on March 24", "in 2024", "drones", "the harbor", "were", "had"),
  fc.constantFrom(".", ",", ";", "\n\n", " ", "\"", "(", ")", "\u001b[31m", "\r\n"),
  fc.string({ unit: "grapheme", maxLength: 6 }),
)
// News-like sentences ("The Navy said drones sank at least two frigates at Sevastopol harbor."),
// with junk pieces dropped in anywhere, so that candidates do come out and are still checked.
const sentence = fc.tuple(
  fc.constantFrom("The Navy", "Reuters", "Planet", "WHO", "the Russian MoD"),
  fc.constantFrom("said", "estimated", "reported", "told the Kyiv Independent", "quoted Dmytro Pletenchuk as saying"),
  fc.constantFrom("", "that drones", "the raid"),
  fc.constantFrom("sank", "damaged", "hit", "killed", "possibly sank"),
  fc.constantFrom("41", "at least two", "3,000", "up to 13", "forty-one", "between 2 and 5", "about 20", "a dozen", "7 or more"),
  fc.constantFrom("frigates", "landing ships", "Ropucha-class landing ship", "people", ""),
  fc.constantFrom("", "at Sevastopol harbor", "in Novorossiysk", "and 3 warships", "and up to 4 others damaged"),
  fc.constantFrom(".", ";", "!", "\n\n"),
).chain((parts) => fc.array(fc.tuple(fc.nat(parts.length), piece), { maxLength: 3 }).map((junk) => {
  const out: string[] = [...parts]
  for (const [at, p] of junk) out.splice(at, 0, p)
  return out.join(" ")
}))
const article = fc.array(fc.oneof(piece, sentence), { maxLength: 30 }).map((ps) => ps.join(" "))

const declared = {
  events: new Set(HARBOR.events.map((e) => e.id)),
  metrics: new Set(HARBOR.metrics.map((m) => m.id)),
  sources: new Set(HARBOR.sources.map((s) => s.id)),
  values: new Map(HARBOR.dimensions.map((d) => [d.id, new Set(d.values.map((v) => v.id))])),
}

let seen = 0

describe("extractClaims on arbitrary text", () => {
  test.prop([article], { numRuns: 300 })("every quote is its span of the text, verbatim", async (text) => {
    const { candidates } = extractClaims(await tokenize(text), HARBOR)
    seen += candidates.length
    for (const c of candidates) expect(text.slice(c.span[0], c.span[1])).toBe(c.quote)
  })

  it("the generated texts do give candidates (the properties are not vacuous)", () => {
    expect(seen).toBeGreaterThan(300)
  })

  test.prop([article], { numRuns: 300 })("nothing is invented: declared ids only, a value the normalizer reads, its numbers in the quote", async (text) => {
    const { candidates } = extractClaims(await tokenize(text), HARBOR)
    for (const c of candidates) {
      expect(declared.events.has(c.event)).toBe(true)
      expect(declared.metrics.has(c.metric)).toBe(true)
      for (const s of [c.source, ...(c.via ?? [])]) expect(declared.sources.has(s)).toBe(true)
      for (const [d, v] of Object.entries(c.scope)) expect(declared.values.get(d)?.has(v)).toBe(true)
      expect(normalizeValue(c.value, { kind: "count" }).ok).toBe(true)
      const inQuote = new Set(numbersIn(c.quote))
      for (const n of numbersIn(c.value)) expect(inQuote.has(n)).toBe(true)
      expect(c.confidence).toBeGreaterThan(0)
      expect(c.confidence).toBeLessThanOrEqual(1)
    }
  })

  test.prop([article], { numRuns: 300 })("every number written in digits is in a candidate's value or listed as skipped", async (text) => {
    const doc = await tokenize(text)
    const { skipped, valueSpans } = extractClaims(doc, HARBOR)
    const covered = [...valueSpans, ...skipped.map((s) => [s.start, s.end] as const)]
    for (const t of doc.sentences.flatMap((s) => s.tokens)) {
      if (!/^[0-9]/.test(t.text)) continue
      expect(covered.some(([a, b]) => t.start >= a && t.end <= b), `token ${JSON.stringify(t.text)} at ${t.start}`).toBe(true)
    }
  })

  test.prop([fc.string({ unit: "binary", maxLength: 200 })], { numRuns: 200 })("the tokenizer's offsets add up on any string", async (text) => {
    const doc = await tokenize(text)
    let last = 0
    for (const s of doc.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(last)
      for (const t of s.tokens) {
        expect(text.slice(t.start, t.end)).toBe(t.text)
        expect(t.start).toBeGreaterThanOrEqual(last)
        last = t.end
      }
      expect(s.end).toBe(last)
    }
  })
})
