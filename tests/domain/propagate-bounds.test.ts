import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import type { Catalog } from "../../src/domain/catalog.js"
import { catalogGraph } from "../../src/domain/catalog-graph.js"
import { cellRef } from "../../src/domain/cell.js"
import {
  applyVoice, domainBounds, emptyTrace, propagate, type PropagateResult, type Trace, unionSorted,
} from "../../src/domain/propagate-bounds.js"
import { buildNetwork, type Network } from "../../src/domain/relations.js"
import { metric } from "./fixtures.js"

const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x))
const referenceFail = (cell: number, trace?: Trace): PropagateResult => ({
  ok: false,
  cell,
  why: trace ? unionSorted(trace.loWhy[cell]!, trace.hiWhy[cell]!) : [],
})

/** The propagation as it was before it was made faster (closures, sums taken again for every part): the reference. */
const referencePropagate = (
  net: Network, lo: Float64Array, hi: Float64Array, trace?: Trace, dirty?: readonly number[],
): PropagateResult => {
  const nRel = net.relations.length
  for (let c = 0; c < lo.length; c++) {
    if (lo[c]! > hi[c]! + tol(hi[c]!)) return referenceFail(c, trace)
  }
  const inQueue = new Uint8Array(nRel)
  const queue: number[] = []
  const push = (r: number): void => {
    if (!inQueue[r]) {
      inQueue[r] = 1
      queue.push(r)
    }
  }
  if (dirty) for (const c of dirty) for (const r of net.relationsOf[c]!) push(r)
  else for (let r = 0; r < nRel; r++) push(r)
  let evals = 0
  const maxEvals = 1000 + 200 * nRel
  let head = 0
  while (head < queue.length) {
    if (++evals > maxEvals) return { ok: true, capped: true }
    const ri = queue[head++]!
    inQueue[ri] = 0
    if (head > 4096) {
      queue.splice(0, head)
      head = 0
    }
    const r = net.relations[ri]!
    const changed: number[] = []
    const setLo = (c: number, v: number, why: () => number[]): boolean => {
      const x = net.integer[c] ? Math.ceil(v - 1e-9) : v
      if (!(x > lo[c]! + tol(lo[c]!)) && !(lo[c] === -Infinity && x > -Infinity)) return true
      lo[c] = x
      if (trace) {
        trace.loWhy[c] = why()
        trace.loRel[c] = ri
      }
      changed.push(c)
      return lo[c]! <= hi[c]! + tol(hi[c]!)
    }
    const setHi = (c: number, v: number, why: () => number[]): boolean => {
      const x = net.integer[c] ? Math.floor(v + 1e-9) : v
      if (!(x < hi[c]! - tol(hi[c]!)) && !(hi[c] === Infinity && x < Infinity)) return true
      hi[c] = x
      if (trace) {
        trace.hiWhy[c] = why()
        trace.hiRel[c] = ri
      }
      changed.push(c)
      return lo[c]! <= hi[c]! + tol(hi[c]!)
    }
    // Sums with infinities counted apart, so "Σ of the others" is exact without re-summing.
    const sums = (): { loFin: number; loInf: number; hiFin: number; hiInf: number } => {
      let loFin = 0
      let loInf = 0
      let hiFin = 0
      let hiInf = r.absent > 0 ? 1 : 0
      if (r.absentLo === -Infinity) loInf++
      else loFin += r.absentLo
      for (const p of r.parts) {
        const l = lo[p]!
        const h = hi[p]!
        if (l === -Infinity) loInf++
        else loFin += l
        if (h === Infinity) hiInf++
        else hiFin += h
      }
      return { loFin, loInf, hiFin, hiInf }
    }
    const whyAll = (side: "lo" | "hi", except: number, extra: readonly number[]): number[] => {
      let acc: number[] = [...extra]
      for (const p of r.parts) if (p !== except) acc = unionSorted(acc, side === "lo" ? trace!.loWhy[p]! : trace!.hiWhy[p]!)
      return acc
    }
    let s = sums()
    const w = r.whole
    if (!setLo(w, s.loInf > 0 ? -Infinity : s.loFin, () => whyAll("lo", -1, []))) return referenceFail(w, trace)
    if (r.exhaustive && !setHi(w, s.hiInf > 0 ? Infinity : s.hiFin, () => whyAll("hi", -1, []))) return referenceFail(w, trace)
    for (const p of r.parts) {
      s = sums()
      const othersLoInf = s.loInf - (lo[p] === -Infinity ? 1 : 0)
      const othersLo = othersLoInf > 0 ? -Infinity : s.loFin - (lo[p] === -Infinity ? 0 : lo[p]!)
      if (hi[w]! < Infinity && othersLo > -Infinity) {
        if (!setHi(p, hi[w]! - othersLo, () => whyAll("lo", p, trace!.hiWhy[w]!))) return referenceFail(p, trace)
      }
      if (r.exhaustive) {
        const othersHiInf = s.hiInf - (hi[p] === Infinity ? 1 : 0)
        const othersHi = othersHiInf > 0 ? Infinity : s.hiFin - (hi[p] === Infinity ? 0 : hi[p]!)
        if (lo[w]! > -Infinity && othersHi < Infinity) {
          if (!setLo(p, lo[w]! - othersHi, () => whyAll("hi", p, trace!.loWhy[w]!))) return referenceFail(p, trace)
        }
      }
    }
    for (const c of changed) for (const r2 of net.relationsOf[c]!) if (r2 !== ri || c !== w) push(r2)
  }
  return { ok: true, capped: false }
}


// Metric parts (exhaustive and not, one real part), two dimensions with a hierarchy: networks with
// cycles, absent parts and infinite sums.
const catalog = (exhaustive: boolean, dimExhaustive: boolean): Catalog => ({
  name: "p", events: [{ id: "ev" }], sources: [],
  metrics: [
    metric("w", { parts: ["a", "b", "c"], exhaustive }), metric("a"), metric("b"), metric("c", { parts: ["c1", "c2"], exhaustive: true }),
    metric("c1"), metric("c2"), metric("r", { kind: "real", parts: ["r1", "r2"], exhaustive: true }), metric("r1", { kind: "real" }), metric("r2", { kind: "real" }),
  ],
  dimensions: [
    { id: "d", exhaustive: dimExhaustive, values: [{ id: "x" }, { id: "y" }, { id: "y1", parent: "y" }, { id: "y2", parent: "y" }] },
    { id: "e", exhaustive: true, values: [{ id: "u" }, { id: "v" }] },
  ],
})
const METRICS = ["w", "a", "b", "c", "c1", "c2", "r", "r1", "r2"]
const SCOPES = [{}, { d: "x" }, { d: "y1" }, { d: "y2" }, { e: "u" }, { d: "y1", e: "v" }]

const caseArb = fc.record({
  exhaustive: fc.boolean(),
  dimExhaustive: fc.boolean(),
  seeds: fc.array(fc.record({ metric: fc.constantFrom(...METRICS), scope: fc.constantFrom(...SCOPES) }), { minLength: 1, maxLength: 6 }),
  voices: fc.array(fc.record({
    cell: fc.nat(),
    lo: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.double({ min: -10, max: 40, noNaN: true }), fc.constant(-Infinity)),
    width: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 5, noNaN: true }), fc.constant(Infinity)),
  }), { maxLength: 10 }),
  dirty: fc.boolean(),
})

const run = (f: typeof propagate, net: Network, voices: { cell: number; lo: number; hi: number }[], withTrace: boolean, dirty: boolean) => {
  const { lo, hi } = domainBounds(net)
  const trace = withTrace ? emptyTrace(net.cells.length) : undefined
  const applied = voices.map((v, i) => applyVoice(net, lo, hi, v.cell, v.lo, v.hi, i, trace))
  const result = f(net, lo, hi, trace, dirty ? [...new Set(voices.map((v) => v.cell))] : undefined)
  return { applied, result, lo: [...lo], hi: [...hi], trace }
}

describe("propagate", () => {
  test.prop([caseArb], { numRuns: 300 })("gives the bounds, reasons and outcome of the reference propagation", (c) => {
    const net = buildNetwork(catalogGraph(catalog(c.exhaustive, c.dimExhaustive)), c.seeds.map((s) => cellRef(s.metric, s.scope)))
    const voices = c.voices.map((v) => ({ cell: v.cell % net.cells.length, lo: v.lo, hi: v.lo + v.width }))
    for (const withTrace of [false, true]) {
      expect(run(propagate, net, voices, withTrace, c.dirty)).toEqual(run(referencePropagate, net, voices, withTrace, c.dirty))
    }
  })
})
