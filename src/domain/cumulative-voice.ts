import type { Claim } from "./claim.js"
import { buildVoices, type Voice } from "./voices.js"

const fmt = (x: number): string => (x === Infinity ? "∞" : x === -Infinity ? "-∞" : String(x))

/**
 * Voices of a cumulative cell at valid time `t` (SPEC §4.7). A claim [lo, hi] at time s says ≥ lo
 * for every time after s and ≤ hi for every time before it, so a source's voice at t is its latest
 * value at or before t (≥ lo, and ≤ hi when it is exactly at t) intersected with its earliest value
 * after t (≤ hi). When the two contradict — the source's own tally went down without a correction —
 * the latest value at or before t stands and the voice is flagged. `claims` are the cell's standing,
 * non-possible claims with a non-null `at`; values at one `at` combine as in `buildVoices`.
 */
export const cumulativeVoices = (
  cell: string, claims: readonly Claim[], t: string, sourceWeight: (source: string) => number, domLo: number,
): Voice[] => cumulativeVoicesAt(cumulativeIndex(cell, claims, sourceWeight, domLo), t, domLo)

/** A cell's cumulative claims prepared once: per source, its `at`s in order and the voice at each. */
export interface CumulativeIndex {
  readonly sources: readonly { readonly source: string; readonly ats: readonly string[]; readonly voices: readonly Voice[] }[]
}

/**
 * Prepares `cumulativeVoicesAt`: a tally has one figure per day for years, and rebuilding every
 * source's voices for every day would be quadratic in the length of the tally.
 */
export const cumulativeIndex = (
  cell: string, claims: readonly Claim[], sourceWeight: (source: string) => number, domLo: number,
): CumulativeIndex => {
  const bySource = new Map<string, Map<string, Claim[]>>()
  for (const c of claims) {
    if (c.at === null) continue
    const ats = bySource.get(c.source) ?? new Map<string, Claim[]>()
    const list = ats.get(c.at) ?? []
    list.push(c)
    ats.set(c.at, list)
    bySource.set(c.source, ats)
  }
  return {
    sources: [...bySource.keys()].sort().map((source) => {
      const byAt = bySource.get(source)!
      const ats = [...byAt.keys()].sort()
      return { source, ats, voices: ats.map((a) => buildVoices(cell, byAt.get(a)!, sourceWeight, domLo)[0]!) }
    }),
  }
}

/** Index of the last element ≤ t in a sorted array, or -1. */
const lastAtOrBefore = (ats: readonly string[], t: string): number => {
  let lo = 0
  let hi = ats.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ats[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** The voices of a prepared cumulative cell at valid time `t` (SPEC §4.7), see `cumulativeVoices`. */
export const cumulativeVoicesAt = (index: CumulativeIndex, t: string, domLo: number): Voice[] => {
  const voices: Voice[] = []
  for (const { source, ats, voices: atVoices } of index.sources) {
    const i = lastAtOrBefore(ats, t)
    const prevAt = i >= 0 ? ats[i]! : null
    const nextAt = i + 1 < ats.length ? ats[i + 1]! : null
    const prev = i >= 0 ? atVoices[i]! : null
    const next = nextAt !== null ? atVoices[i + 1]! : null
    const cell = (prev ?? next)!.cell
    const lo = prev ? prev.lo : domLo
    const hiPrev = prev && prevAt === t ? prev.hi : Infinity
    const hiNext = next ? next.hi : Infinity
    const wentDown = prev !== null && next !== null && lo > Math.min(hiPrev, hiNext)
    const useNext = next !== null && !wentDown
    const hi = Math.min(hiPrev, useNext ? hiNext : Infinity)
    // A floor tally (Oryx's "at least N") before its first row says nothing about t: no voice, else
    // it would count as a source standing behind the figure.
    if (lo <= domLo && hi === Infinity) continue
    const parts: string[] = []
    if (prev) parts.push(prevAt === t ? `its value at ${prevAt}` : `≥ ${fmt(prev.lo)} from its tally at ${prevAt}${next === null ? ", its last row: a bound only" : ""}`)
    if (next && useNext) parts.push(`≤ ${fmt(next.hi)} from its tally at ${nextAt}${prev === null ? ", its first row: a bound only" : ""}`)
    if (wentDown) parts.push(`its tally at ${nextAt} (${fmt(next!.lo)}–${fmt(next!.hi)}) went down without a correction, so the earlier one stands`)
    const weight = Math.max(prev?.weight ?? 0, useNext ? next!.weight : 0)
    // What it stands for (SPEC §4.6): the latest row at or before t while that row is at t or the
    // tally goes on past it (an official count of 64 holds until the next count); carried past the
    // last row, or before the first, it is a bound only.
    const holds = prev !== null && (prevAt === t || next !== null)
    const carriedFrom = prev ?? next!
    voices.push({
      source, cell, lo, hi, weight,
      primary: [...(prev?.primary ?? []), ...(useNext ? next!.primary : [])],
      repeats: [...(prev?.repeats ?? []), ...(useNext ? next!.repeats : [])],
      ...(prevAt === t && prev?.relayed ? { relayed: prev.relayed } : {}),
      rep: holds ? prev!.rep : null,
      ...(holds && prev!.split ? { split: prev!.split } : {}),
      ...(holds ? {} : { carriedRep: carriedFrom.rep ?? null }),
      note: prevAt === t && !useNext && !wentDown && prev!.note === null ? null : parts.join("; "),
      selfContradiction: wentDown,
    })
  }
  return voices
}
