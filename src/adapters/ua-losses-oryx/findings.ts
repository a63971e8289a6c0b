/**
 * The real findings of the dataset, derived from its own claims so that expect.yaml is computed,
 * not typed in: the days a tally goes down, the days the General Staff's figure falls below
 * Oryx's confirmed floor, and figures worth pinning (the seed event, the closest approaches of the
 * two sources, the decreases). Pure; mirrors SPEC §4.7 for the simple cases it pins, and leaves
 * out anything whose number would depend on engine details (see README).
 */
import { GS_SOURCE, ORYX_SOURCE, type ClaimRecord } from "./types.js"
import { groupBy } from "../../domain/group-by.js"

export interface MetricRelations {
  readonly id: string
  readonly parts?: readonly string[]
}

/** A claim's value as an interval; this adapter only writes exact numbers and "at least N". */
export const claimInterval = (value: number | string): { lo: number; hi: number } => {
  if (typeof value === "number") return { lo: value, hi: value }
  const m = /^at least (\d+)$/.exec(value)
  if (!m) throw new Error(`unexpected claim value ${JSON.stringify(value)}`)
  return { lo: Number(m[1]), hi: Infinity }
}

export interface TallyDown {
  readonly source: string
  readonly metric: string
  readonly at: string
  readonly claim: string
  readonly previous: string
  readonly from: number
  readonly to: number
  /** The claim supersedes the previous one, on the strength of a correction. */
  readonly corrected: boolean
}

export interface FloorConflict {
  readonly metric: string
  readonly at: string
  /** direct: Oryx's own floor on the cell; cross-cell: the sum of its floors on the parts. */
  readonly kind: "direct" | "cross-cell"
  readonly claim: string
  readonly value: number
  readonly floor: number
  /** Whether Oryx claims on the cell itself (else its floor comes only through the parts). */
  readonly sameCell: boolean
}

export interface ExpectedFigure {
  readonly metric: string
  readonly at: string
  readonly range: readonly [number, number | null]
  readonly status?: "consistent" | "single-source" | "conflict"
  /** Why this figure is pinned, for the comment in expect.yaml. */
  readonly why: string
}

export interface Findings {
  readonly tallyDowns: readonly TallyDown[]
  readonly conflicts: readonly FloorConflict[]
  /** Per metric the General Staff shares with Oryx: the date GS is closest to Oryx's (non-zero) floor. */
  readonly closest: readonly (FloorConflict & { readonly gap: number })[]
  readonly figures: readonly ExpectedFigure[]
}

/** Dates to pin figures at: whole cells, and status parts (whose range comes from relations). */
export interface Probes {
  readonly wholes: readonly { readonly metric: string; readonly at: string; readonly why: string }[]
  readonly parts: readonly { readonly metric: string; readonly at: string; readonly why: string }[]
}

interface Indexed {
  readonly id: string
  readonly at: string
  readonly lo: number
  readonly hi: number
  readonly supersedes?: string
}

/**
 * Derives the findings from the claims and the catalog's relations.
 * @example deriveFindings(claims, buildCatalog().metrics, { wholes: [], parts: [] }).tallyDowns
 */
export const deriveFindings = (
  claims: readonly ClaimRecord[],
  metrics: readonly MetricRelations[],
  probes: Probes,
): Findings => {
  const series = new Map([...groupBy(claims, (c) => `${c.source}|${c.metric}`)].map(([key, cs]) => [key, cs.map((c): Indexed =>
    ({ id: c.id, at: c.at, ...claimInterval(c.value), ...(c.supersedes ? { supersedes: c.supersedes } : {}) }))]))
  for (const s of series.values()) s.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
  const partsOf = new Map(metrics.map((m) => [m.id, m.parts ?? []]))
  const wholeOf = new Map(metrics.flatMap((m) => (m.parts ?? []).map((p) => [p, m.id] as const)))
  const of = (source: string, metric: string): Indexed[] => series.get(`${source}|${metric}`) ?? []
  const superseded = new Set(claims.flatMap((c) => (c.supersedes ? [c.supersedes] : [])))

  /** The latest claim at or before T (active ones only), as rule 7 takes it. */
  const latest = (source: string, metric: string, at: string): Indexed | undefined => {
    let found: Indexed | undefined
    for (const c of of(source, metric)) {
      if (c.at > at) break
      if (!superseded.has(c.id)) found = c
    }
    return found
  }
  const oryxLo = (metric: string, at: string): number | undefined => latest(ORYX_SOURCE, metric, at)?.lo
  /** Oryx's floor on a cell at T: its own, or the sum over the parts, whichever is higher. */
  const floorOf = (metric: string, at: string): { floor: number; direct: number | undefined; any: boolean } => {
    const direct = oryxLo(metric, at)
    let sum = 0
    let any = direct !== undefined
    for (const part of partsOf.get(metric) ?? []) {
      const f = floorOf(part, at)
      sum += f.floor
      any ||= f.any
    }
    return { floor: Math.max(direct ?? 0, sum), direct, any }
  }
  const statusAt = (metric: string, at: string): ExpectedFigure["status"] | undefined => {
    const f = floorOf(metric, at)
    if (f.direct !== undefined) return "consistent"
    return f.any ? undefined : "single-source"
  }

  const tallyDowns: TallyDown[] = []
  for (const [key, s] of [...series.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [source = "", metric = ""] = key.split("|")
    s.forEach((c, i) => {
      const p = i > 0 ? s[i - 1] : undefined
      // The audit's rule (src/audit/integrity-findings.ts): the lower bound falls. For exact tallies
      // that is a contradiction; for Oryx floors ([79, ∞) then [78, ∞)) it is Oryx removing an item.
      if (p && c.lo < p.lo) {
        tallyDowns.push({ source, metric, at: c.at, claim: c.id, previous: p.id, from: p.lo, to: c.lo, corrected: c.supersedes === p.id })
      }
    })
  }
  tallyDowns.sort((a, b) => a.at.localeCompare(b.at) || a.metric.localeCompare(b.metric))

  const conflicts: FloorConflict[] = []
  const closest = new Map<string, FloorConflict & { gap: number }>()
  for (const [key, s] of series) {
    if (!key.startsWith(`${GS_SOURCE}|`)) continue
    const metric = key.slice(GS_SOURCE.length + 1)
    for (const c of s) {
      const f = floorOf(metric, c.at)
      if (!f.any) continue
      const kind = f.direct !== undefined && f.direct > c.hi ? "direct" : "cross-cell"
      const row = { metric, at: c.at, kind, claim: c.id, value: c.lo, floor: f.floor, sameCell: f.direct !== undefined } as const
      if (c.hi < f.floor) conflicts.push(row)
      // "At least 0" is no evidence; an approach counts once Oryx has confirmed something.
      if (f.floor === 0) continue
      const gap = c.lo - f.floor
      const best = closest.get(metric)
      if (!best || gap < best.gap) closest.set(metric, { ...row, gap })
    }
  }
  conflicts.sort((a, b) => a.at.localeCompare(b.at) || a.metric.localeCompare(b.metric))

  const figures: ExpectedFigure[] = []
  const gsPoint = (metric: string, at: string): number | undefined => {
    const c = latest(GS_SOURCE, metric, at)
    return c && c.at === at ? c.lo : undefined
  }
  const pinWhole = (metric: string, at: string, why: string): void => {
    const v = gsPoint(metric, at)
    const f = floorOf(metric, at)
    if (v !== undefined && v >= f.floor) {
      const status = statusAt(metric, at)
      figures.push({ metric, at, range: [v, v], ...(status ? { status } : {}), why })
    } else if (v === undefined && f.direct !== undefined && latest(GS_SOURCE, metric, at) === undefined && of(GS_SOURCE, metric).length === 0) {
      figures.push({ metric, at, range: [f.floor, null], status: "single-source", why })
    }
  }
  for (const p of probes.wholes) pinWhole(p.metric, p.at, p.why)
  for (const p of probes.parts) {
    const whole = wholeOf.get(p.metric)
    const lo = oryxLo(p.metric, p.at)
    const wholeHi = whole === undefined ? undefined : gsPoint(whole, p.at)
    if (whole === undefined || lo === undefined || wholeHi === undefined) continue
    const others = (partsOf.get(whole) ?? []).filter((q) => q !== p.metric).reduce((sum, q) => sum + (oryxLo(q, p.at) ?? 0), 0)
    figures.push({ metric: p.metric, at: p.at, range: [lo, wholeHi - others], why: p.why })
  }
  for (const d of tallyDowns) {
    if (d.source !== GS_SOURCE) continue
    pinWhole(d.metric, d.at, `${d.corrected ? "corrected" : "uncorrected"} decrease ${d.from} → ${d.to}: the latest claim stands`)
    if (!d.corrected) continue
    // The superseded day: its voice is the claim before it (lower bound) and the correcting claim (upper).
    const s = of(GS_SOURCE, d.metric)
    const i = s.findIndex((c) => c.id === d.previous)
    const before = i > 0 ? s[i - 1] : undefined
    const prevAt = s[i]?.at
    if (before && prevAt && !superseded.has(before.id)) {
      const lo = Math.max(before.lo, floorOf(d.metric, prevAt).floor)
      if (lo <= d.to) figures.push({ metric: d.metric, at: prevAt, range: [lo, d.to], why: `superseded day before a corrected decrease: [claim of ${before.at}, claim of ${d.at}]` })
    }
  }
  for (const c of [...closest.values()].sort((a, b) => a.metric.localeCompare(b.metric))) {
    if (c.gap >= 0) pinWhole(c.metric, c.at, `closest approach: General Staff ${c.value} vs Oryx floor ${c.floor}`)
  }
  const seen = new Set<string>()
  const unique = figures.filter((f) => {
    const k = `${f.metric}|${f.at}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  return {
    tallyDowns,
    conflicts,
    closest: [...closest.values()].sort((a, b) => a.metric.localeCompare(b.metric)),
    figures: unique,
  }
}
