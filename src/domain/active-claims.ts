import type { Claim } from "./claim.js"
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
 * a `supersedes` replaces its target; then, per source, cell and `at`, the claims stated latest
 * replace the others (claims without `stated` count as stated before any date; several claims
 * at the same latest time all stand, and become one voice). Only targets of the same source are
 * honoured: a source cannot withdraw another's words. Pure and independent of claim order.
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
  const groups = new Map<string, Claim[]>()
  for (const c of claims) {
    if (inactive.has(c.id) || retractions.has(c.id)) continue
    const key = `${c.source}\u0001${c.event}\u0001${c.metric}\u0001${scopeKey(c.scope)}\u0001${c.at ?? ""}`
    const g = groups.get(key) ?? []
    g.push(c)
    groups.set(key, g)
  }
  const active = new Set<string>()
  for (const g of groups.values()) {
    let latest = ""
    for (const c of g) if (statedKey(c) > latest) latest = statedKey(c)
    const winners = g.filter((c) => statedKey(c) === latest).map((c) => c.id).sort()
    for (const c of g) {
      if (statedKey(c) === latest) active.add(c.id)
      else inactive.set(c.id, { by: winners[0]!, how: "stated-later" })
    }
  }
  return { active, inactive, retractions }
}
