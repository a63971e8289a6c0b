import { stabbingPoints } from "./interval-stabbing.js"
import { applyVoice, domainBounds, propagate, scratchBounds } from "./propagate-bounds.js"
import type { Network } from "./relations.js"

/** A voice as the search sees it: its cell in the network, its interval, its weight, a sort key. */
export interface SearchVoice {
  readonly cell: number
  readonly lo: number
  readonly hi: number
  readonly weight: number
  /** Deterministic tie-breaker (source and cell), never the input position. */
  readonly key: string
}

export interface Consensus {
  /** Kept flags per voice, one array per set tying for the greatest weight, in a canonical order. */
  readonly sets: readonly Uint8Array[]
  /** Names the heuristic when the exact search was not used, else null. */
  readonly heuristic: string | null
  /** More tied sets existed than were enumerated. */
  readonly truncated: boolean
}

/** Components above this many weighing voices use the greedy heuristic (SPEC §4.5: exact up to 20). */
export const EXACT_LIMIT = 20
/** At most this many tied sets are enumerated. */
export const MAX_TIED_SETS = 256
/** Search nodes before the exact search gives up and falls back to the heuristic. */
const NODE_BUDGET = 400_000

export const GREEDY = "greedy-by-weight"

/** Weights closer than this (relative to the total) are a tie: float sums must not break ties. */
export const tieEpsilon = (voices: readonly SearchVoice[]): number =>
  1e-9 * Math.max(1, voices.reduce((s, v) => s + v.weight, 0))

/**
 * Whether the voices flagged in `kept` can all be true at once: every kept voice's cell inside its
 * interval and every relation holding (bounds propagation, see `propagate`).
 */
export const feasible = (net: Network, voices: readonly SearchVoice[], kept: ArrayLike<number>): boolean => {
  const { lo, hi } = scratchBounds(net)
  for (let i = 0; i < voices.length; i++) {
    if (!kept[i]) continue
    const v = voices[i]!
    if (!applyVoice(net, lo, hi, v.cell, v.lo, v.hi, i)) return false
  }
  return propagate(net, lo, hi).ok
}

const order = (voices: readonly SearchVoice[], idx: readonly number[]): number[] =>
  [...idx].sort((a, b) => voices[b]!.weight - voices[a]!.weight || (voices[a]!.key < voices[b]!.key ? -1 : voices[a]!.key > voices[b]!.key ? 1 : a - b))

/**
 * The sets of voices of greatest total weight that can all be true at once (SPEC §4.5), every set
 * tying within a small epsilon. One cell without relations: interval stabbing. Otherwise an exact
 * branch and bound over subsets (voices by weight, pruned by the weight still reachable and by
 * infeasibility, which is monotone: a superset of an infeasible set is infeasible) for up to
 * `EXACT_LIMIT` weighing voices; above that, or past a node budget, the greedy heuristic: voices by
 * weight, each kept when feasible with those kept before (one set; ties are not detected).
 * Zero-weight voices never make a tie: each set is extended with those feasible with it, by key.
 */
export const findConsensus = (net: Network, voices: readonly SearchVoice[]): Consensus => {
  const n = voices.length
  const positive: number[] = []
  const zero: number[] = []
  voices.forEach((v, i) => (v.weight > 0 ? positive : zero).push(i))
  const eps = tieEpsilon(voices)
  let sets: Uint8Array[]
  let heuristic: string | null = null
  let truncated = false
  if (net.relations.length === 0 && net.cells.length === 1) {
    const int = net.integer[0]!
    const items = positive.map((i) => {
      const v = voices[i]!
      return {
        lo: Math.max(int ? Math.ceil(v.lo - 1e-9) : v.lo, net.domLo[0]!),
        hi: Math.min(int ? Math.floor(v.hi + 1e-9) : v.hi, net.domHi[0]!),
        weight: v.weight,
      }
    })
    const points = stabbingPoints(items, eps)
    sets = points.map((x) => {
      const kept = new Uint8Array(n)
      positive.forEach((i, j) => {
        if (items[j]!.lo <= x && x <= items[j]!.hi) kept[i] = 1
      })
      return kept
    })
    if (sets.length > MAX_TIED_SETS) {
      sets = sets.slice(0, MAX_TIED_SETS)
      truncated = true
    }
    if (sets.length === 0) sets = [new Uint8Array(n)]
  } else {
    const all = new Uint8Array(n)
    for (const i of positive) all[i] = 1
    if (feasible(net, voices, all)) {
      sets = [all]
    } else if (positive.length <= EXACT_LIMIT) {
      const exact = branchAndBound(net, voices, order(voices, positive), eps)
      if (exact) {
        sets = exact.sets
        truncated = exact.truncated
      } else {
        sets = [greedy(net, voices, order(voices, positive))]
        heuristic = `${GREEDY} (the exact search exceeded its budget of ${NODE_BUDGET} nodes)`
      }
    } else {
      sets = [greedy(net, voices, order(voices, positive))]
      heuristic = GREEDY
    }
  }
  const zeroOrder = order(voices, zero)
  const extended = sets.map((kept) => {
    const k = Uint8Array.from(kept)
    for (const i of zeroOrder) {
      k[i] = 1
      if (!feasible(net, voices, k)) k[i] = 0
    }
    return k
  })
  const unique = new Map<string, Uint8Array>()
  for (const k of extended) unique.set(k.join(""), k)
  // canonical order: a set keeping earlier voices (in voice order) comes first
  const canonical = [...unique.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map((e) => e[1])
  return { sets: canonical, heuristic, truncated }
}

const greedy = (net: Network, voices: readonly SearchVoice[], ordered: readonly number[]): Uint8Array => {
  const kept = new Uint8Array(voices.length)
  // the bounds so far, and a second pair each voice is tried on (swapped in when it is kept)
  let { lo, hi } = domainBounds(net)
  let { lo: lo2, hi: hi2 } = domainBounds(net)
  for (const i of ordered) {
    const v = voices[i]!
    lo2.set(lo)
    hi2.set(hi)
    if (applyVoice(net, lo2, hi2, v.cell, v.lo, v.hi, i) && propagate(net, lo2, hi2, undefined, [v.cell]).ok) {
      kept[i] = 1
      const [wasLo, wasHi] = [lo, hi]
      lo = lo2
      hi = hi2
      lo2 = wasLo
      hi2 = wasHi
    }
  }
  return kept
}

const branchAndBound = (
  net: Network, voices: readonly SearchVoice[], ordered: readonly number[], eps: number,
): { sets: Uint8Array[]; truncated: boolean } | null => {
  const m = ordered.length
  const suffix = new Float64Array(m + 1)
  for (let i = m - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + voices[ordered[i]!]!.weight
  let best = -Infinity
  let found: { w: number; kept: Uint8Array }[] = []
  let truncated = false
  let nodes = 0
  const kept = new Uint8Array(voices.length)
  // the bounds with voice i kept, one pair per depth: a branch is done with its pair before its sibling reuses it
  const levels: { lo: Float64Array; hi: Float64Array }[] = []
  const dfs = (i: number, lo: Float64Array, hi: Float64Array, w: number): boolean => {
    if (++nodes > NODE_BUDGET) return false
    if (w + suffix[i]! < best - eps) return true
    if (i === m) {
      if (w > best) {
        if (w > best + eps) truncated = false
        best = w
        found = found.filter((f) => f.w >= best - eps)
      }
      if (found.length < MAX_TIED_SETS) found.push({ w, kept: Uint8Array.from(kept) })
      else truncated = true
      return true
    }
    const vi = ordered[i]!
    const v = voices[vi]!
    const level = levels[i] ?? (levels[i] = domainBounds(net))
    const lo2 = level.lo
    const hi2 = level.hi
    lo2.set(lo)
    hi2.set(hi)
    if (applyVoice(net, lo2, hi2, v.cell, v.lo, v.hi, vi) && propagate(net, lo2, hi2, undefined, [v.cell]).ok) {
      kept[vi] = 1
      const ok = dfs(i + 1, lo2, hi2, w + v.weight)
      kept[vi] = 0
      if (!ok) return false
    }
    return dfs(i + 1, lo, hi, w)
  }
  const { lo, hi } = domainBounds(net)
  if (!dfs(0, lo, hi, 0)) return null
  return { sets: found.filter((f) => f.w >= best - eps).map((f) => f.kept), truncated }
}
