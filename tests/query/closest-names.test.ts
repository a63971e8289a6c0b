import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { checkFilter } from "../../src/query/check-filter.js"
import { closestNames, didYouMean, editDistance, MAX_SUGGESTIONS } from "../../src/query/closest-names.js"
import { vocabularyOf } from "../../src/domain/vocabulary.js"

const word = fc.string({ unit: fc.constantFrom(..."abcdefgh.-_T9"), minLength: 0, maxLength: 12 })

/** One insertion, deletion or substitution at a position. */
const oneEdit = fc.tuple(word, fc.nat(), fc.constantFrom("insert", "delete", "substitute"), fc.constantFrom(..."abcxyz.")).map(
  ([w, at, kind, ch]) => {
    const i = w.length === 0 ? 0 : at % (w.length + (kind === "insert" ? 1 : 0))
    const edited = kind === "insert" ? w.slice(0, i) + ch + w.slice(i)
      : w.length === 0 ? ch
      : kind === "delete" ? w.slice(0, i) + w.slice(i + 1)
      : w.slice(0, i) + ch + w.slice(i + 1)
    return { from: w, to: edited }
  })

describe("editDistance (properties)", () => {
  test.prop([word, word, word])("is a metric: zero only on equal strings, symmetric, with the triangle inequality", (a, b, c) => {
    expect(editDistance(a, a)).toBe(0)
    expect(editDistance(a, b) === 0).toBe(a === b)
    expect(editDistance(a, b)).toBe(editDistance(b, a))
    expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c))
  })

  test.prop([word, word])("lies between the difference of the lengths and the longer length", (a, b) => {
    const d = editDistance(a, b)
    expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length))
    expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length))
  })

  test.prop([oneEdit])("one insertion, deletion or substitution is at most one edit away", ({ from, to }) => {
    expect(editDistance(from, to)).toBe(from === to ? 0 : 1)
  })
})

describe("closestNames (properties)", () => {
  test.prop([fc.uniqueArray(word.filter((w) => w.length >= 3), { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), fc.boolean(), fc.constantFrom("#", "%")])(
    "a one-edit typo of a known name suggests it, unless as many others are as close",
    (known, pick, at, insert, ch) => {
      const name = known[pick % known.length]!
      // '#' and '%' occur in no known name: the typo is never itself a known name
      const i = at % (name.length + (insert ? 1 : 0))
      const typo = insert ? name.slice(0, i) + ch + name.slice(i) : name.slice(0, i) + ch + name.slice(i + 1)
      const got = closestNames(typo, known)
      for (const g of got) expect(known).toContain(g)
      expect(got.length).toBeLessThanOrEqual(MAX_SUGGESTIONS)
      if (!got.includes(name)) {
        expect(got).toHaveLength(MAX_SUGGESTIONS)
        for (const g of got) expect(editDistance(typo.toLowerCase(), g.toLowerCase())).toBeLessThanOrEqual(1)
      }
    })

  test.prop([word, fc.array(word, { maxLength: 30 })])("suggests only known names, never the word itself, close ones first", (typed, known) => {
    const got = closestNames(typed, known)
    expect(new Set(got).size).toBe(got.length)
    for (const g of got) {
      expect(known).toContain(g)
      expect(g).not.toBe(typed)
    }
    const distances = got.map((g) => editDistance(typed.toLowerCase(), g.toLowerCase()))
    const close = distances.filter((d) => d <= Math.max(2, Math.floor(typed.length / 3)))
    // the names within reach come before the names that merely contain the word
    expect(distances.slice(0, close.length)).toEqual(close)
  })
})

describe("closestNames and checkFilter, examples", () => {
  it("names the closest metric, event, dimension and value", () => {
    expect(closestNames("aircraft.destroyd", ["aircraft.hit", "aircraft.damaged", "aircraft.destroyed"])).toEqual(["aircraft.destroyed"])
    expect(closestNames("destroyed", ["aircraft.hit", "aircraft.destroyed"])).toEqual(["aircraft.destroyed"])
    expect(closestNames("SBU", ["sbu", "isw"])).toEqual(["sbu"])
    expect(closestNames("zzzzzz", ["aircraft.hit"])).toEqual([])
    expect(didYouMean(["a", "b", "c"])).toBe(" (did you mean a, b or c?)")
    expect(didYouMean([])).toBe("")
    const v = vocabularyOf([{
      name: "d", events: [{ id: "spider-web" }], metrics: [{ id: "aircraft.destroyed", kind: "count", parts: [], exhaustive: false, cumulative: false }],
      sources: [{ id: "sbu", name: "SBU", aliases: ["Security Service"], kind: "intelligence", weight: 1 }],
      dimensions: [{ id: "type", exhaustive: false, values: [{ id: "Tu-95" }, { id: "Tu-22" }] }],
    }])
    expect(checkFilter(v, { event: "spider-web", metric: "aircraft.destroyed", source: "Security Service", scope: { type: "Tu-95" } })).toEqual([])
    expect(checkFilter(v, { event: "nosuch", metric: "aircraft.destroyd", scope: { typo: "Tu-95", __proto__: "x" } as never })).toEqual([
      "--event nosuch: no such event in the ledger",
      "--metric aircraft.destroyd: no such metric in the ledger (did you mean aircraft.destroyed?)",
      '--scope typo=Tu-95: no dimension "typo" in the ledger (did you mean type?)',
    ])
    expect(checkFilter(v, { scope: { type: "Tu-96" } })).toEqual(['--scope type=Tu-96: type has no value "Tu-96" (did you mean Tu-95 or Tu-22?)'])
  })
})
