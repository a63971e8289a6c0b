import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { activeClaims } from "../../src/domain/active-claims.js"
import type { Catalog } from "../../src/domain/catalog.js"
import { catalogGraph } from "../../src/domain/catalog-graph.js"
import { cellRef } from "../../src/domain/cell.js"
import type { Claim } from "../../src/domain/claim.js"
import { feasible, type SearchVoice } from "../../src/domain/consensus.js"
import type { Figure } from "../../src/domain/figure.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { buildNetwork } from "../../src/domain/relations.js"
import { representative } from "../../src/domain/voices.js"
import { claim, metric, source } from "./fixtures.js"

const SOURCES = ["s0", "s1", "s2", "s3", "s4"]
const catalog = (weights: readonly number[], names: readonly string[] = SOURCES): Catalog => ({
  name: "p",
  events: [{ id: "ev" }],
  sources: names.map((s, i) => source(s, weights[i]!)),
  metrics: [metric("w", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y"), metric("r", { kind: "real" })],
  dimensions: [{ id: "d", exhaustive: true, values: [{ id: "p" }, { id: "q" }, { id: "q1", parent: "q" }] }],
})

const claimArb = fc.record({
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
  metric: fc.constantFrom("w", "x", "y", "r"),
  scope: fc.constantFrom({}, { d: "p" }, { d: "q" }, { d: "q1" }),
  lo: fc.integer({ min: 0, max: 12 }),
  width: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)),
  certainty: fc.constantFrom("asserted", "asserted", "estimated", "possible"),
  stated: fc.constantFrom(null, "2025-01-01", "2025-01-02"),
  via: fc.constantFrom<string[]>([], [], ["o1"], ["o2", "o1"]),
})

const claimsArb = fc.array(claimArb, { minLength: 1, maxLength: 9 }).map((rs) =>
  rs.map((r, i): Claim => claim({
    id: `c${i}`, metric: r.metric, scope: r.scope, source: SOURCES[r.source]!, lo: r.lo, hi: r.lo + r.width,
    certainty: r.certainty as Claim["certainty"], stated: r.stated, via: r.via,
  })))
const weightsArb = fc.array(fc.constantFrom(0.5, 1, 1, 2), { minLength: SOURCES.length, maxLength: SOURCES.length })

const core = (f: Figure) => ({ key: `${f.metric}|${JSON.stringify(f.scope)}|${f.at}`, status: f.status, range: f.range, best: f.best, direct: f.direct, implied: f.implied })

describe("reconcile properties", () => {
  test.prop([claimsArb, weightsArb, fc.nat()])("does not depend on claim order", (claims, weights, seed) => {
    const cat = catalog(weights)
    const shuffled = [...claims]
    let s = seed
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648
      const j = s % (i + 1)
      ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
    }
    expect(reconcile({ catalog: cat, claims: shuffled })).toEqual(reconcile({ catalog: cat, claims }))
  })

  test.prop([claimsArb, weightsArb])("duplicating claims changes nothing", (claims, weights) => {
    const cat = catalog(weights)
    expect(reconcile({ catalog: cat, claims: [...claims, ...claims.slice(0, 3)] })).toEqual(reconcile({ catalog: cat, claims }))
  })

  test.prop([claimsArb, weightsArb, fc.integer({ min: 0, max: 100 })])("a new voice inside the consensus range never widens it", (claims, weights, pick) => {
    const cat: Catalog = { ...catalog(weights), sources: [...catalog(weights).sources, source("fresh")] }
    const before = reconcile({ catalog: cat, claims })
    const target = before.filter((f) => f.range !== null)[pick % Math.max(1, before.filter((f) => f.range !== null).length)]
    fc.pre(target !== undefined)
    const r = target!.range!
    const extra = claim({ id: "zz-new", metric: target!.metric, scope: target!.scope, source: "fresh", lo: r.lo ?? 0, hi: r.hi ?? Infinity })
    const after = reconcile({ catalog: cat, claims: [...claims, extra] }).find((f) => core(f).key === core(target!).key)!
    const lo = (x: number | null) => x ?? -Infinity
    const hi = (x: number | null) => x ?? Infinity
    expect(lo(after.range!.lo)).toBeGreaterThanOrEqual(lo(r.lo))
    expect(hi(after.range!.hi)).toBeLessThanOrEqual(hi(r.hi))
  })

  test.prop([claimsArb, weightsArb])("the range lies inside every kept voice's interval", (claims, weights) => {
    for (const f of reconcile({ catalog: catalog(weights), claims })) {
      const bySource = new Map<string, { lo: number; hi: number }>()
      for (const c of f.claims) {
        if (c.role !== "support") continue
        const prev = bySource.get(c.source)
        const lo = c.lo ?? -Infinity
        const hi = c.hi ?? Infinity
        bySource.set(c.source, prev ? { lo: Math.min(prev.lo, lo), hi: Math.max(prev.hi, hi) } : { lo, hi })
      }
      for (const v of bySource.values()) {
        expect(f.range!.lo ?? -Infinity).toBeGreaterThanOrEqual(v.lo)
        expect(f.range!.hi ?? Infinity).toBeLessThanOrEqual(v.hi)
      }
    }
  })

  test.prop([claimsArb, weightsArb])("every excluded voice really cannot be true together with the claims named against it", (claims, weights) => {
    const cat = catalog(weights)
    const figs = reconcile({ catalog: cat, claims })
    const byId = new Map(claims.map((c) => [c.id, c]))
    const graph = catalogGraph(cat)
    const seeds = [...new Map(claims.map((c) => [cellRef(c.metric, c.scope).key, cellRef(c.metric, c.scope)])).values()]
    for (const f of figs) {
      for (const conflict of f.conflicts) {
        const net = buildNetwork(graph, seeds)
        // voices rebuilt from the claims: one per source and cell, the hull of its listed values
        const groups = new Map<string, { cell: number; lo: number; hi: number }>()
        for (const id of [...conflict.claims, ...conflict.against]) {
          const c = byId.get(id)!
          const cell = net.cells.findIndex((x) => x.key === cellRef(c.metric, c.scope).key)
          const k = `${c.source}|${cell}`
          const g = groups.get(k)
          groups.set(k, g ? { cell, lo: Math.min(g.lo, c.lo), hi: Math.max(g.hi, c.hi) } : { cell, lo: c.lo, hi: c.hi })
        }
        const voices: SearchVoice[] = [...groups.entries()].map(([key, g]) => ({ ...g, weight: 1, key }))
        const all = new Uint8Array(voices.length).fill(1)
        expect(feasible(net, voices, all)).toBe(false)
        const excludedKeys = new Set(conflict.claims.map((id) => `${byId.get(id)!.source}|${net.cells.findIndex((x) => x.key === cellRef(byId.get(id)!.metric, byId.get(id)!.scope).key)}`))
        voices.forEach((v, i) => {
          if (excludedKeys.has(v.key)) return
          if (conflict.kind === "direct") {
            // a direct conflict names every kept voice of the cell it clashes with: each alone rules it out
            const pair = voices.map((w, j) => (j === i || excludedKeys.has(w.key) ? 1 : 0))
            expect(feasible(net, voices, Uint8Array.from(pair))).toBe(false)
            return
          }
          // where the relations carry it, the against-set is minimal: dropping any one restores feasibility
          const without = Uint8Array.from(all)
          without[i] = 0
          if (f.metric !== "r") expect(feasible(net, voices, without)).toBe(true)
        })
      }
    }
  })

  test.prop([claimsArb, weightsArb, fc.shuffledSubarray(SOURCES.map((_, i) => i), { minLength: SOURCES.length, maxLength: SOURCES.length })])(
    "renaming sources does not change statuses or ranges", (claims, weights, perm) => {
      const names = perm.map((i) => `renamed-${9 - i}`)
      const rename = new Map(SOURCES.map((s, i) => [s, names[i]!]))
      const cat = catalog(weights)
      const renamedCat = catalog(weights, names)
      const renamed = claims.map((c) => ({ ...c, source: rename.get(c.source)! }))
      expect(reconcile({ catalog: renamedCat, claims: renamed }).map(core)).toEqual(reconcile({ catalog: cat, claims }).map(core))
    })

  test.prop([claimsArb, weightsArb])("a best estimate is a value a kept voice stands for, or a bound of the range: never interpolated", (claims, weights) => {
    for (const f of reconcile({ catalog: catalog(weights), claims })) {
      const integer = f.metric !== "r"
      const range = f.range
      const fit = (x: number): number => {
        const y = Math.min(range!.hi ?? Infinity, Math.max(range!.lo ?? -Infinity, x))
        return integer ? Math.round(y) : y
      }
      const stood = f.claims.filter((c) => c.role === "support")
        .map((c) => representative(c.lo ?? -Infinity, c.hi ?? Infinity, null, integer ? 0 : -Infinity))
        .filter((x): x is number => x !== null).map(fit)
      const allowed = [...stood, ...(range === null ? [] : [range.lo, range.hi].filter((x): x is number => x !== null))]
      if (f.best !== null) expect(allowed).toContain(f.best)
      if (f.best_candidates.length > 0) {
        expect(f.best).toBeNull()
        expect(f.best_candidates).toHaveLength(2)
        for (const x of f.best_candidates) expect(stood).toContain(x)
      }
    }
  })

  test.prop([claimsArb, weightsArb, fc.nat(), fc.integer({ min: 0, max: 40 })])(
    "a relay never moves a figure: a later report of a source's claim through one more outlet changes no range, status or best",
    (claims, weights, pick, value) => {
      // A claim that stands and is a voice's: the relay of it comes through a longer chain than it.
      const { active } = activeClaims(claims)
      const candidates = claims.filter((c) => c.certainty !== "possible" && active.has(c.id))
      fc.pre(candidates.length > 0)
      const c = candidates[pick % candidates.length]!
      const relay = claim({
        id: "zz-relay", metric: c.metric, scope: c.scope, source: c.source, via: [...c.via, "o1", "o2", "o3"],
        lo: value, hi: value, stated: "2025-02-01",
      })
      const cat = catalog(weights)
      const before = reconcile({ catalog: cat, claims })
      const after = reconcile({ catalog: cat, claims: [...claims, relay] })
      expect(after.map(core)).toEqual(before.map(core))
      const listed = after.flatMap((f) => f.claims).filter((x) => x.id === "zz-relay")
      expect(listed.length).toBeGreaterThan(0)
      for (const x of listed) expect(["relayed", "repeat"]).toContain(x.role)
    },
  )
})
