import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { EXACT_LIMIT, feasible, findConsensus, GREEDY, type SearchVoice } from "../../src/domain/consensus.js"
import { catalogGraph } from "../../src/domain/catalog-graph.js"
import { cellRef } from "../../src/domain/cell.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { buildNetwork } from "../../src/domain/relations.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const sumCatalog = () => catalogOf([metric("w", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y")], [])

describe("findConsensus over relations", () => {
  const graph = catalogGraph(sumCatalog())
  const net = buildNetwork(graph, [cellRef("w", {}), cellRef("x", {}), cellRef("y", {})])
  const idx = (m: string) => net.cells.findIndex((c) => c.metric === m)
  const v = (m: string, lo: number, hi: number, weight: number, key: string): SearchVoice => ({ cell: idx(m), lo, hi, weight, key })

  it("keeps the heaviest feasible set", () => {
    // any two fit together (w=10 with x=3 gives y=7, …), all three do not: the lightest goes
    const voices = [v("w", 10, 10, 1, "a"), v("x", 3, 3, 0.5, "b"), v("y", 9, 9, 1, "c")]
    const r = findConsensus(net, voices)
    expect(r.sets).toHaveLength(1)
    expect([...r.sets[0]!]).toEqual([1, 0, 1])
  })
  it("finds all sets that tie", () => {
    const voices = [v("w", 10, 10, 1, "a"), v("x", 3, 3, 1, "b"), v("y", 9, 9, 1, "c")]
    const r = findConsensus(net, voices)
    expect(r.sets.map((s) => [...s].join(""))).toEqual(["110", "101", "011"])
    expect(r.heuristic).toBeNull()
  })
})

describe("large components use the named greedy heuristic", () => {
  it(`more than ${EXACT_LIMIT} weighing voices with relations`, () => {
    const cat = catalogOf([metric("w", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y")],
      Array.from({ length: 30 }, (_, i) => source(`s${i}`)))
    const claims = Array.from({ length: 30 }, (_, i) =>
      claim({ id: `c${i}`, metric: ["w", "x", "y"][i % 3]!, source: `s${i}`, lo: i % 3 === 0 ? 10 + (i % 2) : 5, hi: i % 3 === 0 ? 10 + (i % 2) : 5 }))
    const figs = reconcile({ catalog: cat, claims })
    for (const f of figs) {
      expect(f.heuristic).toBe(GREEDY)
      expect(f.explanation.join(" ")).toContain(GREEDY)
    }
    expect(figs.find((f) => f.metric === "w")!.range).toEqual({ lo: 10, hi: 10 })
  })
  it("a component of 20 voices is still exact", () => {
    const cat = catalogOf([metric("w", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y")],
      Array.from({ length: 20 }, (_, i) => source(`s${i}`)))
    const claims = Array.from({ length: 20 }, (_, i) => claim({ id: `c${i}`, metric: ["w", "x", "y"][i % 3]!, source: `s${i}`, lo: i % 3 === 0 ? 11 : 5, hi: i % 3 === 0 ? 11 : 5 }))
    for (const f of reconcile({ catalog: cat, claims })) expect(f.heuristic).toBeNull()
  })
})

describe("the greedy heuristic keeps a feasible set no voice can join", () => {
  const graph = catalogGraph(sumCatalog())
  const net = buildNetwork(graph, [cellRef("w", {}), cellRef("x", {}), cellRef("y", {})])
  const voice = fc.record({ cell: fc.integer({ min: 0, max: 2 }), lo: fc.integer({ min: 0, max: 20 }), width: fc.integer({ min: 0, max: 4 }), weight: fc.integer({ min: 1, max: 5 }) })
  // more weighing voices than the exact search takes, so the heuristic decides
  test.prop([fc.array(voice, { minLength: EXACT_LIMIT - 1, maxLength: EXACT_LIMIT + 10 })])("over more than EXACT_LIMIT voices", (vs) => {
    // two voices that can never both be true: every case has something to leave out
    const voices: SearchVoice[] = [{ cell: 1, lo: 0, hi: 0, weight: 1, key: "a" }, { cell: 1, lo: 30, hi: 30, weight: 1, key: "b" },
      ...vs.map((v, i) => ({ cell: v.cell, lo: v.lo, hi: v.lo + v.width, weight: v.weight, key: `k${String(i).padStart(2, "0")}` }))]
    const r = findConsensus(net, voices)
    expect(r.heuristic).toBe(GREEDY)
    const kept = r.sets[0]!
    expect(feasible(net, voices, kept)).toBe(true)
    for (let i = 0; i < voices.length; i++) {
      if (kept[i]) continue
      const more = Uint8Array.from(kept)
      more[i] = 1
      expect(feasible(net, voices, more)).toBe(false)
    }
  })
})
