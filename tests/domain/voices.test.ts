import { describe, expect, it } from "vitest"
import { reconcile } from "../../src/domain/reconcile.js"
import { buildVoices, representative, standingOf } from "../../src/domain/voices.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const w1 = () => 1

describe("buildVoices", () => {
  it("one voice per origin source; the same value via several outlets is one voice with repeats", () => {
    const v = buildVoices("c", [
      claim({ id: "b", metric: "m", source: "nato", lo: 40, hi: 40, via: ["suspilne", "isw"] }),
      claim({ id: "a", metric: "m", source: "nato", lo: 40, hi: 40, via: ["cnn"] }),
      claim({ id: "c", metric: "m", source: "sbu", lo: 41, hi: 41 }),
    ], w1, 0)
    expect(v).toHaveLength(2)
    const nato = v.find((x) => x.source === "nato")!
    expect(nato.primary.map((c) => c.id)).toEqual(["a"]) // the shorter via chain is primary
    expect(nato.repeats.map((c) => c.id)).toEqual(["b"])
    expect(nato.weight).toBe(1)
  })
  it("different values of one source at the same stated time become their hull", () => {
    const [v] = buildVoices("c", [
      claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 3 }),
      claim({ id: "2", metric: "m", source: "a", lo: 5, hi: 8 }),
    ], w1, 0)
    expect([v!.lo, v!.hi]).toEqual([3, 8])
    expect(v!.primary).toHaveLength(2)
    expect(v!.note).toMatch(/hull/)
  })
  it("weight = source weight × certainty (estimated 0.8)", () => {
    const [v] = buildVoices("c", [claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 3, certainty: "estimated" })], () => 2.5, 0)
    expect(v!.weight).toBeCloseTo(2)
  })
  it("representative values: best, exact, the finite bound, the midpoint", () => {
    expect(representative(10, 20, 12, 0)).toBe(12)
    expect(representative(7, 7, null, 0)).toBe(7)
    expect(representative(0, 13, null, 0)).toBe(13)
    expect(representative(5, Infinity, null, 0)).toBe(5)
    expect(representative(10, 20, null, 0)).toBe(15)
    expect(representative(0, Infinity, null, 0)).toBeNull()
  })
})

describe("buildVoices: a voice is its source's most direct claims (SPEC §4.2)", () => {
  it("a less direct claim with another value is relayed, with the same value a repeat", () => {
    const [v] = buildVoices("c", [
      claim({ id: "study", metric: "m", source: "h", lo: 793, hi: 8498, best: 4645 }),
      claim({ id: "upi", metric: "m", source: "h", via: ["upi"], lo: 4645, hi: Infinity }),
      claim({ id: "scroll", metric: "m", source: "h", via: ["scroll"], lo: 793, hi: 8498 }),
    ], w1, 0)
    expect(v!.primary.map((c) => c.id)).toEqual(["study"])
    expect(v!.repeats.map((c) => c.id)).toEqual(["scroll"])
    expect(v!.relayed!.map((c) => c.id)).toEqual(["upi"])
    expect([v!.lo, v!.hi, v!.rep]).toEqual([793, 8498, 4645])
  })
  it("when only relays speak, the most direct of them are the voice", () => {
    const [v] = buildVoices("c", [
      claim({ id: "r1", metric: "m", source: "h", via: ["a"], lo: 10, hi: 10 }),
      claim({ id: "r2", metric: "m", source: "h", via: ["a", "b"], lo: 12, hi: 12 }),
    ], w1, 0)
    expect(v!.primary.map((c) => c.id)).toEqual(["r1"])
    expect(v!.relayed!.map((c) => c.id)).toEqual(["r2"])
  })
})

describe("standingOf: what a voice of several values stands for (SPEC §4.6)", () => {
  it("a point estimate inside its own confidence interval: the point", () => {
    expect(standingOf([claim({ id: "p", metric: "m", source: "h", lo: 4645, hi: 4645 }), claim({ id: "ci", metric: "m", source: "h", lo: 793, hi: 8498 })], 0))
      .toEqual({ rep: 4645 })
  })
  it("two values neither inside the other, evenly weighted: both, half each", () => {
    expect(standingOf([claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 3 }), claim({ id: "2", metric: "m", source: "a", lo: 8, hi: 8 })], 0))
      .toEqual({ rep: null, split: [3, 8] })
  })
  it("three values: their weighted median", () => {
    expect(standingOf(["1", "5", "9"].map((n) => claim({ id: n, metric: "m", source: "a", lo: Number(n), hi: Number(n) })), 0)).toEqual({ rep: 5 })
  })
  it("an asserted value outweighs an estimated one", () => {
    expect(standingOf([claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 3 }), claim({ id: "2", metric: "m", source: "a", lo: 8, hi: 8, certainty: "estimated" })], 0))
      .toEqual({ rep: 3 })
  })
})

describe("voices in figures", () => {
  const cat = catalogOf([metric("m")], [source("a"), source("b")])
  it("repeats add no weight: two outlets of one source do not outweigh another source", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "a1", metric: "m", source: "a", lo: 1, hi: 1, via: ["x"] }),
        claim({ id: "a2", metric: "m", source: "a", lo: 1, hi: 1, via: ["y"] }),
        claim({ id: "b1", metric: "m", source: "b", lo: 2, hi: 2 }),
      ],
    })[0]!
    expect(f.voices).toBe(2)
    expect(f.status).toBe("conflict")
    expect(f.range).toEqual({ lo: 1, hi: 2 }) // a tie, not a majority
    expect(f.best).toBeNull()
    expect(f.claims.map((c) => [c.id, c.role])).toEqual([["a1", "contested"], ["a2", "repeat"], ["b1", "contested"]])
  })
  it("possible claims never constrain", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "a1", metric: "m", source: "a", lo: 1, hi: 1 }),
        claim({ id: "b1", metric: "m", source: "b", lo: 5, hi: 5, certainty: "possible" }),
      ],
    })[0]!
    expect(f.range).toEqual({ lo: 1, hi: 1 })
    expect(f.status).toBe("single-source")
    expect(f.claims.find((c) => c.id === "b1")).toMatchObject({ role: "possible", weight: 0 })
  })
  it("an estimated voice loses to an asserted one", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "a1", metric: "m", source: "a", lo: 1, hi: 1, certainty: "estimated" }),
        claim({ id: "b1", metric: "m", source: "b", lo: 5, hi: 5 }),
      ],
    })[0]!
    expect(f.range).toEqual({ lo: 5, hi: 5 })
    expect(f.claims.find((c) => c.id === "a1")!.role).toBe("excluded")
    expect(f.conflicts).toEqual([expect.objectContaining({ kind: "direct", claims: ["a1"], against: ["b1"] })])
  })
  it("a relay that differs is listed as relayed, weighs nothing and never constrains; explain names it", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "study", metric: "m", source: "a", lo: 793, hi: 8498, best: 4645, stated: "2018-05-29" }),
        claim({ id: "upi", metric: "m", source: "a", via: ["b"], lo: 4645, hi: Infinity, stated: "2018-09-01" }),
      ],
    })[0]!
    expect(f).toMatchObject({ range: { lo: 793, hi: 8498 }, best: 4645, voices: 1, status: "single-source" })
    expect(f.claims.map((c) => [c.id, c.role, c.weight])).toEqual([["study", "support", 1], ["upi", "relayed", 0]])
    expect(f.explanation.join("\n")).toMatch(/Relayed, not counted: claim upi: "4645-Infinity", via b, .* gives \[4645, ∞\), which differs from what a says most directly \(claim study\)/)
  })
  it("two sources split evenly: no best, both candidates named, and explain says so", () => {
    const f = reconcile({
      catalog: cat, claims: [claim({ id: "a1", metric: "m", source: "a", lo: 0, hi: 100, best: 10 }), claim({ id: "b1", metric: "m", source: "b", lo: 5, hi: Infinity })],
    })[0]!
    expect(f).toMatchObject({ range: { lo: 5, hi: 100 }, best: null, best_candidates: [5, 10] })
    expect(f.explanation.join("\n")).toContain("No best estimate: the voices split evenly between 5 and 10")
  })
  it("a hulled voice of one source: [3, 8] meets another source's 6", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 3 }),
        claim({ id: "2", metric: "m", source: "a", lo: 8, hi: 8 }),
        claim({ id: "3", metric: "m", source: "b", lo: 6, hi: 6 }),
      ],
    })[0]!
    expect(f.range).toEqual({ lo: 6, hi: 6 })
    expect(f.status).toBe("consistent")
  })
})
