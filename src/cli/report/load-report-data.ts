/**
 * The one place the report and the web view read the ledger: through the same query functions
 * and JSON shapes as `reckon figures|conflicts|claims|sources --format json`, so the pages and
 * `/api/…` show what the CLI prints. Everything else in src/cli/report and src/cli/web works on plain data.
 */
import * as Effect from "effect/Effect"
import { type CopyPairView, copyPairView, figureView, type SourceView, sourceView } from "../record-views.js"
import { groupBy } from "../../domain/group-by.js"
import { scopeKey } from "../../domain/scope.js"
import type { Ledger } from "../../ledger/ledger.js"
import type { LedgerError } from "../../ledger/ledger-error.js"
import type { FigureFilter } from "../../query/figure-filter.js"
import { type ClaimFilter, type ClaimRecordOut, queryClaims } from "../../query/query-claims.js"
import { type ConflictRecord, queryConflicts } from "../../query/query-conflicts.js"
import { computeFigures, queryFigures } from "../../query/query-figures.js"
import { querySources } from "../../query/query-sources.js"
import { loadCopyGroups, type StoredCopyGroup } from "../../reliability/stored-reliability.js"
import type { CellRef, FigureDetail, FigureRecord, ReportData, Tally, TallyClaim, TallyPoint } from "./report-data.js"
import { thinDates } from "./thin-dates.js"

/**
 * How many valid times a tally's consensus band is computed at. Each is one reconciliation of the
 * cell's component (about 20 ms for a 1,600-day tally), so a web page stays under a second and a
 * report of every tally of a large dataset under a minute; the claims themselves are all drawn.
 */
export const TALLY_BAND_DATES = 40

type Load<A> = Effect.Effect<A, LedgerError, Ledger>

/** `reckon figures --format json`. */
export const loadFigures = (filter: FigureFilter): Load<FigureRecord[]> =>
  Effect.map(queryFigures(filter), (fs) => fs.map(figureView))

/** `reckon conflicts --format json`. */
export const loadConflicts = (filter: FigureFilter): Load<ConflictRecord[]> => queryConflicts(filter)

/** `reckon claims --format json`. */
export const loadClaims = (filter: ClaimFilter): Load<ClaimRecordOut[]> => queryClaims(filter)

/** `reckon sources --format json`. */
export const loadSources: Load<SourceView[]> = Effect.map(querySources, (ss) => ss.map(sourceView))

/** The copy groups found by `reckon learn`. */
export const loadCopyGroupList: Load<StoredCopyGroup[]> = loadCopyGroups

/** `reckon sources --copies --format json`: one row per dependent pair, with its group's members. */
export const loadCopyPairs: Load<CopyPairView[]> = Effect.map(loadCopyGroups, (groups) =>
  groups.flatMap((g) => g.evidence.map((e) => copyPairView(e, g.sources))))

const cellKey = (c: { readonly metric: string; readonly scope: Readonly<Record<string, string>> }): string =>
  `${c.metric}\u0000${scopeKey(c.scope)}`

/** A figure with its explanation, reconciled again at its valid time as `reckon explain` does. */
const explained = (f: FigureRecord) =>
  Effect.map(computeFigures({ event: f.event, metric: f.metric, scope: f.scope, at: f.at ?? undefined }),
    (fs) => fs[0] ?? { ...f, explanation: [] })

/**
 * The tallies of cells of one event: each cell's stored claims with a valid time, and the
 * consensus at up to TALLY_BAND_DATES of their dates. One query per date answers every cell.
 */
const tallies = (event: string, cells: readonly FigureRecord[]): Load<Map<string, Tally>> =>
  Effect.gen(function* () {
    const keys = new Set(cells.map(cellKey))
    const metrics = new Set(cells.map((c) => c.metric))
    const metric = metrics.size === 1 ? cells[0]!.metric : undefined
    const scope = cells.length === 1 ? cells[0]!.scope : undefined
    const claims = new Map<string, TallyClaim[]>([...keys].map((k) => [k, []]))
    for (const c of yield* queryClaims({ event, metric, scope })) {
      if (c.at === null) continue
      claims.get(cellKey(c))?.push({ id: c.id, source: c.source, value: c.value, lo: c.lo, hi: c.hi, certainty: c.certainty, at: c.at })
    }
    const bands = new Map<string, TallyPoint[]>([...keys].map((k) => [k, []]))
    for (const at of thinDates([...claims.values()].flatMap((cs) => cs.map((c) => c.at)), TALLY_BAND_DATES)) {
      for (const f of yield* queryFigures({ event, metric, scope, at })) {
        bands.get(cellKey(f))?.push({ at, lo: f.range?.lo ?? null, hi: f.range?.hi ?? null, best: f.best })
      }
    }
    return new Map([...keys].map((k) => [k, { claims: claims.get(k)!, band: bands.get(k)! }]))
  })

/** The page of each figure: its explanation and, for a figure with a valid time, its tally. */
export const loadFigureDetails = (figures: readonly FigureRecord[]): Load<FigureDetail[]> =>
  Effect.gen(function* () {
    const byEvent = groupBy(figures.filter((f) => f.at !== null), (f) => f.event)
    const tallyOf = new Map<string, Tally>()
    for (const [event, cells] of byEvent) {
      for (const [k, t] of yield* tallies(event, cells)) tallyOf.set(`${event}\u0000${k}`, t)
    }
    const out: FigureDetail[] = []
    for (const f of figures) out.push({ figure: yield* explained(f), tally: tallyOf.get(`${f.event}\u0000${cellKey(f)}`) ?? null })
    return out
  })

/**
 * One figure's page, or null when the ledger has no figure for the cell. Without `at`: the cell's
 * latest. A scope with no figure of its own gets its derived figure, as `reckon figures --scope` does.
 */
export const loadFigureDetail = (cell: CellRef): Load<FigureDetail | null> =>
  Effect.gen(function* () {
    const filter = { event: cell.event, metric: cell.metric, at: cell.at ?? undefined }
    const same = (f: FigureRecord) => scopeKey(f.scope) === scopeKey(cell.scope)
    const figure = (yield* loadFigures(filter)).find(same) ??
      (Object.keys(cell.scope).length > 0 ? (yield* loadFigures({ ...filter, scope: cell.scope })).find(same) : undefined)
    if (!figure) return null
    return (yield* loadFigureDetails([figure]))[0]!
  })

/** Everything `reckon report` writes, for the figures matching the filter. */
export const loadReportData = (ledger: string, filter: ReportData["filter"]): Load<ReportData> =>
  Effect.gen(function* () {
    const figures = yield* loadFigures(filter)
    return {
      ledger,
      filter,
      figures,
      details: yield* loadFigureDetails(figures),
      conflicts: yield* loadConflicts({ event: filter.event, metric: filter.metric }),
      sources: yield* loadSources,
      copyGroups: yield* loadCopyGroupList,
    }
  })
