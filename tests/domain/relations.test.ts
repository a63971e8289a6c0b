import { describe, expect, it } from "vitest"
import { catalogGraph } from "../../src/domain/catalog-graph.js"
import { cellRef } from "../../src/domain/cell.js"
import type { Figure } from "../../src/domain/figure.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { buildNetwork } from "../../src/domain/relations.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const get = (figs: Figure[], m: string, scope: Record<string, string> = {}) =>
  figs.find((f) => f.metric === m && JSON.stringify(Object.entries(f.scope).sort()) === JSON.stringify(Object.entries(scope).sort()))!

describe("relations", () => {
  const dims = (exhaustive: boolean) => [
    { id: "type", exhaustive, values: [{ id: "bomber" }, { id: "Tu-95", parent: "bomber" }, { id: "Tu-22", parent: "bomber" }] },
    { id: "loc", exhaustive: false, values: [{ id: "belaya" }, { id: "olenya" }] },
  ]
  const cat = catalogOf([metric("hit", { parts: ["damaged", "destroyed"], exhaustive: true }), metric("damaged"), metric("destroyed")], [source("a"), source("b")], dims(false))

  it("hold in every combination of the other dimensions, for metric parts and dimension hierarchies", () => {
    const figs = reconcile({
      catalog: cat,
      claims: [claim({ id: "x", metric: "destroyed", scope: { type: "Tu-95", loc: "belaya" }, source: "a", lo: 5, hi: 5 })],
      cells: [
        { event: "ev", metric: "destroyed", scope: { loc: "belaya" } },
        { event: "ev", metric: "destroyed", scope: { type: "bomber" } },
        { event: "ev", metric: "destroyed", scope: { type: "bomber", loc: "belaya" } },
        { event: "ev", metric: "hit", scope: { loc: "belaya" } },
        { event: "ev", metric: "hit", scope: { type: "Tu-95" } },
        { event: "ev", metric: "damaged", scope: { type: "Tu-22" } },
      ],
    })
    for (const [m, scope] of [["destroyed", { loc: "belaya" }], ["destroyed", { type: "bomber" }], ["destroyed", { type: "bomber", loc: "belaya" }], ["hit", { loc: "belaya" }], ["hit", { type: "Tu-95" }]] as const) {
      const f = get(figs, m, scope)
      expect(f.status, `${m} ${JSON.stringify(scope)}`).toBe("derived")
      expect(f.range, `${m} ${JSON.stringify(scope)}`).toEqual({ lo: 5, hi: null })
    }
    expect(get(figs, "damaged", { type: "Tu-22" }).status).toBe("no-data")
  })

  it("exhaustive parts give both bounds; non-exhaustive only the upper one", () => {
    const mk = (exhaustive: boolean) => catalogOf([metric("w", { parts: ["x", "y"], exhaustive }), metric("x"), metric("y")], [source("a"), source("b")])
    const claims = [claim({ id: "w", metric: "w", source: "a", lo: 10, hi: 10 }), claim({ id: "x", metric: "x", source: "b", lo: 3, hi: 3 })]
    const cells = [{ event: "ev", metric: "y", scope: {} }]
    expect(get(reconcile({ catalog: mk(true), claims, cells }), "y").range).toEqual({ lo: 7, hi: 7 })
    expect(get(reconcile({ catalog: mk(false), claims, cells }), "y").range).toEqual({ lo: 0, hi: 7 })
  })

  it("an absent child counts as [0, ∞): an exhaustive dimension gives no upper bound through it", () => {
    const c3 = catalogOf([metric("m")], [source("a"), source("b")], [{ id: "d", exhaustive: true, values: [{ id: "p" }, { id: "q" }, { id: "r" }] }])
    const figs = reconcile({
      catalog: c3,
      claims: [claim({ id: "t", metric: "m", source: "a", lo: 10, hi: 10 }), claim({ id: "p", metric: "m", scope: { d: "p" }, source: "b", lo: 3, hi: 3 })],
      cells: [{ event: "ev", metric: "m", scope: { d: "q" } }],
    })
    expect(get(figs, "m", { d: "q" }).range).toEqual({ lo: 0, hi: 7 })
  })

  it("exhaustive dimension: the children's sum bounds the whole from above", () => {
    const c3 = catalogOf([metric("m")], [source("a"), source("b")], [{ id: "d", exhaustive: true, values: [{ id: "p" }, { id: "q" }] }])
    const figs = reconcile({
      catalog: c3,
      claims: [claim({ id: "p", metric: "m", scope: { d: "p" }, source: "a", lo: 3, hi: 3 }), claim({ id: "q", metric: "m", scope: { d: "q" }, source: "b", lo: 1, hi: 2 })],
      cells: [{ event: "ev", metric: "m", scope: {} }],
    })
    const total = get(figs, "m")
    expect(total.range).toEqual({ lo: 4, hi: 5 })
    expect(total.best).toBe(4)
    expect(total.status).toBe("derived")
  })

  it("the network holds only ancestors of the cells that matter, even with many values", () => {
    const values = [{ id: "all-x" }, ...Array.from({ length: 10_000 }, (_, i) => ({ id: `v${i}`, parent: "all-x" }))]
    const big = catalogOf([metric("m")], [], [{ id: "d", exhaustive: false, values }])
    const net = buildNetwork(catalogGraph(big), [cellRef("m", { d: "v1" }), cellRef("m", { d: "v2" })])
    expect(net.cells.map((c) => c.key).sort()).toEqual([cellRef("m", {}).key, cellRef("m", { d: "all-x" }).key, cellRef("m", { d: "v1" }).key, cellRef("m", { d: "v2" }).key].sort())
    const rel = net.relations.find((r) => net.cells[r.whole]!.scope.d === "all-x")!
    expect(rel.parts).toHaveLength(2)
    expect(rel.absent).toBe(9_998)
  })

  it("a contradiction carried by a dimension is a cross-cell conflict", () => {
    const figs = reconcile({
      catalog: cat,
      claims: [
        claim({ id: "all", metric: "destroyed", source: "a", lo: 0, hi: 3 }),
        claim({ id: "t95", metric: "destroyed", scope: { type: "Tu-95" }, source: "b", lo: 5, hi: 5 }),
      ],
      weights: new Map([["b", 2]]),
    })
    const f = get(figs, "destroyed")
    expect(f.status).toBe("conflict")
    expect(f.conflicts).toEqual([expect.objectContaining({ kind: "cross-cell", claims: ["all"], against: ["t95"] })])
    expect(f.range).toEqual({ lo: 5, hi: null })
    expect(f.explanation.join("\n")).toMatch(/raised lo to 5/)
  })
})
