import { describe, expect, it } from "vitest"
import type { Figure } from "../../src/domain/figure.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { catalogOf, claim, metric, source, spiderWeb } from "./fixtures.js"

const find = (figs: Figure[], m: string, scope: Record<string, string> = {}): Figure => {
  const f = figs.find((x) => x.metric === m && JSON.stringify(x.scope) === JSON.stringify(scope))
  if (!f) throw new Error(`no figure ${m} ${JSON.stringify(scope)}`)
  return f
}
const role = (f: Figure, id: string) => f.claims.find((c) => c.id === id)?.role

describe("SPEC §4 worked example", () => {
  const { catalog, claims } = spiderWeb()
  const figs = reconcile({ catalog, claims })

  it("aircraft.destroyed is [12, 13], consistent, direct [0, 13], implied lo 12", () => {
    const f = find(figs, "aircraft.destroyed")
    expect(f.status).toBe("consistent")
    expect(f.range).toEqual({ lo: 12, hi: 13 })
    expect(f.direct).toEqual({ lo: 0, hi: 13 })
    expect(f.implied).toEqual({ lo: 12, hi: null })
    expect(f.best).toBe(13)
    expect(f.voices).toBe(1)
    expect(role(f, "nato-destroyed-13")).toBe("support")
  })

  it("aircraft.hit is a conflict over the tie: [41, 53], best null, SBU contested", () => {
    const f = find(figs, "aircraft.hit")
    expect(f.status).toBe("conflict")
    expect(f.range).toEqual({ lo: 41, hi: 53 })
    expect(f.best).toBeNull()
    expect(role(f, "sbu-hit-41")).toBe("contested")
    expect(f.conflicts).toHaveLength(1)
    const c = f.conflicts[0]!
    expect(c.kind).toBe("cross-cell")
    expect(c.claims).toEqual(["sbu-hit-41"])
    expect(c.against).toContain("nato-damaged-40")
    expect(c.against.some((id) => id.startsWith("avi-") || id.startsWith("maxar-"))).toBe(true)
    expect(c.reason).toMatch(/tie/)
    expect(f.explanation.join("\n")).toMatch(/aircraft\.hit\{\} = aircraft\.damaged \+ aircraft\.destroyed \(exhaustive\) raised lo to 52/)
  })

  it("aircraft.damaged is a conflict [28, 40] naming NATO's claim against the SBU's", () => {
    const f = find(figs, "aircraft.damaged")
    expect(f.status).toBe("conflict")
    expect(f.range).toEqual({ lo: 28, hi: 40 })
    expect(f.best).toBeNull()
    expect(role(f, "nato-damaged-40")).toBe("contested")
    expect(f.conflicts[0]!.claims).toEqual(["nato-damaged-40"])
    expect(f.conflicts[0]!.against).toContain("sbu-hit-41")
    expect(f.conflicts[0]!.kind).toBe("cross-cell")
  })

  it("the possibly-damaged Tu-95MS never constrains and is listed as possible", () => {
    const f = find(figs, "aircraft.damaged", { type: "Tu-95MS" })
    expect(f.voices).toBe(0)
    expect(role(f, "avi-possible-damaged")).toBe("possible")
    expect(f.direct).toBeNull()
  })

  it("estimated claims weigh 0.8", () => {
    const f = find(figs, "aircraft.destroyed", { type: "Tu-95MS" })
    expect(f.claims[0]!.weight).toBeCloseTo(0.8)
  })

  it("a heavier NATO official breaks the tie: hit = [52, 53], the SBU's claim excluded", () => {
    const w = spiderWeb(2)
    const g = reconcile({ catalog: w.catalog, claims: w.claims })
    const hit = find(g, "aircraft.hit")
    expect(hit.range).toEqual({ lo: 52, hi: 53 })
    expect(hit.status).toBe("conflict")
    expect(role(hit, "sbu-hit-41")).toBe("excluded")
    expect(hit.best).toBe(52)
    expect(hit.conflicts[0]!.kind).toBe("cross-cell")
    expect(hit.conflicts[0]!.against).toContain("nato-damaged-40")
    const damaged = find(g, "aircraft.damaged")
    expect(damaged.range).toEqual({ lo: 40, hi: 40 })
    expect(damaged.status).toBe("single-source")
  })

  it("learned weights replace the catalog prior", () => {
    const g = reconcile({ catalog, claims, weights: new Map([["sbu", 3]]) })
    expect(find(g, "aircraft.hit").range).toEqual({ lo: 41, hi: 41 })
    expect(role(find(g, "aircraft.damaged"), "nato-damaged-40")).toBe("excluded")
    expect(find(g, "aircraft.damaged").range).toEqual({ lo: 28, hi: 29 })
  })

  it("figures come sorted by event, metric, scope key, at", () => {
    const keys = figs.map((f) => `${f.metric}|${Object.keys(f.scope).sort().map((k) => `${k}=${f.scope[k]}`).join(";")}`)
    expect(keys).toEqual([...keys].sort())
  })
})

describe("statuses", () => {
  const cat = catalogOf([metric("m")], [source("a"), source("b"), source("c")])
  it("single-source, consistent, conflict (direct)", () => {
    expect(reconcile({ catalog: cat, claims: [claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 5 })] })[0]!.status).toBe("single-source")
    const two = reconcile({ catalog: cat, claims: [claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 5 }), claim({ id: "2", metric: "m", source: "b", lo: 4, hi: 9 })] })[0]!
    expect(two.status).toBe("consistent")
    expect(two.range).toEqual({ lo: 4, hi: 5 })
    const three = reconcile({
      catalog: cat, claims: [
        claim({ id: "1", metric: "m", source: "a", lo: 3, hi: 5 }), claim({ id: "2", metric: "m", source: "b", lo: 4, hi: 9 }),
        claim({ id: "3", metric: "m", source: "c", lo: 20, hi: 20 }),
      ],
    })[0]!
    expect(three.status).toBe("conflict")
    expect(three.range).toEqual({ lo: 4, hi: 5 })
    expect(three.conflicts).toEqual([expect.objectContaining({ kind: "direct", claims: ["3"], against: ["1", "2"] })])
  })
  it("no-data for a requested cell nobody speaks about", () => {
    const f = reconcile({ catalog: cat, claims: [], cells: [{ event: "ev", metric: "m", scope: {} }] })
    expect(f).toHaveLength(1)
    expect(f[0]!.status).toBe("no-data")
    expect(f[0]!.range).toBeNull()
    expect(f[0]!.best).toBeNull()
  })
  it("derived for a requested cell bounded by relations; best = finite bound nearest zero", () => {
    const c2 = catalogOf([metric("whole", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y")], [source("a"), source("b")])
    const figs = reconcile({
      catalog: c2,
      claims: [claim({ id: "w", metric: "whole", source: "a", lo: 10, hi: 10 }), claim({ id: "x", metric: "x", source: "b", lo: 3, hi: 4 })],
      cells: [{ event: "ev", metric: "y", scope: {} }],
    })
    const y = figs.find((f) => f.metric === "y")!
    expect(y.status).toBe("derived")
    expect(y.range).toEqual({ lo: 6, hi: 7 })
    expect(y.best).toBe(6)
    expect(y.direct).toBeNull()
    const x = figs.find((f) => f.metric === "x")!
    // a's whole 10 only implies x ≤ 10, looser than b's own [3, 4]: b alone stands behind the range
    expect(x.status).toBe("single-source")
    expect(x.implied).toEqual({ lo: 0, hi: 10 })
  })
})

describe("as-of and at", () => {
  const cat = catalogOf([metric("m")], [source("a")])
  const claims = [
    claim({ id: "old", metric: "m", source: "a", lo: 5, hi: 5, stated: "2025-01-01" }),
    claim({ id: "new", metric: "m", source: "a", lo: 7, hi: 7, stated: "2025-02-01" }),
  ]
  it("as-of hides claims stated later, so the earlier one stands", () => {
    expect(reconcile({ catalog: cat, claims })[0]!.range).toEqual({ lo: 7, hi: 7 })
    const f = reconcile({ catalog: cat, claims, asOf: "2025-01-15" })[0]!
    expect(f.range).toEqual({ lo: 5, hi: 5 })
    expect(f.claims.map((c) => c.id)).toEqual(["old"])
  })
  it("an as-of day includes statements made during that day", () => {
    const c = [claim({ id: "x", metric: "m", source: "a", lo: 1, hi: 1, stated: "2025-01-15T10:00:00.000Z" })]
    expect(reconcile({ catalog: cat, claims: c, asOf: "2025-01-15" })).toHaveLength(1)
    expect(reconcile({ catalog: cat, claims: c, asOf: "2025-01-14" })).toHaveLength(0)
  })
  it("non-cumulative claims meet only claims with the same at", () => {
    const c = [
      claim({ id: "p", metric: "m", source: "a", lo: 1, hi: 1, at: "2025-01-01" }),
      claim({ id: "q", metric: "m", source: "a", lo: 9, hi: 9, at: "2025-01-02" }),
    ]
    const figs = reconcile({ catalog: cat, claims: c })
    expect(figs.map((f) => [f.at, f.range])).toEqual([["2025-01-01", { lo: 1, hi: 1 }], ["2025-01-02", { lo: 9, hi: 9 }]])
    expect(reconcile({ catalog: cat, claims: c, at: "2025-01-02" }).map((f) => f.range)).toEqual([{ lo: 9, hi: 9 }])
  })
})
