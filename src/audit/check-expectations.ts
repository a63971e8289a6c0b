import type { Figure } from "../domain/figure.js"
import { scopeKey } from "../domain/scope.js"
import type { AuditFinding } from "./audit-finding.js"
import type { ConflictExpectation, Expectations, FigureExpectation, FindingExpectation } from "./parse-expectations.js"

export interface ExpectationFailure {
  readonly line: number
  readonly message: string
}

const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? "∞" : String(n))
const rangeText = (r: { lo: number | null; hi: number | null } | null): string =>
  r === null ? "none" : `[${r.lo === null ? "-∞" : r.lo}, ${fmt(r.hi)}]`
const same = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))

/** The cell an expectation is about, with its valid time, as-of time and what-if weights. */
export interface ExpectedCell {
  readonly event: string
  readonly metric: string
  readonly scope?: Record<string, string> | undefined
  readonly at?: string | null | undefined
  readonly as_of?: string | null | undefined
  readonly weights?: Record<string, number> | undefined
}

/** The figures of an expected cell, as reconciled in the audit's ledger. */
export type FiguresOf = (e: ExpectedCell) => readonly Figure[]

const cellName = (e: ExpectedCell) =>
  `${e.event} ${e.metric} {${scopeKey(e.scope ?? {})}}${e.at ? ` at ${e.at}` : ""}${e.as_of ? ` as of ${e.as_of}` : ""}${e.weights ? ` with weights ${JSON.stringify(e.weights)}` : ""}`

const checkFigure = (figuresOf: FiguresOf, e: FigureExpectation): string[] => {
  const figure = figuresOf(e).find((f) => (e.at === undefined || e.at === null || f.at === e.at))
  if (!figure) return [`${cellName(e)}: expected a figure, found none`]
  const problems: string[] = []
  if (e.range !== undefined) {
    const want = e.range === null ? null : { lo: e.range[0], hi: e.range[1] }
    const got = figure.range
    const ok = want === null || got === null ? want === got : same(want.lo, got.lo) && same(want.hi, got.hi)
    if (!ok) problems.push(`${cellName(e)}: expected range ${rangeText(want)}, got ${rangeText(got)}`)
  }
  if (e.status !== undefined && e.status !== figure.status) problems.push(`${cellName(e)}: expected status ${e.status}, got ${figure.status}`)
  if (e.best !== undefined && !same(e.best, figure.best)) problems.push(`${cellName(e)}: expected best ${fmt(e.best)}, got ${fmt(figure.best)}`)
  if (e.best_candidates !== undefined) {
    const got = figure.best_candidates ?? []
    if (got.length !== e.best_candidates.length || got.some((x, i) => !same(x, e.best_candidates![i]!))) {
      problems.push(`${cellName(e)}: expected best_candidates [${e.best_candidates.join(", ")}], got [${got.join(", ")}]`)
    }
  }
  for (const [id, role] of Object.entries(e.roles ?? {})) {
    const got = figure.claims.find((c) => c.id === id)?.role
    if (got !== role) problems.push(`${cellName(e)}: expected claim ${id} to be ${role}, ${got === undefined ? "it is not listed" : `it is ${got}`}`)
  }
  return problems
}

const checkConflict = (figuresOf: FiguresOf, e: ConflictExpectation): string[] => {
  const conflicts = figuresOf(e)
    .filter((f) => e.scope === undefined || scopeKey(f.scope) === scopeKey(e.scope))
    .flatMap((f) => f.conflicts)
  const match = conflicts.find((c) =>
    (e.kind === undefined || c.kind === e.kind) &&
    e.claims.every((id) => c.claims.includes(id)) &&
    (e.against ?? []).every((id) => c.against.includes(id)))
  if (match) return []
  const what = `${e.kind ?? "a"} conflict on ${e.claims.join(", ") || "any claim"}${e.against ? ` against ${e.against.join(", ")}` : ""}`
  const found = conflicts.length === 0 ? "none" : conflicts.map((c) => `${c.kind} [${c.claims.join(", ")}] against [${c.against.join(", ")}]`).join("; ")
  return [`${cellName(e)}: expected ${what}, found ${found}`]
}

const findingMatches = (e: FindingExpectation, f: AuditFinding): boolean =>
  e.rule === f.rule && Object.entries(e).every(([k, v]) => k === "rule" || k === "line" || k === "note" || String(f.key[k] ?? null) === String(v))

/**
 * Checks a dataset's expectations against the figures reconciled in the (scratch) ledger (read
 * through `figuresOf`), and its integrity findings against the pinned ones: an error finding not
 * pinned fails, a pinned one not found fails.
 */
export const checkExpectations = (figuresOf: FiguresOf, expectations: Expectations, findings: readonly AuditFinding[]) => {
  const failures: ExpectationFailure[] = []
  for (const e of expectations.figures) for (const m of checkFigure(figuresOf, e)) failures.push({ line: e.line, message: m })
  for (const e of expectations.conflicts) for (const m of checkConflict(figuresOf, e)) failures.push({ line: e.line, message: m })
  for (const e of expectations.findings) {
    if (!findings.some((f) => findingMatches(e, f))) {
      const { line: _l, ...fields } = e
      failures.push({ line: e.line, message: `expected finding ${JSON.stringify(fields)} not found` })
    }
  }
  const unexpected = findings.filter((f) => f.severity === "error" && !expectations.findings.some((e) => findingMatches(e, f)))
  const pinned = findings.filter((f) => expectations.findings.some((e) => findingMatches(e, f)))
  return { failures, unexpected, pinned }
}
