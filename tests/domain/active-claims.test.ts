import { describe, expect, it } from "vitest"
import { activeClaims } from "../../src/domain/active-claims.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const cat = catalogOf([metric("m")], [source("a"), source("b")])

describe("activeClaims", () => {
  it("a later statement of the same source on the same cell supersedes the earlier", () => {
    const r = activeClaims([
      claim({ id: "1", metric: "m", source: "a", lo: 1, hi: 1, stated: "2025-01-01" }),
      claim({ id: "2", metric: "m", source: "a", lo: 2, hi: 2, stated: "2025-01-02" }),
    ])
    expect([...r.active]).toEqual(["2"])
    expect(r.inactive.get("1")).toEqual({ by: "2", how: "stated-later" })
  })
  it("a statement without date sorts before dated ones", () => {
    const r = activeClaims([
      claim({ id: "1", metric: "m", source: "a", lo: 1, hi: 1, stated: null }),
      claim({ id: "2", metric: "m", source: "a", lo: 2, hi: 2, stated: "2025-01-02" }),
    ])
    expect([...r.active]).toEqual(["2"])
  })
  it("different sources, scopes or ats never supersede each other", () => {
    const r = activeClaims([
      claim({ id: "1", metric: "m", source: "a", lo: 1, hi: 1, stated: "2025-01-01" }),
      claim({ id: "2", metric: "m", source: "b", lo: 2, hi: 2, stated: "2025-01-02" }),
      claim({ id: "3", metric: "m", source: "a", scope: { d: "x" }, lo: 2, hi: 2, stated: "2025-01-02" }),
      claim({ id: "4", metric: "m", source: "a", at: "2025-01-05", lo: 2, hi: 2, stated: "2025-01-02" }),
    ])
    expect([...r.active].sort()).toEqual(["1", "2", "3", "4"])
  })
  it("explicit supersedes wins even over a later statement", () => {
    const r = activeClaims([
      claim({ id: "fix", metric: "m", source: "a", lo: 1, hi: 1, stated: "2025-01-01", supersedes: "orig" }),
      claim({ id: "orig", metric: "m", source: "a", lo: 2, hi: 2, stated: "2025-01-02" }),
    ])
    expect([...r.active]).toEqual(["fix"])
    expect(r.inactive.get("orig")).toEqual({ by: "fix", how: "superseded" })
  })
  it("a supersedes naming another source's claim is ignored", () => {
    const r = activeClaims([
      claim({ id: "x", metric: "m", source: "b", lo: 1, hi: 1, supersedes: "y" }),
      claim({ id: "y", metric: "m", source: "a", lo: 2, hi: 2 }),
    ])
    expect([...r.active].sort()).toEqual(["x", "y"])
  })
  it("a retraction withdraws its target and carries no value; the earlier value comes back", () => {
    const r = activeClaims([
      claim({ id: "v1", metric: "m", source: "a", lo: 10, hi: 10, stated: "2025-01-01" }),
      claim({ id: "v2", metric: "m", source: "a", lo: 12, hi: 12, stated: "2025-02-01" }),
      claim({ id: "r", metric: "m", source: "a", lo: 0, hi: 0, stated: "2025-03-01", retracts: "v2" }),
    ])
    expect([...r.active]).toEqual(["v1"])
    expect(r.inactive.get("v2")).toEqual({ by: "r", how: "retracted" })
    expect(r.retractions.get("r")).toBe("v2")
  })
})

describe("supersession in figures", () => {
  it("superseded and retraction claims are listed with role superseded and never constrain", () => {
    const f = reconcile({
      catalog: cat,
      claims: [
        claim({ id: "v1", metric: "m", source: "a", lo: 10, hi: 10, stated: "2025-01-01" }),
        claim({ id: "v2", metric: "m", source: "a", lo: 12, hi: 12, stated: "2025-02-01" }),
        claim({ id: "r", metric: "m", source: "a", lo: 99, hi: 99, stated: "2025-03-01", retracts: "v2" }),
      ],
    })[0]!
    expect(f.range).toEqual({ lo: 10, hi: 10 })
    expect(f.claims.map((c) => [c.id, c.role])).toEqual([["v1", "support"], ["r", "superseded"], ["v2", "superseded"]])
    expect(f.claims.find((c) => c.id === "r")).toMatchObject({ lo: null, hi: null, weight: 0 })
    expect(f.explanation.join("\n")).toMatch(/retracts claim v2/)
    expect(f.voices).toBe(1)
  })
})
