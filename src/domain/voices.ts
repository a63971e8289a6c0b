import { weightedMedian } from "./best-estimate.js"
import type { Claim } from "./claim.js"
import { groupBy } from "./group-by.js"
import { contains } from "./interval.js"
import { splitByDirectness } from "./most-direct.js"

/** The independent opinion of one origin source on one cell (SPEC §1, §4.2). */
export interface Voice {
  readonly source: string
  /** Key of the cell it speaks about. */
  readonly cell: string
  readonly lo: number
  readonly hi: number
  /** Source weight × certainty (SPEC §4.3). */
  readonly weight: number
  /** The claims whose values make the interval (one per distinct value). */
  readonly primary: readonly Claim[]
  /** Copies of a primary claim's value (other outlets, same statement): role `repeat`. */
  readonly repeats: readonly Claim[]
  /** The value the best estimate uses for this voice (SPEC §4.6), null when it stands for none. */
  readonly rep: number | null
  /**
   * When the voice's own values split their weight evenly between two values: both, each standing
   * for half the voice in the cell's median (rep is null then).
   */
  readonly split?: readonly [number, number]
  /**
   * A cumulative voice carried past its source's last row (or before its first) stands for no
   * value; this is the row's value, used only when no kept voice of the cell stands for one.
   */
  readonly carriedRep?: number | null
  /** Less direct claims of the source whose values differ from its most direct ones: role `relayed`. */
  readonly relayed?: readonly Claim[]
  /** Extra words for the explanation (a hull of differing values, a cumulative combination). */
  readonly note: string | null
  /** The source's own tally went down without a correction (SPEC §4.7). */
  readonly selfContradiction?: boolean
  /** Members of the source's copy group stating the same value here: merged into this voice (see mergeCopyVoices). */
  readonly copiedBy?: readonly string[]
  /** The copy group those members and this source belong to. */
  readonly copyGroup?: string
}

const CERTAINTY_FACTOR = { asserted: 1, estimated: 0.8, possible: 0 } as const

/** The certainty factor of SPEC §4.3: asserted 1, estimated 0.8 (possible claims never weigh). */
export const certaintyFactor = (c: Claim): number => CERTAINTY_FACTOR[c.certainty]

/**
 * The representative value of an interval for the best estimate (SPEC §4.6): a given best, the
 * exact value, the one finite bound (a count's 0 floor is the domain, not a bound: "up to 13" → 13),
 * or the midpoint of a bounded interval.
 * @example representative(0, 13, null, 0) === 13
 */
export const representative = (lo: number, hi: number, best: number | null, domLo: number): number | null => {
  if (best !== null && Number.isFinite(best)) return best
  if (lo === hi) return lo
  const loFinite = Number.isFinite(lo) && lo > domLo
  const hiFinite = Number.isFinite(hi)
  if (loFinite && hiFinite) return (lo + hi) / 2
  if (hiFinite) return hi
  if (loFinite) return lo
  return null
}

const idOrder = (a: Claim, b: Claim): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** What a voice stands for in the best estimate: its representative value, or the two its values split between. */
export interface Standing {
  readonly rep: number | null
  readonly split?: readonly [number, number]
}

/**
 * What a voice made of several values stands for (SPEC §4.6): their weighted median (weights: the
 * claims' certainty). When the weights split evenly between two values and one of them lies inside
 * the other's interval (a point estimate and its own confidence interval), the narrower, more
 * specific one stands; otherwise the voice stands for both, half each.
 */
export const standingOf = (primary: readonly Claim[], domLo: number): Standing => {
  const reps = primary.map((c) => ({ claim: c, value: representative(c.lo, c.hi, c.best, domLo), weight: certaintyFactor(c) }))
    .filter((r): r is { claim: Claim; value: number; weight: number } => r.value !== null)
  if (reps.length === 0) return { rep: null }
  const median = weightedMedian(reps)
  if (median.value !== null || median.split === null) return { rep: median.value }
  const [a, b] = median.split
  const narrowest = (x: number): Claim => reps.filter((r) => r.value === x).map((r) => r.claim)
    .sort((p, q) => (p.hi - p.lo) - (q.hi - q.lo) || idOrder(p, q))[0]!
  const [ca, cb] = [narrowest(a), narrowest(b)]
  if (contains(cb, ca)) return { rep: a }
  if (contains(ca, cb)) return { rep: b }
  return { rep: null, split: [a, b] }
}

/**
 * Voices of one cell from its standing, non-possible claims (one `at`): one voice per origin source,
 * made of its most direct claims (shortest `via` chain, SPEC §4.2). The same interval from one
 * source via other outlets is one value with repeats (the copy nearest the origin, then the
 * smallest id, is primary); a less direct claim with a value of its own is `relayed` and does not
 * constrain; different direct values at the same stated time become their hull. The voice weighs
 * the source's weight times the highest certainty among its values.
 */
export const buildVoices = (
  cell: string, claims: readonly Claim[], sourceWeight: (source: string) => number, domLo: number,
): Voice[] => {
  const bySource = groupBy(claims, (c) => c.source)
  const voices: Voice[] = []
  for (const source of [...bySource.keys()].sort()) {
    const { direct, repeats: lessDirect, relayed } = splitByDirectness(bySource.get(source)!)
    const primary: Claim[] = []
    const repeats: Claim[] = [...lessDirect]
    for (const g of byInterval([...direct].sort(idOrder))) {
      // The copy that gives a best of its own is the value's primary: it says most.
      const first = g.find((c) => c.best !== null) ?? g[0]!
      primary.push(first)
      repeats.push(...g.filter((c) => c !== first))
    }
    primary.sort((a, b) => a.lo - b.lo || a.hi - b.hi || idOrder(a, b))
    const lo = Math.min(...primary.map((c) => c.lo))
    const hi = Math.max(...primary.map((c) => c.hi))
    const factor = Math.max(...primary.map(certaintyFactor))
    const raw = sourceWeight(source) * factor
    const standing = standingOf(primary, domLo)
    const notes: string[] = []
    if (primary.length > 1) notes.push(`the hull of ${primary.length} different values stated at the same time`)
    if (standing.split) notes.push(`its values split evenly between ${standing.split[0]} and ${standing.split[1]}`)
    voices.push({
      source, cell, lo, hi,
      weight: Number.isFinite(raw) && raw > 0 ? raw : 0,
      primary, repeats: repeats.sort(idOrder), rep: standing.rep,
      ...(standing.split ? { split: standing.split } : {}),
      ...(relayed.length > 0 ? { relayed: [...relayed].sort(idOrder) } : {}),
      note: notes.length > 0 ? notes.join("; ") : null,
    })
  }
  return voices
}

/**
 * Claims grouped by their interval, each group in input order. Keyed by the numbers themselves
 * (SameValueZero, as equal as their texts would be): turning both bounds into text was a tenth of
 * building a cell's voices.
 */
const byInterval = (claims: readonly Claim[]): Claim[][] => {
  const groups: Claim[][] = []
  const byLo = new Map<number, Map<number, Claim[]>>()
  for (const c of claims) {
    let byHi = byLo.get(c.lo)
    if (byHi === undefined) byLo.set(c.lo, (byHi = new Map()))
    const group = byHi.get(c.hi)
    if (group !== undefined) group.push(c)
    else {
      const g = [c]
      byHi.set(c.hi, g)
      groups.push(g)
    }
  }
  return groups
}

/** One value a kept voice stands for in the cell's median, with the weight it carries there. */
export interface VoiceValue {
  readonly source: string
  readonly value: number
  readonly weight: number
}

/**
 * The values the cell's kept voices stand for in the best estimate (SPEC §4.6): each voice's
 * representative value with its weight, half each to the two values of a voice that splits; when
 * none stands for a value, the values of the rows the cumulative voices are carried from (`carried`).
 */
export const voiceValues = (kept: readonly Voice[]): { readonly values: readonly VoiceValue[]; readonly carried: boolean } => {
  const values: VoiceValue[] = []
  for (const v of kept) {
    if (v.rep !== null) values.push({ source: v.source, value: v.rep, weight: v.weight })
    else if (v.split) for (const x of v.split) values.push({ source: v.source, value: x, weight: v.weight / 2 })
  }
  if (values.length > 0) return { values, carried: false }
  const carried = kept.flatMap((v) => (v.carriedRep != null ? [{ source: v.source, value: v.carriedRep, weight: v.weight }] : []))
  return { values: carried, carried: carried.length > 0 }
}
