import { describe, expect, it } from "vitest"
import { stabbingPoints } from "../../src/domain/interval-stabbing.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

describe("stabbingPoints", () => {
  it("finds the point covered by the greatest weight", () => {
    expect(stabbingPoints([{ lo: 1, hi: 5, weight: 1 }, { lo: 3, hi: 9, weight: 1 }, { lo: 4, hi: 4, weight: 1 }], 1e-9)).toEqual([4])
  })
  it("closed intervals: touching endpoints meet", () => {
    expect(stabbingPoints([{ lo: 1, hi: 3, weight: 1 }, { lo: 3, hi: 5, weight: 1 }], 1e-9)).toEqual([3])
  })
  it("returns every region that ties for the greatest weight", () => {
    expect(stabbingPoints([{ lo: 1, hi: 5, weight: 1 }, { lo: 3, hi: 9, weight: 1 }, { lo: 7, hi: 9, weight: 1 }], 1e-9)).toEqual([3, 7])
  })
  it("float sums within epsilon tie", () => {
    const pts = stabbingPoints([
      { lo: 0, hi: 0, weight: 0.1 }, { lo: 0, hi: 0, weight: 0.2 }, { lo: 5, hi: 5, weight: 0.3 },
    ], 1e-9)
    expect(pts).toEqual([0, 5])
  })
  it("ignores zero weights and empty intervals", () => {
    expect(stabbingPoints([{ lo: 1, hi: 1, weight: 0 }, { lo: 5, hi: 2, weight: 3 }, { lo: 4, hi: 4, weight: 1 }], 1e-9)).toEqual([4])
  })
})

describe("a lone cell without relations uses stabbing", () => {
  const cat = catalogOf([metric("t", { kind: "real" })], ["a", "b", "c", "d", "e"].map((s) => source(s)))
  it("majority by weight wins; the rest excluded with the voices that rule them out", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "a", metric: "t", source: "a", lo: 600, hi: 600 }),
        claim({ id: "b", metric: "t", source: "b", lo: 600, hi: 600 }),
        claim({ id: "c", metric: "t", source: "c", lo: 590, hi: 610 }),
        claim({ id: "d", metric: "t", source: "d", lo: 700, hi: 700 }),
      ],
    })[0]!
    expect(f.range).toEqual({ lo: 600, hi: 600 })
    expect(f.status).toBe("conflict")
    expect(f.conflicts).toEqual([expect.objectContaining({ kind: "direct", claims: ["d"], against: ["a", "b", "c"] })])
  })
  it("ties give several disjoint regions: conflict, hull, no best", () => {
    const f = reconcile({
      catalog: cat, claims: [
        claim({ id: "a", metric: "t", source: "a", lo: 1, hi: 2 }),
        claim({ id: "b", metric: "t", source: "b", lo: 1.5, hi: 3 }),
        claim({ id: "c", metric: "t", source: "c", lo: 5, hi: 6 }),
        claim({ id: "d", metric: "t", source: "d", lo: 5.5, hi: 9 }),
      ],
    })[0]!
    expect(f.status).toBe("conflict")
    expect(f.range).toEqual({ lo: 1.5, hi: 6 })
    expect(f.best).toBeNull()
    expect(f.claims.every((c) => c.role === "contested")).toBe(true)
    expect(f.explanation.join("\n")).toMatch(/2 sets of voices tie/)
  })
  // Time is measured in `npm run bench`, never asserted here: this checks that a cell far above the
  // exact-search limit still takes the sweep (no heuristic) and gets the right answer.
  it("reconciles a cell of 20k voices by the sweep, exactly", () => {
    const many = catalogOf([metric("t", { kind: "real" })], [])
    // Every integer point k is covered by the voices [k-1, k] and [k, k+1]; one extra [50, 51] makes the
    // points 50 and 51 the heaviest, with different voice sets: a tie, so the range is their hull.
    const claims = Array.from({ length: 20_000 }, (_, i) => claim({ id: `c${i}`, metric: "t", source: `s${i}`, lo: i % 100, hi: (i % 100) + 1 }))
    claims.push(claim({ id: "extra", metric: "t", source: "extra", lo: 50, hi: 51 }))
    const f = reconcile({ catalog: many, claims })[0]!
    expect(f.voices).toBe(20_001)
    expect(f.heuristic).toBeNull()
    expect(f.range).toEqual({ lo: 50, hi: 51 })
  })
})
