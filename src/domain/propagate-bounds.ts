import type { Network, Relation } from "./relations.js"

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
  // the constructor copies an array directly; `from` goes through its iterator (2% of reconciling)
  lo: new Float64Array(net.domLo),
  hi: new Float64Array(net.domHi),
})

const scratch = new WeakMap<Network, { lo: Float64Array; hi: Float64Array }>()

/**
 * `domainBounds` in two arrays kept per network and reset on each call: for a check that is done
 * with them before anything else asks (`feasible`, `evaluateCell`). A pair of typed arrays made for
 * every check was a twentieth of reconciling, most of it allocating their buffers.
 */
export const scratchBounds = (net: Network): { lo: Float64Array; hi: Float64Array } => {
  const s = scratch.get(net)
  if (s === undefined) {
    const fresh = domainBounds(net)
    scratch.set(net, fresh)
    return fresh
  }
  s.lo.set(net.domLo)
  s.hi.set(net.domHi)
  return s
}

/** A trace where nothing has moved yet. */
export const emptyTrace = (n: number): Trace => ({
  // one shared empty list: reasons are replaced, never appended to in place
  loWhy: new Array<number[]>(n).fill(NO_REASONS),
  hiWhy: new Array<number[]>(n).fill(NO_REASONS),
  loRel: new Array<number>(n).fill(-1),
  hiRel: new Array<number>(n).fill(-1),
})

const NO_REASONS: number[] = []

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
  const step: Step = { net, lo, hi, trace, ri: 0, changed: [] }
  const s: Sums = { loFin: 0, loInf: 0, hiFin: 0, hiInf: 0 }
  while (head < queue.length) {
    if (++evals > maxEvals) return { ok: true, capped: true }
    const ri = queue[head++]!
    inQueue[ri] = 0
    if (head > 4096) {
      queue.splice(0, head)
      head = 0
    }
    const r = net.relations[ri]!
    step.ri = ri
    const changed = step.changed
    changed.length = 0
    const w = r.whole
    sums(r, lo, hi, s)
    if (!setLo(step, w, s.loInf > 0 ? -Infinity : s.loFin, r, "lo", -1, null)) return fail(w, trace)
    if (r.exhaustive && !setHi(step, w, s.hiInf > 0 ? Infinity : s.hiFin, r, "hi", -1, null)) return fail(w, trace)
    // The sums are taken again only after a bound moved: re-summed, never adjusted, so the
    // floating-point result is that of summing the current bounds.
    let stale = changed.length > 0
    for (const p of r.parts) {
      if (stale) {
        sums(r, lo, hi, s)
        stale = false
      }
      const before = changed.length
      const othersLoInf = s.loInf - (lo[p] === -Infinity ? 1 : 0)
      const othersLo = othersLoInf > 0 ? -Infinity : s.loFin - (lo[p] === -Infinity ? 0 : lo[p]!)
      if (hi[w]! < Infinity && othersLo > -Infinity) {
        if (!setHi(step, p, hi[w]! - othersLo, r, "lo", p, trace ? trace.hiWhy[w]! : null)) return fail(p, trace)
      }
      if (r.exhaustive) {
        const othersHiInf = s.hiInf - (hi[p] === Infinity ? 1 : 0)
        const othersHi = othersHiInf > 0 ? Infinity : s.hiFin - (hi[p] === Infinity ? 0 : hi[p]!)
        if (lo[w]! > -Infinity && othersHi < Infinity) {
          if (!setLo(step, p, lo[w]! - othersHi, r, "hi", p, trace ? trace.loWhy[w]! : null)) return fail(p, trace)
        }
      }
      if (changed.length > before) stale = true
    }
    for (const c of changed) for (const r2 of net.relationsOf[c]!) if (r2 !== ri || c !== w) push(r2)
  }
  return { ok: true, capped: false }
}

/** The state one relation evaluation of `propagate` works on. */
interface Step {
  readonly net: Network
  readonly lo: Float64Array
  readonly hi: Float64Array
  readonly trace: Trace | undefined
  ri: number
  /** Cells whose bounds this evaluation moved, in order (a cell may appear twice). */
  readonly changed: number[]
}

/** Sums of a relation's parts' bounds, infinities counted apart so "Σ of the others" is exact without re-summing. */
interface Sums {
  loFin: number
  loInf: number
  hiFin: number
  hiInf: number
}

const sums = (r: Relation, lo: Float64Array, hi: Float64Array, s: Sums): void => {
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
  s.loFin = loFin
  s.loInf = loInf
  s.hiFin = hiFin
  s.hiInf = hiInf
}

/** The voices behind a bound a relation moved: `extra`, then each part's `side` reasons but those of `except`. */
const whyAll = (trace: Trace, r: Relation, side: "lo" | "hi", except: number, extra: readonly number[] | null): number[] => {
  let acc: number[] = extra === null ? [] : [...extra]
  const why = side === "lo" ? trace.loWhy : trace.hiWhy
  for (const p of r.parts) if (p !== except) acc = unionSorted(acc, why[p]!)
  return acc
}

const setLo = (st: Step, c: number, v: number, r: Relation, side: "lo" | "hi", except: number, extra: readonly number[] | null): boolean => {
  const { lo, hi } = st
  const x = st.net.integer[c] ? Math.ceil(v - 1e-9) : v
  if (!(x > lo[c]! + tol(lo[c]!)) && !(lo[c] === -Infinity && x > -Infinity)) return true
  lo[c] = x
  if (st.trace) {
    st.trace.loWhy[c] = whyAll(st.trace, r, side, except, extra)
    st.trace.loRel[c] = st.ri
  }
  st.changed.push(c)
  return lo[c]! <= hi[c]! + tol(hi[c]!)
}

const setHi = (st: Step, c: number, v: number, r: Relation, side: "lo" | "hi", except: number, extra: readonly number[] | null): boolean => {
  const { lo, hi } = st
  const x = st.net.integer[c] ? Math.floor(v + 1e-9) : v
  if (!(x < hi[c]! - tol(hi[c]!)) && !(hi[c] === Infinity && x < Infinity)) return true
  hi[c] = x
  if (st.trace) {
    st.trace.hiWhy[c] = whyAll(st.trace, r, side, except, extra)
    st.trace.hiRel[c] = st.ri
  }
  st.changed.push(c)
  return lo[c]! <= hi[c]! + tol(hi[c]!)
}

const fail = (cell: number, trace?: Trace): PropagateResult => ({
  ok: false,
  cell,
  why: trace ? unionSorted(trace.loWhy[cell]!, trace.hiWhy[cell]!) : [],
})
