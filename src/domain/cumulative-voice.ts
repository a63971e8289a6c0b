import type { Claim } from "./claim.js"
import { buildVoices, representative, type Voice } from "./voices.js"

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
): Voice[] => {
  const bySource = new Map<string, Map<string, Claim[]>>()
  for (const c of claims) {
    if (c.at === null) continue
    const ats = bySource.get(c.source) ?? new Map<string, Claim[]>()
    const list = ats.get(c.at) ?? []
    list.push(c)
    ats.set(c.at, list)
    bySource.set(c.source, ats)
  }
  const voices: Voice[] = []
  for (const source of [...bySource.keys()].sort()) {
    const ats = bySource.get(source)!
    const keys = [...ats.keys()].sort()
    let prevAt: string | null = null
    let nextAt: string | null = null
    for (const k of keys) {
      if (k <= t) prevAt = k
      else if (nextAt === null) nextAt = k
    }
    const prev = prevAt === null ? null : buildVoices(cell, ats.get(prevAt)!, sourceWeight, domLo)[0]!
    const next = nextAt === null ? null : buildVoices(cell, ats.get(nextAt)!, sourceWeight, domLo)[0]!
    const lo = prev ? prev.lo : domLo
    const hiPrev = prev && prevAt === t ? prev.hi : Infinity
    const hiNext = next ? next.hi : Infinity
    const wentDown = prev !== null && next !== null && lo > Math.min(hiPrev, hiNext)
    const useNext = next !== null && !wentDown
    const hi = Math.min(hiPrev, useNext ? hiNext : Infinity)
    const parts: string[] = []
    if (prev) parts.push(prevAt === t ? `its value at ${prevAt}` : `≥ ${fmt(prev.lo)} from its tally at ${prevAt}`)
    if (next && useNext) parts.push(`≤ ${fmt(next.hi)} from its tally at ${nextAt}`)
    if (wentDown) parts.push(`its tally at ${nextAt} (${fmt(next!.lo)}–${fmt(next!.hi)}) went down without a correction, so the earlier one stands`)
    const weight = Math.max(prev?.weight ?? 0, useNext ? next!.weight : 0)
    const exactlyAtT = prev !== null && prevAt === t
    voices.push({
      source, cell, lo, hi, weight,
      primary: [...(prev?.primary ?? []), ...(useNext ? next!.primary : [])],
      repeats: [...(prev?.repeats ?? []), ...(useNext ? next!.repeats : [])],
      rep: exactlyAtT && lo === prev.lo && hi === prev.hi ? prev.rep : representative(lo, hi, null, domLo),
      note: exactlyAtT && !useNext && !wentDown && prev.note === null ? null : parts.join("; "),
      selfContradiction: wentDown,
    })
  }
  return voices
}
