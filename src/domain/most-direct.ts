import { activeClaims } from "./active-claims.js"
import type { Claim } from "./claim.js"
import { groupBy } from "./group-by.js"
import { scopeKey } from "./scope.js"

/** One source's standing claims on one cell at one `at`, by how directly they come (SPEC §4.2). */
export interface Directness {
  /** The claims with the shortest `via` chain: what the source itself is heard to say. */
  readonly direct: readonly Claim[]
  /** Less direct claims whose value is one of the direct ones: more provenance paths, no more weight. */
  readonly repeats: readonly Claim[]
  /** Less direct claims whose value differs from every direct one: a relay that may misreport its source. */
  readonly relayed: readonly Claim[]
}

const sameValue = (a: Claim, b: Claim): boolean => a.lo === b.lo && a.hi === b.hi

/**
 * Splits one source's standing claims (one cell, one `at`) into its most direct claims and the
 * less direct ones that repeat or differ from them. Independent of claim order.
 * @example splitByDirectness([study, upiRelay]) // direct [study], relayed [upiRelay] when values differ
 */
export const splitByDirectness = (claims: readonly Claim[]): Directness => {
  if (claims.length === 0) return { direct: [], repeats: [], relayed: [] }
  const shortest = Math.min(...claims.map((c) => c.via.length))
  const direct = claims.filter((c) => c.via.length === shortest)
  const repeats: Claim[] = []
  const relayed: Claim[] = []
  for (const c of claims) {
    if (c.via.length === shortest) continue
    if (direct.some((d) => sameValue(d, c))) repeats.push(c)
    else relayed.push(c)
  }
  return { direct, repeats, relayed }
}

/** A relay whose value differs from what its source is heard to say directly. */
export interface Relay {
  readonly relay: Claim
  /** The source's most direct standing claims on the same cell and `at`. */
  readonly direct: readonly Claim[]
}

/**
 * Every standing relay that differs from its source's most direct claims (SPEC §4.2): the audit
 * warns about each, naming both claims. Possible claims are no voice and are left out.
 */
export const differingRelays = (claims: readonly Claim[]): Relay[] => {
  const { active } = activeClaims(claims)
  const standing = claims.filter((c) => active.has(c.id) && c.certainty !== "possible")
  const groups = groupBy(standing, (c) => [c.source, c.event, c.metric, scopeKey(c.scope), c.at ?? ""].join("\u0001"))
  const out: Relay[] = []
  for (const g of groups.values()) {
    const { direct, relayed } = splitByDirectness(g)
    for (const relay of relayed) out.push({ relay, direct })
  }
  return out.sort((a, b) => (a.relay.id < b.relay.id ? -1 : a.relay.id > b.relay.id ? 1 : 0))
}
