import type { Claim } from "./claim.js"

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
  /** The value the best estimate uses for this voice (SPEC §4.6), null when it has none. */
  readonly rep: number | null
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

const viaOrder = (a: Claim, b: Claim): number =>
  a.via.length - b.via.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Voices of one cell from its standing, non-possible claims (one `at`): one voice per origin source.
 * The same interval from one source via several outlets is one value with repeats (the copy nearest
 * the origin, then the smallest id, is primary); different values at the same stated time become
 * their hull. The voice weighs the source's weight times the highest certainty among its values.
 */
export const buildVoices = (
  cell: string, claims: readonly Claim[], sourceWeight: (source: string) => number, domLo: number,
): Voice[] => {
  const bySource = new Map<string, Claim[]>()
  for (const c of claims) {
    const list = bySource.get(c.source) ?? []
    list.push(c)
    bySource.set(c.source, list)
  }
  const voices: Voice[] = []
  for (const source of [...bySource.keys()].sort()) {
    const list = [...bySource.get(source)!].sort(viaOrder)
    const byValue = new Map<string, Claim[]>()
    for (const c of list) {
      const k = `${c.lo}\u0001${c.hi}`
      const g = byValue.get(k) ?? []
      g.push(c)
      byValue.set(k, g)
    }
    const primary: Claim[] = []
    const repeats: Claim[] = []
    for (const g of byValue.values()) {
      primary.push(g[0]!)
      repeats.push(...g.slice(1))
    }
    primary.sort((a, b) => a.lo - b.lo || a.hi - b.hi || (a.id < b.id ? -1 : 1))
    const lo = Math.min(...primary.map((c) => c.lo))
    const hi = Math.max(...primary.map((c) => c.hi))
    const factor = Math.max(...primary.map(certaintyFactor))
    const raw = sourceWeight(source) * factor
    const withBest = list.find((c) => c.best !== null && c.lo === primary[0]!.lo && c.hi === primary[0]!.hi)
    const rep = primary.length === 1
      ? representative(lo, hi, withBest?.best ?? null, domLo)
      : representative(lo, hi, null, domLo)
    voices.push({
      source, cell, lo, hi,
      weight: Number.isFinite(raw) && raw > 0 ? raw : 0,
      primary, repeats: repeats.sort((a, b) => (a.id < b.id ? -1 : 1)), rep,
      note: primary.length > 1 ? `the hull of ${primary.length} different values stated at the same time` : null,
    })
  }
  return voices
}
