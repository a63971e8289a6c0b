import { describe, expect, it } from "vitest"
import { fc, test } from "@fast-check/vitest"
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

describe("activeClaims: a later claim supersedes only when it comes at least as directly (SPEC §4.1)", () => {
  // The SPEC's case: the study's own "4,645, 95% CI 793–8,498", then months later a relay's "at least 4,645".
  const study = claim({ id: "study", metric: "m", source: "a", lo: 793, hi: 8498, best: 4645, stated: "2018-05-29" })
  const relay = claim({ id: "upi", metric: "m", source: "a", via: ["upi"], lo: 4645, hi: Infinity, stated: "2018-09-01" })
  it("a later relay through a longer chain does not supersede the source's own words", () => {
    const r = activeClaims([study, relay])
    expect([...r.active].sort()).toEqual(["study", "upi"])
  })
  it("a later claim through a chain no longer does, and a relay stated earlier is superseded", () => {
    const sameChain = claim({ id: "upi-2", metric: "m", source: "a", via: ["upi"], lo: 5000, hi: 5000, stated: "2018-10-01" })
    expect(activeClaims([relay, sameChain]).inactive.get("upi")).toEqual({ by: "upi-2", how: "stated-later" })
    const earlyRelay = claim({ id: "early", metric: "m", source: "a", via: ["ap", "x"], lo: 1, hi: 1, stated: "2018-05-01" })
    expect(activeClaims([study, earlyRelay]).inactive.get("early")).toEqual({ by: "study", how: "stated-later" })
  })
  it("a claim is superseded by the latest claim at most as indirect as itself, not by a later, longer one", () => {
    const r = activeClaims([
      claim({ id: "direct-1", metric: "m", source: "a", lo: 1, hi: 1, stated: "2025-01-01" }),
      claim({ id: "via1-2", metric: "m", source: "a", via: ["x"], lo: 2, hi: 2, stated: "2025-01-02" }),
      claim({ id: "direct-3", metric: "m", source: "a", lo: 3, hi: 3, stated: "2025-01-03" }),
      claim({ id: "via2-4", metric: "m", source: "a", via: ["x", "y"], lo: 4, hi: 4, stated: "2025-01-04" }),
    ])
    expect([...r.active].sort()).toEqual(["direct-3", "via2-4"])
    expect(r.inactive.get("direct-1")).toEqual({ by: "direct-3", how: "stated-later" })
    expect(r.inactive.get("via1-2")).toEqual({ by: "direct-3", how: "stated-later" })
  })
})

describe("properties: supersession by statement date", () => {
  const claimsArb = fc.array(fc.record({
    source: fc.constantFrom("a", "b"), via: fc.constantFrom<string[]>([], ["x"], ["y"], ["x", "y"]),
    stated: fc.constantFrom(null, "2025-01-01", "2025-01-02", "2025-01-03"), lo: fc.integer({ min: 0, max: 5 }),
  }), { minLength: 1, maxLength: 8 }).map((rs) => rs.map((r, i) => claim({ id: `c${i}`, metric: "m", ...r, hi: r.lo })))

  test.prop([claimsArb])("a claim stands exactly when no claim of its source is stated later with a chain no longer", (claims) => {
    const r = activeClaims(claims)
    for (const c of claims) {
      const replacing = claims.filter((d) => d.source === c.source && d.via.length <= c.via.length && (d.stated ?? "") > (c.stated ?? ""))
      expect(r.active.has(c.id)).toBe(replacing.length === 0)
      if (replacing.length > 0) {
        const by = r.inactive.get(c.id)!
        const latest = replacing.reduce((m, d) => ((d.stated ?? "") > m ? d.stated ?? "" : m), "")
        expect(replacing.filter((d) => d.stated === latest).map((d) => d.id).sort()[0]).toBe(by.by)
      }
    }
  })

  test.prop([claimsArb, fc.nat()])("does not depend on claim order", (claims, seed) => {
    const shuffled = [...claims].sort((x, y) => ((Number(x.id.slice(1)) * 7919 + seed) % 13) - ((Number(y.id.slice(1)) * 7919 + seed) % 13))
    const a = activeClaims(claims)
    const b = activeClaims(shuffled)
    expect([...b.active].sort()).toEqual([...a.active].sort())
    expect(new Map([...b.inactive].sort())).toEqual(new Map([...a.inactive].sort()))
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
