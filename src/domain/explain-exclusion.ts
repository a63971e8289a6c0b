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

/**
 * The kept voices that rule voice `v` out: a minimal set K ⊆ kept such that K ∪ {v} cannot all be
 * true (removing any member of K would make it possible), so the explanation can be checked.
 * On a lone cell without relations it is every kept voice whose interval misses v's (each one alone
 * rules it out: intervals on a line that meet pairwise meet all together). Otherwise it starts from
 * the voices the failed propagation blames and drops members while the rest still fails, weakest
 * first. Empty when v is impossible on its own.
 */
export const explainExclusion = (net: Network, voices: readonly SearchVoice[], kept: ArrayLike<number>, v: number): number[] => {
  const self = rounded(net, voices[v]!)
  if (self.lo > self.hi) return []
  if (net.relations.length === 0 && net.cells.length === 1) {
    const out: number[] = []
    for (let i = 0; i < voices.length; i++) {
      if (!kept[i] || i === v) continue
      const r = rounded(net, voices[i]!)
      if (r.hi < self.lo || r.lo > self.hi) out.push(i)
    }
    return out
  }
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
