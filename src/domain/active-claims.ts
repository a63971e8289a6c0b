import type { Claim } from "./claim.js"
import { groupBy } from "./group-by.js"
import { scopeKey } from "./scope.js"

/** Why a claim no longer stands. */
export interface Inactive {
  /** The claim that replaced or withdrew it. */
  readonly by: string
  readonly how: "retracted" | "superseded" | "stated-later"
}

export interface ActiveClaims {
  /** Claims that stand (retraction records excluded: they carry no value of their own). */
  readonly active: ReadonlySet<string>
  readonly inactive: ReadonlyMap<string, Inactive>
  /** Claims that retract another: listed in provenance, never a voice. */
  readonly retractions: ReadonlyMap<string, string>
}

/** `stated` as a sortable key: a claim without a statement date sorts before every dated one. */
export const statedKey = (c: Claim): string => c.stated ?? ""

/**
 * Which claims stand (SPEC §4.1). In order: a `retracts` withdraws its target and carries no value;
 * a `supersedes` replaces its target; then, per source, cell and `at`, a claim stated later replaces
 * the earlier ones that came at least as indirectly (its `via` chain is no longer than theirs): a
 * relay stated months later cannot overrule the source's own words. Claims without `stated` count
 * as stated before any date; several claims at the same latest time all stand, and become one
 * voice. Only targets of the same source are honoured: a source cannot withdraw another's words.
 * Pure and independent of claim order.
 * @example activeClaims([a, b]) where b.supersedes === a.id → active = {b}, inactive a by b
 */
export const activeClaims = (claims: readonly Claim[]): ActiveClaims => {
  const byId = new Map(claims.map((c) => [c.id, c]))
  const inactive = new Map<string, Inactive>()
  const retractions = new Map<string, string>()
  const mark = (target: string, by: Claim, how: Inactive["how"]): void => {
    const t = byId.get(target)
    if (!t || t.source !== by.source || t.id === by.id) return
    const prev = inactive.get(target)
    // several claims may point at one target: the smallest id names it, whatever the input order
    if (!prev || (prev.how !== "retracted" && how === "retracted") || (prev.how === how && by.id < prev.by)) {
      inactive.set(target, { by: by.id, how })
    }
  }
  for (const c of claims) {
    if (c.retracts) {
      retractions.set(c.id, c.retracts)
      mark(c.retracts, c, "retracted")
    }
  }
  for (const c of claims) if (c.supersedes && !retractions.has(c.id)) mark(c.supersedes, c, "superseded")
  const groups = groupBy(claims.filter((c) => !inactive.has(c.id) && !retractions.has(c.id)),
    (c) => `${c.source}\u0001${c.event}\u0001${c.metric}\u0001${scopeKey(c.scope)}\u0001${c.at ?? ""}`)
  const active = new Set<string>()
  for (const g of groups.values()) {
    // a claim alone in its group stands (most groups: one source says one thing of a cell once)
    if (g.length === 1) {
      active.add(g[0]!.id)
      continue
    }
    for (const [id, by] of laterAndAsDirect(g)) {
      if (by === null) active.add(id)
      else inactive.set(id, { by, how: "stated-later" })
    }
  }
  return { active, inactive, retractions }
}

/**
 * For one group (a source, a cell, an `at`): each claim, with the claim that replaces it — the
 * latest stated among those stated later with a `via` chain no longer than its own (smallest id
 * first) — or null when it stands. Sorting by chain length makes it O(n log n) for a long group.
 */
const laterAndAsDirect = (group: readonly Claim[]): Map<string, string | null> => {
  const byLength = [...group].sort((a, b) => a.via.length - b.via.length || statedCmp(b, a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const out = new Map<string, string | null>()
  // The latest statement (and the smallest id stated then) among the claims at most this indirect.
  let best: Claim | null = null
  let i = 0
  while (i < byLength.length) {
    const length = byLength[i]!.via.length
    let j = i
    while (j < byLength.length && byLength[j]!.via.length === length) {
      const c = byLength[j]!
      if (best === null || statedCmp(c, best) > 0 || (statedKey(c) === statedKey(best) && c.id < best.id)) best = c
      j++
    }
    for (let k = i; k < j; k++) {
      const c = byLength[k]!
      out.set(c.id, statedKey(best!) > statedKey(c) ? best!.id : null)
    }
    i = j
  }
  return out
}

const statedCmp = (a: Claim, b: Claim): number => (statedKey(a) < statedKey(b) ? -1 : statedKey(a) > statedKey(b) ? 1 : 0)
