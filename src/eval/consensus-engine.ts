import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { Prediction } from "./eval-metrics.js"

/**
 * The reconciliation engine as the evaluation sees it: claims and source weights in, one prediction
 * (best estimate and consensus range) per cell out, keyed "event|metric". The real one wraps
 * `reconcile` from src/domain; `stabbingConsensus` is the reference stand-in for single cells
 * without relations.
 */
export type ConsensusEngine = (input: {
  readonly catalog: Catalog
  readonly claims: readonly Claim[]
  readonly weights: ReadonlyMap<string, number>
}) => Map<string, Prediction>

const CERTAINTY_WEIGHT = { asserted: 1, estimated: 0.8, possible: 0 } as const

/**
 * SPEC §4 for single cells without relations: one voice per source (the hull of its values), weighed
 * by its source weight × certainty; the consensus is the value region covered by the greatest total
 * weight (interval stabbing). Several disjoint regions tie → the hull of them and no best value.
 * A region that is not a point gets the weighted median of the kept voices' midpoints, clamped.
 */
export const stabbingConsensus: ConsensusEngine = ({ claims, weights }) => {
  const cells = new Map<string, Map<string, { lo: number; hi: number; w: number }>>()
  for (const c of claims) {
    if (c.certainty === "possible") continue
    const key = `${c.event}|${c.metric}`
    let voices = cells.get(key)
    if (voices === undefined) cells.set(key, (voices = new Map()))
    const w = (weights.get(c.source) ?? 1) * CERTAINTY_WEIGHT[c.certainty]
    const seen = voices.get(c.source)
    if (seen === undefined) voices.set(c.source, { lo: c.lo, hi: c.hi, w })
    else voices.set(c.source, { lo: Math.min(seen.lo, c.lo), hi: Math.max(seen.hi, c.hi), w: Math.max(seen.w, w) })
  }
  const out = new Map<string, Prediction>()
  for (const [key, voices] of cells) out.set(key, stab([...voices.values()]))
  return out
}

const stab = (voices: readonly { lo: number; hi: number; w: number }[]): Prediction => {
  const points = [...new Set(voices.flatMap((v) => [v.lo, v.hi]))].sort((a, b) => a - b)
  // Coverage is constant on each endpoint and on each open gap between endpoints: test both.
  const probes: number[] = []
  points.forEach((p, i) => {
    probes.push(p)
    const next = points[i + 1]
    if (next !== undefined) probes.push((p + next) / 2)
  })
  let top = 0
  const cover = probes.map((x) => voices.reduce((s, v) => (v.lo <= x && x <= v.hi ? s + v.w : s), 0))
  for (const c of cover) top = Math.max(top, c)
  if (top <= 0) return { best: null, range: null }
  const eps = 1e-9 * Math.max(1, top)
  const regions: { lo: number; hi: number }[] = []
  probes.forEach((x, i) => {
    if (cover[i]! < top - eps) return
    const last = regions[regions.length - 1]
    if (last !== undefined && i > 0 && cover[i - 1]! >= top - eps) last.hi = x
    else regions.push({ lo: x, hi: x })
  })
  const first = regions[0]!
  const last = regions[regions.length - 1]!
  if (regions.length > 1) return { best: null, range: { lo: first.lo, hi: last.hi } }
  if (first.lo === first.hi) return { best: first.lo, range: first }
  const kept = voices.filter((v) => v.lo <= first.lo && first.hi <= v.hi)
  const reps = kept.map((v) => ({ x: (v.lo + v.hi) / 2, w: v.w })).sort((a, b) => a.x - b.x)
  const half = reps.reduce((s, r) => s + r.w, 0) / 2
  let acc = 0
  let median = reps[0]?.x ?? first.lo
  for (const r of reps) {
    acc += r.w
    if (acc >= half) { median = r.x; break }
  }
  return { best: Math.min(first.hi, Math.max(first.lo, median)), range: first }
}
