import type { Claim } from "../domain/claim.js"
import type { Figure } from "../domain/figure.js"
import { scopeKey } from "../domain/scope.js"
import { storedFigureJson } from "./component-figures.js"
import { canonicalJson } from "./content-hash.js"
import type { ConflictsTable, FiguresTable } from "./schema.js"

export const FIGURE_COLUMNS = [
  "component", "event", "metric", "scope_key", "scope_json", "at_key", "status", "lo", "hi", "has_range", "best",
  "voices", "heuristic", "detail_json", "computed",
] as const satisfies readonly (keyof FiguresTable)[]

export const CONFLICT_COLUMNS = [
  "component", "event", "metric", "scope_key", "at_key", "kind", "claims_json", "against_json", "reason",
] as const satisfies readonly (keyof ConflictsTable)[]

/**
 * The rows of `figures` and `conflicts` that materialize a component's figures, computed from
 * `claims` (every implementation stores these).
 */
export const figureRows = (component: string, figures: readonly Figure[], claims: readonly Claim[], now: string): { figures: FiguresTable[]; conflicts: ConflictsTable[] } => {
  const out: { figures: FiguresTable[]; conflicts: ConflictsTable[] } = { figures: [], conflicts: [] }
  const byId = new Map(claims.map((c) => [c.id, c]))
  for (const f of figures) {
    const key = scopeKey(f.scope)
    const atKey = f.at ?? ""
    out.figures.push({
      component, event: f.event, metric: f.metric, scope_key: key, scope_json: canonicalJson(f.scope), at_key: atKey, status: f.status,
      lo: f.range?.lo ?? null, hi: f.range?.hi ?? null, has_range: f.range ? 1 : 0, best: f.best, voices: f.voices, heuristic: f.heuristic,
      detail_json: storedFigureJson(f, byId), computed: now,
    })
    for (const c of f.conflicts) {
      out.conflicts.push({
        component, event: f.event, metric: f.metric, scope_key: key, at_key: atKey, kind: c.kind,
        claims_json: JSON.stringify(c.claims), against_json: JSON.stringify(c.against), reason: c.reason,
      })
    }
  }
  return out
}
