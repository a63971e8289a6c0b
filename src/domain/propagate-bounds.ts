import type { Network } from "./relations.js"

/**
 * Why each bound is where it is: the voices (by index in the caller's voice list) whose intervals,
 * carried through the relations, put it there, and the relation that last moved it (-1: a voice or
 * the domain). Kept only when asked for, because the search does not need it.
 */
export interface Trace {
  readonly loWhy: number[][]
  readonly hiWhy: number[][]
  readonly loRel: number[]
  readonly hiRel: number[]
}

export type PropagateResult =
  | { readonly ok: true; readonly capped: boolean }
  | { readonly ok: false; readonly cell: number; readonly why: readonly number[] }

/** Fresh bounds at every cell's domain. */
export const domainBounds = (net: Network): { lo: Float64Array; hi: Float64Array } => ({
  lo: Float64Array.from(net.domLo),
  hi: Float64Array.from(net.domHi),
})

/** A trace where nothing has moved yet. */
export const emptyTrace = (n: number): Trace => ({
  loWhy: Array.from({ length: n }, () => []),
  hiWhy: Array.from({ length: n }, () => []),
  loRel: new Array<number>(n).fill(-1),
  hiRel: new Array<number>(n).fill(-1),
})

/** Union of two sorted index lists. */
export const unionSorted = (a: readonly number[], b: readonly number[]): number[] => {
  if (a.length === 0) return b as number[]
  if (b.length === 0) return a as number[]
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity
    const y = j < b.length ? b[j]! : Infinity
    if (x === y) {
      out.push(x)
      i++
      j++
    } else if (x < y) {
      out.push(x)
      i++
    } else {
      out.push(y)
      j++
    }
  }
  return out
}

const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x))

/**
 * Narrows a cell's bounds by a voice's interval (counts: to whole numbers). Returns false when the
 * cell is left empty.
 */
export const applyVoice = (
  net: Network, lo: Float64Array, hi: Float64Array, cell: number, vlo: number, vhi: number, voice: number, trace?: Trace,
): boolean => {
  const int = net.integer[cell]!
  const l = int ? Math.ceil(vlo - 1e-9) : vlo
  const h = int ? Math.floor(vhi + 1e-9) : vhi
  if (l > lo[cell]! || (trace && l === lo[cell]! && trace.loWhy[cell]!.length === 0 && Number.isFinite(l) && l !== net.domLo[cell])) {
    lo[cell] = Math.max(l, lo[cell]!)
    if (trace) {
      trace.loWhy[cell] = [voice]
      trace.loRel[cell] = -1
    }
  } else if (trace && l === lo[cell]! && trace.loRel[cell] === -1 && Number.isFinite(l) && l !== net.domLo[cell]) {
    // Several voices give the same bound: all of them stand behind it, whatever order they came in
    // (else renaming a source could change which one is credited, and with it the figure's status).
    trace.loWhy[cell] = unionSorted(trace.loWhy[cell]!, [voice])
  }
  if (h < hi[cell]! || (trace && h === hi[cell]! && trace.hiWhy[cell]!.length === 0 && Number.isFinite(h) && h !== net.domHi[cell])) {
    hi[cell] = Math.min(h, hi[cell]!)
    if (trace) {
      trace.hiWhy[cell] = [voice]
      trace.hiRel[cell] = -1
    }
  } else if (trace && h === hi[cell]! && trace.hiRel[cell] === -1 && Number.isFinite(h) && h !== net.domHi[cell]) {
    trace.hiWhy[cell] = unionSorted(trace.hiWhy[cell]!, [voice])
  }
  return lo[cell]! <= hi[cell]! + tol(hi[cell]!)
}

/**
 * Propagates bounds through the relations to a fixpoint (SPEC §4.5): `whole ≥ Σ parts.lo`,
 * `part ≤ whole.hi − Σ other parts.lo`, and where exhaustive `whole ≤ Σ parts.hi`,
 * `part ≥ whole.lo − Σ other parts.hi`; count cells are rounded inward to whole numbers.
 *
 * This is bounds consistency: exact (it finds every infeasibility, and the bounds are the true
 * ones) when the relations form a tree; on cyclic networks (e.g. two dimensions over the same
 * cells) it is a relaxation — a set it calls feasible may still be infeasible. A cycle that
 * shrinks bounds slowly is cut after a fixed number of steps (`capped`), again erring on feasible.
 * Mutates `lo`/`hi` (and `trace`); `dirty` limits the start to the relations of those cells.
 */
export const propagate = (
  net: Network, lo: Float64Array, hi: Float64Array, trace?: Trace, dirty?: readonly number[],
): PropagateResult => {
  const nRel = net.relations.length
  for (let c = 0; c < lo.length; c++) {
    if (lo[c]! > hi[c]! + tol(hi[c]!)) return fail(c, trace)
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
    if (!setLo(w, s.loInf > 0 ? -Infinity : s.loFin, () => whyAll("lo", -1, []))) return fail(w, trace)
    if (r.exhaustive && !setHi(w, s.hiInf > 0 ? Infinity : s.hiFin, () => whyAll("hi", -1, []))) return fail(w, trace)
    for (const p of r.parts) {
      s = sums()
      const othersLoInf = s.loInf - (lo[p] === -Infinity ? 1 : 0)
      const othersLo = othersLoInf > 0 ? -Infinity : s.loFin - (lo[p] === -Infinity ? 0 : lo[p]!)
      if (hi[w]! < Infinity && othersLo > -Infinity) {
        if (!setHi(p, hi[w]! - othersLo, () => whyAll("lo", p, trace!.hiWhy[w]!))) return fail(p, trace)
      }
      if (r.exhaustive) {
        const othersHiInf = s.hiInf - (hi[p] === Infinity ? 1 : 0)
        const othersHi = othersHiInf > 0 ? Infinity : s.hiFin - (hi[p] === Infinity ? 0 : hi[p]!)
        if (lo[w]! > -Infinity && othersHi < Infinity) {
          if (!setLo(p, lo[w]! - othersHi, () => whyAll("hi", p, trace!.loWhy[w]!))) return fail(p, trace)
        }
      }
    }
    for (const c of changed) for (const r2 of net.relationsOf[c]!) if (r2 !== ri || c !== w) push(r2)
  }
  return { ok: true, capped: false }
}

const fail = (cell: number, trace?: Trace): PropagateResult => ({
  ok: false,
  cell,
  why: trace ? unionSorted(trace.loWhy[cell]!, trace.hiWhy[cell]!) : [],
})
