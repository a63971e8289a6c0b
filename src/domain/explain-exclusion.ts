import { feasible, type SearchVoice } from "./consensus.js"
import { applyVoice, domainBounds, emptyTrace, propagate } from "./propagate-bounds.js"
import type { Network } from "./relations.js"

const rounded = (net: Network, v: SearchVoice): { lo: number; hi: number } => {
  const int = net.integer[v.cell]!
  return {
    lo: Math.max(int ? Math.ceil(v.lo - 1e-9) : v.lo, net.domLo[v.cell]!),
    hi: Math.min(int ? Math.floor(v.hi + 1e-9) : v.hi, net.domHi[v.cell]!),
  }
}

/** At most this many voices are named against an excluded voice of a lone cell (each suffices alone). */
export const MAX_AGAINST = 10

/**
 * For a lone cell: the kept voices disjoint from v, nearest first, at most `MAX_AGAINST` of them.
 * Sorting the kept voices once per set keeps a cell with many voices near O(n log n).
 */
const loneCell = (net: Network, voices: readonly SearchVoice[], kept: ArrayLike<number>): ((v: number) => number[]) => {
  const ks: { i: number; lo: number; hi: number }[] = []
  for (let i = 0; i < voices.length; i++) if (kept[i]) ks.push({ i, ...rounded(net, voices[i]!) })
  const keyCmp = (a: number, b: number): number => (voices[a]!.key < voices[b]!.key ? -1 : voices[a]!.key > voices[b]!.key ? 1 : a - b)
  const byHi = [...ks].sort((a, b) => a.hi - b.hi || keyCmp(b.i, a.i))
  const byLo = [...ks].sort((a, b) => a.lo - b.lo || keyCmp(a.i, b.i))
  return (v: number): number[] => {
    const self = rounded(net, voices[v]!)
    if (self.lo > self.hi) return []
    const out: number[] = []
    // voices ending before v starts: binary search the first hi >= self.lo, walk down
    let lo = 0
    let hi = byHi.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (byHi[mid]!.hi < self.lo) lo = mid + 1
      else hi = mid
    }
    for (let j = lo - 1; j >= 0 && out.length < MAX_AGAINST; j--) if (byHi[j]!.i !== v) out.push(byHi[j]!.i)
    lo = 0
    hi = byLo.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (byLo[mid]!.lo <= self.hi) lo = mid + 1
      else hi = mid
    }
    const below = out.length
    for (let j = lo; j < byLo.length && out.length < below + MAX_AGAINST; j++) if (byLo[j]!.i !== v) out.push(byLo[j]!.i)
    return out.sort((a, b) => a - b)
  }
}

/**
 * Explains exclusions against each tied set, reusing the per-set work of a lone cell.
 * `explain(v, s)`: the kept voices of set `s` that rule voice v out (see `explainExclusion`).
 */
export const exclusionExplainer = (
  net: Network, voices: readonly SearchVoice[], sets: readonly ArrayLike<number>[],
): ((v: number, s: number) => number[]) => {
  if (!(net.relations.length === 0 && net.cells.length === 1)) return (v, s) => explainExclusion(net, voices, sets[s]!, v)
  const cache = new Map<number, (v: number) => number[]>()
  return (v, s) => {
    let f = cache.get(s)
    if (!f) {
      f = loneCell(net, voices, sets[s]!)
      cache.set(s, f)
    }
    return f(v)
  }
}

/**
 * The kept voices that rule voice `v` out: a minimal set K ⊆ kept such that K ∪ {v} cannot all be
 * true (removing any member of K would make it possible), so the explanation can be checked.
 * On a lone cell without relations it is the kept voices whose intervals miss v's, nearest first, at
 * most `MAX_AGAINST` (each one alone rules it out: intervals on a line that meet pairwise meet all
 * together, so one disjoint voice is a minimal explanation). Otherwise it starts from
 * the voices the failed propagation blames and drops members while the rest still fails, weakest
 * first. Empty when v is impossible on its own.
 */
export const explainExclusion = (net: Network, voices: readonly SearchVoice[], kept: ArrayLike<number>, v: number): number[] => {
  const self = rounded(net, voices[v]!)
  if (self.lo > self.hi) return []
  if (net.relations.length === 0 && net.cells.length === 1) return loneCell(net, voices, kept)(v)
  const { lo, hi } = domainBounds(net)
  const trace = emptyTrace(net.cells.length)
  let failed: readonly number[] | null = null
  for (let i = 0; i < voices.length && failed === null; i++) {
    if (!kept[i] || i === v) continue
    const u = voices[i]!
    if (!applyVoice(net, lo, hi, u.cell, u.lo, u.hi, i, trace)) failed = [...trace.loWhy[u.cell]!, ...trace.hiWhy[u.cell]!]
  }
  if (failed === null) {
    const me = voices[v]!
    if (!applyVoice(net, lo, hi, me.cell, me.lo, me.hi, v, trace)) failed = [...trace.loWhy[me.cell]!, ...trace.hiWhy[me.cell]!]
    else {
      const r = propagate(net, lo, hi, trace)
      if (!r.ok) failed = r.why
    }
  }
  const test = (set: ReadonlySet<number>): boolean => {
    const flags = new Uint8Array(voices.length)
    for (const i of set) flags[i] = 1
    flags[v] = 1
    return !feasible(net, voices, flags)
  }
  let candidates = new Set((failed ?? []).filter((i) => i !== v && kept[i]))
  if (!test(candidates)) {
    candidates = new Set<number>()
    for (let i = 0; i < voices.length; i++) if (kept[i] && i !== v) candidates.add(i)
    if (!test(candidates)) return [...candidates].sort((a, b) => a - b) // not ruled out by propagation: name all kept
  }
  const order = [...candidates].sort((a, b) =>
    voices[a]!.weight - voices[b]!.weight || (voices[a]!.key < voices[b]!.key ? 1 : voices[a]!.key > voices[b]!.key ? -1 : 0))
  for (const u of order) {
    candidates.delete(u)
    if (!test(candidates)) candidates.add(u)
  }
  return [...candidates].sort((a, b) => a - b)
}
