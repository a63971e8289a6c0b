import type { Conflict, Figure } from "../domain/figure.js"
import type { JsonInterval } from "../domain/interval.js"
import type { Scope } from "../domain/scope.js"
import type { ClaimRecordOut } from "../query/query-claims.js"
import type { SourceRecord } from "../query/query-sources.js"
import type { StoredCopyEvidence } from "../reliability/stored-reliability.js"
import { bestText, type Column, fixed, type OutputFormat, rangeText } from "./output.js"

/*
 * The shapes records are printed in: one place for every name a script sees. JSON and NDJSON
 * print the `…View` objects; CSV prints their fields flat and typed (a range as `range_lo`,
 * `range_hi`, a scope as one `scope.<dim>` column per dimension, a chain as `a>b>c`); tables
 * print the same names, with ranges and scopes written the short way for people.
 */

/** A scope as a person reads it in a table: `location=belaya type=Tu-95`, empty for "all" (as in the ledger). */
export const scopeText = (scope: Scope): string =>
  Object.keys(scope).sort().map((k) => `${k}=${scope[k]}`).join(" ")

/** One `scope.<dim>` column per dimension: the value, empty where the record leaves the dimension out. */
const scopeColumns = <T>(dimensions: readonly string[], scopeOf: (r: T) => Scope): Column<T>[] =>
  dimensions.map((d) => ({ header: `scope.${d}`, value: (r: T) => scopeOf(r)[d] ?? null }))

const intervalColumns = <T>(name: string, of: (r: T) => JsonInterval | null): Column<T>[] => [
  { header: `${name}_lo`, value: (r) => of(r)?.lo ?? null },
  { header: `${name}_hi`, value: (r) => of(r)?.hi ?? null },
]

const chain = (ids: readonly string[]): string => ids.join(">")
const list = (ids: readonly string[]): string => ids.join(" ")

/** Columns for a format: the flat CSV ones, or the short table ones. */
const pick = <T>(format: OutputFormat, table: readonly Column<T>[], csv: readonly Column<T>[]): readonly Column<T>[] =>
  (format === "csv" ? csv : table)

// Claims

/** `reckon claims`: a stored claim as SPEC §6 names it, with its provenance (quote, url, file, line). */
export type ClaimView = ClaimRecordOut
export const claimView = (c: ClaimRecordOut): ClaimView => c

export const claimColumns = (format: OutputFormat, dimensions: readonly string[]): readonly Column<ClaimView>[] => pick(format, [
  { header: "id", value: (c) => c.id },
  { header: "event", value: (c) => c.event },
  { header: "metric", value: (c) => c.metric },
  { header: "scope", value: (c) => scopeText(c.scope) },
  { header: "source", value: (c) => c.source },
  { header: "via", value: (c) => c.via },
  { header: "value", value: (c) => c.value },
  { header: "interval", value: (c) => rangeText(c) },
  { header: "certainty", value: (c) => c.certainty },
  { header: "at", value: (c) => c.at },
  { header: "stated", value: (c) => c.stated },
  { header: "quote", value: (c) => c.quote },
  { header: "url", value: (c) => c.url },
], [
  { header: "id", value: (c) => c.id },
  { header: "dataset", value: (c) => c.dataset },
  { header: "event", value: (c) => c.event },
  { header: "metric", value: (c) => c.metric },
  ...scopeColumns<ClaimView>(dimensions, (c) => c.scope),
  { header: "source", value: (c) => c.source },
  { header: "via", value: (c) => chain(c.via) },
  { header: "value", value: (c) => c.value },
  { header: "lo", value: (c) => c.lo },
  { header: "hi", value: (c) => c.hi },
  { header: "certainty", value: (c) => c.certainty },
  { header: "method", value: (c) => c.method },
  { header: "at", value: (c) => c.at },
  { header: "stated", value: (c) => c.stated },
  { header: "supersedes", value: (c) => c.supersedes },
  { header: "retracts", value: (c) => c.retracts },
  { header: "quote", value: (c) => c.quote },
  { header: "url", value: (c) => c.url },
  { header: "file", value: (c) => c.file },
  { header: "line", value: (c) => c.line },
  { header: "recorded", value: (c) => c.recorded },
])

// Figures

/** `reckon figures`: the SPEC §6 figure; the explanation is `reckon explain`'s to print. */
export type FigureView = Omit<Figure, "explanation">
export const figureView = ({ explanation: _e, ...f }: Figure): FigureView => f

/** What `figures --sort` takes: the scalar fields of the JSON figure. */
export const FIGURE_SORT_FIELDS = ["event", "metric", "at", "status", "best", "voices", "heuristic"] as const satisfies readonly (keyof FigureView)[]

export const figureColumns = (format: OutputFormat, dimensions: readonly string[]): readonly Column<FigureView>[] => pick(format, [
  { header: "event", value: (f) => f.event },
  { header: "metric", value: (f) => f.metric },
  { header: "scope", value: (f) => scopeText(f.scope) },
  { header: "at", value: (f) => f.at },
  { header: "status", value: (f) => f.status },
  { header: "range", value: (f) => rangeText(f.range) },
  { header: "best", value: (f) => bestText(f) },
  { header: "voices", value: (f) => f.voices },
  { header: "conflicts", value: (f) => f.conflicts.length },
], [
  { header: "event", value: (f) => f.event },
  { header: "metric", value: (f) => f.metric },
  ...scopeColumns<FigureView>(dimensions, (f) => f.scope),
  { header: "at", value: (f) => f.at },
  { header: "status", value: (f) => f.status },
  ...intervalColumns<FigureView>("range", (f) => f.range),
  { header: "best", value: (f) => f.best },
  { header: "best_candidates", value: (f) => f.best_candidates.join(" ") },
  ...intervalColumns<FigureView>("direct", (f) => f.direct),
  ...intervalColumns<FigureView>("implied", (f) => f.implied),
  { header: "voices", value: (f) => f.voices },
  { header: "claims", value: (f) => f.claims.length },
  { header: "conflicts", value: (f) => f.conflicts.length },
  { header: "heuristic", value: (f) => f.heuristic },
])

// Conflicts

/** `reckon conflicts`: one conflict with the cell it is on (SPEC §6). */
export interface ConflictView extends Conflict {
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  readonly at: string | null
}

/** What `conflicts --sort` takes. */
export const CONFLICT_SORT_FIELDS = ["event", "metric", "at", "kind", "reason"] as const satisfies readonly (keyof ConflictView)[]

export const conflictColumns = (format: OutputFormat, dimensions: readonly string[]): readonly Column<ConflictView>[] => pick(format, [
  { header: "event", value: (c) => c.event },
  { header: "metric", value: (c) => c.metric },
  { header: "scope", value: (c) => scopeText(c.scope) },
  { header: "at", value: (c) => c.at },
  { header: "kind", value: (c) => c.kind },
  { header: "claims", value: (c) => c.claims.join(", ") },
  { header: "against", value: (c) => c.against.join(", ") },
  { header: "reason", value: (c) => c.reason },
], [
  { header: "event", value: (c) => c.event },
  { header: "metric", value: (c) => c.metric },
  ...scopeColumns<ConflictView>(dimensions, (c) => c.scope),
  { header: "at", value: (c) => c.at },
  { header: "kind", value: (c) => c.kind },
  { header: "claims", value: (c) => list(c.claims) },
  { header: "against", value: (c) => list(c.against) },
  { header: "reason", value: (c) => c.reason },
])

// Sources

/**
 * `reckon sources`: a source with its weights, named as in the `source_reliability_readable`
 * view: `prior_weight` (the catalog's), `learned_weight` (from `reckon learn`; null when none was
 * learned or the source had too few contested cells), `weight_used` (what reconciliation uses),
 * `contested` (cells shared with another independent voice), `agreement` (share of those where it
 * agreed with the others), `copy_group`, `metric_weights` (metric → the learned weight reconciliation
 * uses on that metric's cells in place of `weight_used`, where the source had enough evidence on it).
 */
export interface SourceView {
  readonly id: string
  /** The dataset whose catalog declares it: the same id in two datasets is two sources. */
  readonly dataset: string
  readonly name: string
  readonly kind: string
  readonly side: string | null
  readonly aliases: readonly string[]
  readonly prior_weight: number
  readonly learned_weight: number | null
  readonly weight_used: number
  readonly contested: number | null
  readonly agreement: number | null
  readonly copy_group: string | null
  readonly metric_weights: Readonly<Record<string, number>>
  readonly claims: number
  readonly relayed: number
}

export const sourceView = (s: SourceRecord): SourceView => ({
  id: s.id, dataset: s.dataset, name: s.name, kind: s.kind, side: s.side, aliases: s.aliases, prior_weight: s.weight,
  learned_weight: s.learned, weight_used: s.learned ?? s.weight, contested: s.contested, agreement: s.agreement,
  copy_group: s.copyGroup,
  metric_weights: Object.fromEntries(s.metrics.flatMap((m) => (m.weight === null ? [] : [[m.metric, m.weight] as const]))),
  claims: s.claims, relayed: s.relayed,
})

/** What `sources --sort` takes. */
export const SOURCE_SORT_FIELDS = [
  "id", "dataset", "name", "kind", "side", "prior_weight", "learned_weight", "weight_used", "contested", "agreement", "copy_group", "claims", "relayed",
] as const satisfies readonly (keyof SourceView)[]

/** A number for a table (at most `digits` decimals); CSV and JSON keep full precision. */
const shown = (format: OutputFormat, x: number | null, digits = 3) => (format === "csv" ? x : fixed(x, digits))

export const sourceColumns = (format: OutputFormat): readonly Column<SourceView>[] => [
  { header: "id", value: (s) => s.id },
  { header: "dataset", value: (s) => s.dataset },
  { header: "name", value: (s) => s.name },
  { header: "kind", value: (s) => s.kind },
  { header: "side", value: (s) => s.side },
  { header: "aliases", value: (s) => (format === "csv" ? list(s.aliases) : s.aliases.join(", ")) },
  { header: "prior_weight", value: (s) => s.prior_weight },
  { header: "contested", value: (s) => shown(format, s.contested, 1) },
  { header: "agreement", value: (s) => shown(format, s.agreement, 4) },
  { header: "learned_weight", value: (s) => shown(format, s.learned_weight) },
  { header: "weight_used", value: (s) => shown(format, s.weight_used) },
  { header: "copy_group", value: (s) => s.copy_group },
  { header: "metric_weights", value: (s) => Object.entries(s.metric_weights).map(([m, w]) => `${m}=${shown(format, w)}`).join(" ") },
  { header: "claims", value: (s) => s.claims },
  { header: "relayed", value: (s) => s.relayed },
]

/** `reckon sources --copies` (and `eval flight`): one dependent pair of a copy group, named as in `copy_evidence`. */
export interface CopyPairView {
  readonly group: string
  readonly members: readonly string[]
  readonly source_a: string
  readonly source_b: string
  /** Items both spoke on. */
  readonly overlap: number
  /** Of those, with the same value. */
  readonly same: number
  readonly both_false: number
  readonly shared_false: number
  readonly expected_shared_false: number
  readonly score: number
}

export const copyPairView = (e: StoredCopyEvidence, members: readonly string[]): CopyPairView => ({
  group: e.group, members, source_a: e.sources[0], source_b: e.sources[1], overlap: e.overlap, same: e.same,
  both_false: e.bothFalse, shared_false: e.sharedFalse, expected_shared_false: e.expectedSharedFalse, score: e.score,
})

export const copyPairColumns = (format: OutputFormat): readonly Column<CopyPairView>[] => [
  { header: "group", value: (e) => e.group },
  { header: "members", value: (e) => (format === "csv" ? list(e.members) : e.members.join(", ")) },
  { header: "source_a", value: (e) => e.source_a },
  { header: "source_b", value: (e) => e.source_b },
  { header: "overlap", value: (e) => e.overlap },
  { header: "same", value: (e) => e.same },
  { header: "both_false", value: (e) => e.both_false },
  { header: "shared_false", value: (e) => e.shared_false },
  { header: "expected_shared_false", value: (e) => shown(format, e.expected_shared_false, 1) },
  { header: "score", value: (e) => shown(format, e.score, 1) },
]

/** A source's learned reliability as `reckon learn` computes it (and `eval flight`). */
export interface ReliabilityRecord {
  readonly source: string
  readonly claims: number
  readonly contested: number
  readonly agreement: number | null
  readonly prior: number
  readonly weight: number
  readonly atPrior: boolean
  readonly group: string | null
}

/** `reckon learn`: a source's learned reliability, named as in `source_reliability_readable`. */
export interface ReliabilityView {
  readonly source: string
  readonly claims: number
  readonly contested: number
  readonly agreement: number | null
  readonly prior_weight: number
  /** null: too few contested cells, the prior is kept. */
  readonly learned_weight: number | null
  readonly weight_used: number
  readonly copy_group: string | null
}

export const reliabilityView = (s: ReliabilityRecord): ReliabilityView => ({
  source: s.source, claims: s.claims, contested: s.contested, agreement: s.agreement, prior_weight: s.prior,
  learned_weight: s.atPrior ? null : s.weight, weight_used: s.weight, copy_group: s.group,
})

export const reliabilityColumns = (format: OutputFormat): readonly Column<ReliabilityView>[] => [
  { header: "source", value: (s) => s.source },
  { header: "claims", value: (s) => shown(format, s.claims, 1) },
  { header: "contested", value: (s) => shown(format, s.contested, 1) },
  { header: "agreement", value: (s) => shown(format, s.agreement, 4) },
  { header: "prior_weight", value: (s) => shown(format, s.prior_weight) },
  { header: "learned_weight", value: (s) => (s.learned_weight === null && format !== "csv" ? "too little evidence: prior kept" : shown(format, s.learned_weight)) },
  { header: "weight_used", value: (s) => shown(format, s.weight_used) },
  { header: "copy_group", value: (s) => s.copy_group },
]
