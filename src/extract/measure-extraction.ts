/**
 * How well extraction found a curated dataset's claims: a candidate matches a curated claim when
 * event, metric, scope, origin source and interval agree (SPEC §10's measure); via and certainty
 * are counted on the side. Recall is over the curated claims whose value is a phrase or number of
 * the text (not a curator's `{ lo, hi }`, which no text states); precision over all candidates,
 * where matching a curated `{ lo, hi }` claim counts as right too.
 */
import type { Catalog } from "../domain/catalog.js"
import { normalizeValue } from "../domain/normalize-value.js"
import { scopeKey } from "../domain/scope.js"
import type { Candidate } from "./candidate.js"

/** The fields of a curated claim record that matching reads. */
export interface CuratedClaim {
  readonly id?: string
  readonly event: string
  readonly metric: string
  readonly scope?: Readonly<Record<string, string>>
  readonly source: string
  readonly value: unknown
  readonly via?: readonly string[]
  readonly certainty?: string
}

export interface Ratio {
  readonly matched: number
  readonly of: number
}

export interface Measurement {
  readonly recall: Ratio
  readonly precision: Ratio
  /** Curated `{ lo, hi }` claims found (a bonus: no text states them as numbers). */
  readonly curatedIntervals: Ratio
  /** Of the matched pairs: the same via chain, the same certainty. */
  readonly sameVia: Ratio
  readonly sameCertainty: Ratio
  readonly matches: ReadonlyArray<{ readonly candidate: number; readonly curated: number }>
  /** Curated claims (phrase-valued) no candidate matched, by index. */
  readonly missed: readonly number[]
  /** Candidates that matched no curated claim, by index. */
  readonly unmatched: readonly number[]
}

const isPhraseValued = (c: CuratedClaim): boolean => typeof c.value === "number" || typeof c.value === "string"

/** Measures candidates against a curated dataset (one-to-one matching, in the curated order). */
export const measureExtraction = (candidates: readonly Candidate[], curated: readonly CuratedClaim[], catalog: Catalog): Measurement => {
  const sourceId = new Map<string, string>()
  for (const s of catalog.sources) for (const n of [s.id, ...s.aliases]) sourceId.set(n, s.id)
  const kindOf = new Map(catalog.metrics.map((m) => [m.id, m]))
  const keyOf = (c: { event: string; metric: string; scope?: Readonly<Record<string, string>>; source: string; value: unknown }): string | null => {
    const m = kindOf.get(c.metric)
    const r = normalizeValue(c.value, { kind: m?.kind ?? "count", ...(m?.approx !== undefined ? { approx: m.approx } : {}), ...(m?.vague !== undefined ? { vague: m.vague } : {}) })
    if (!r.ok) return null
    return JSON.stringify([c.event, c.metric, scopeKey(c.scope ?? {}), sourceId.get(c.source) ?? c.source, r.value.lo, r.value.hi])
  }
  const free = new Map<string, number[]>()
  for (const [i, c] of candidates.entries()) {
    const k = keyOf(c)
    if (k !== null) free.set(k, [...(free.get(k) ?? []), i])
  }
  const matches: { candidate: number; curated: number }[] = []
  const chain = (via: readonly string[] | undefined) => JSON.stringify(via ?? [])
  const done = new Set<number>()
  // First the pairs passed on through the same outlets (the same report of the number), then the rest.
  for (const sameChainOnly of [true, false]) {
    for (const [j, c] of curated.entries()) {
      const k = done.has(j) ? null : keyOf(c)
      const list = k === null ? undefined : free.get(k)
      const at = list?.findIndex((i) => !sameChainOnly || chain(candidates[i]!.via) === chain(c.via)) ?? -1
      if (at < 0) continue
      matches.push({ candidate: list!.splice(at, 1)[0]!, curated: j })
      done.add(j)
    }
  }
  const matchedCurated = new Set(matches.map((m) => m.curated))
  const matchedCandidates = new Set(matches.map((m) => m.candidate))
  const phrase = curated.map(isPhraseValued)
  const sameVia = matches.filter((m) => JSON.stringify(candidates[m.candidate]!.via ?? []) === JSON.stringify(curated[m.curated]!.via ?? [])).length
  const sameCertainty = matches.filter((m) => candidates[m.candidate]!.certainty === (curated[m.curated]!.certainty ?? "asserted")).length
  return {
    recall: { matched: matches.filter((m) => phrase[m.curated]).length, of: phrase.filter(Boolean).length },
    precision: { matched: matchedCandidates.size, of: candidates.length },
    curatedIntervals: { matched: matches.filter((m) => !phrase[m.curated]).length, of: phrase.filter((p) => !p).length },
    sameVia: { matched: sameVia, of: matches.length },
    sameCertainty: { matched: sameCertainty, of: matches.length },
    matches,
    missed: curated.flatMap((c, j) => (phrase[j] && !matchedCurated.has(j) ? [j] : [])),
    unmatched: candidates.flatMap((_, i) => (matchedCandidates.has(i) ? [] : [i])),
  }
}

/** `12/12 = 1.00`; an empty ratio reads as 1 (nothing to find, nothing wrong). */
export const ratioText = (r: Ratio): string => `${r.matched}/${r.of} = ${(r.of === 0 ? 1 : r.matched / r.of).toFixed(2)}`
