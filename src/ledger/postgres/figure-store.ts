import { type SelectQueryBuilder, sql } from "kysely"
import type { Catalog } from "../../domain/catalog.js"
import type { Claim } from "../../domain/claim.js"
import type { Figure } from "../../domain/figure.js"
import { CLAIM_CORE_COLUMNS, type ClaimCoreRow, claimFromRow } from "../claim-from-row.js"
import { componentFigures, holdsListedClaims, LISTED_CLAIM_COLUMNS, type ListedClaimRow, listedClaimFromValues, withListedClaims } from "../component-figures.js"
import { CONFLICT_COLUMNS, FIGURE_COLUMNS, figureRows } from "../figure-rows.js"
import type { CellSelection, StoredConflict, StoredFigure } from "../ledger-rows.js"
import type { ConflictsTable, FiguresTable, Schema } from "../schema.js"
import { loadCatalogs } from "./catalog-store.js"
import type { Pg, PgContext } from "./pg-context.js"
import { renewProcessLease } from "./process-store.js"
import { loadSourceMetricWeights } from "./query-store.js"
import { staleCount } from "./stale-store.js"

type ComponentRow = ClaimCoreRow & { readonly component: string; readonly dataset: string }

/** The claims of one component, as the core reads them, in the order stored. */
export const claimsOfComponent = async (pg: Pg, component: string): Promise<Claim[]> =>
  (await pg.rows<ClaimCoreRow>(pg.db.selectFrom("claims").select(CLAIM_CORE_COLUMNS).where("component", "=", component).orderBy("seq")))
    .map(claimFromRow)

/**
 * Learned source reliability, where computed (SPEC §4.3: it replaces the prior weight); a source
 * learned with too little evidence has no weight and keeps its prior.
 */
export const loadSourceWeights = async (pg: Pg): Promise<ReadonlyMap<string, number>> =>
  new Map((await pg.rows<{ source: string; weight: number }>(pg.db.selectFrom("source_reliability").select(["source", "weight"])
    .where("weight", "is not", null))).map((r) => [r.source, r.weight]))

/** Learned copy groups, source id → group id (SPEC §4.3: members stating one value are one voice). */
export const loadSourceCopyGroups = async (pg: Pg): Promise<ReadonlyMap<string, string>> =>
  new Map((await pg.rows<{ source: string; copy_group: string }>(pg.db.selectFrom("source_reliability").select(["source", "copy_group"])
    .where("copy_group", "is not", null))).map((r) => [r.source, r.copy_group]))

/** The components holding claims of an event (and metric). */
export const componentsOf = (pg: Pg, cells: { event?: string | undefined; metric?: string | undefined }) =>
  pg.rows<{ component: string; event: string }>(pg.db.selectFrom("claims").select(["component", "event"]).distinct().orderBy("component")
    .$if(cells.event !== undefined, (q) => q.where("event", "=", cells.event!))
    .$if(cells.metric !== undefined, (q) => q.where("metric", "=", cells.metric!)))

/**
 * Stale components one transaction takes. Small, so that several processes share a backlog
 * evenly and a lock is held briefly; large enough that a step's few statements carry real work.
 */
export const COMPONENTS_PER_STEP = 64

/** `unnest` of one array parameter per column, typed as the column is, for an insert of many rows in one statement. */
const unnestRows = <R>(rows: readonly R[], columns: readonly (keyof R & string)[], types: Readonly<Record<string, string>>) =>
  sql.join(columns.map((c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(types[c] ?? "text")}[]`))

const NUMERIC_TYPES: Record<string, string> = { lo: "float8", hi: "float8", best: "float8", has_range: "integer", voices: "integer" }

const storeFigures = async (pg: Pg, components: readonly string[], figures: readonly FiguresTable[], conflicts: readonly ConflictsTable[]) => {
  await pg.exec(pg.db.deleteFrom("figures").where("component", "=", sql<string>`any(${components}::text[])`))
  await pg.exec(pg.db.deleteFrom("conflicts").where("component", "=", sql<string>`any(${components}::text[])`))
  if (figures.length > 0) {
    // One row per cell, the last one winning, as SQLite's row-by-row upserts leave it (one statement may not update a row twice).
    const cells = [...new Map(figures.map((f) => [`${f.event}\u0000${f.metric}\u0000${f.scope_key}\u0000${f.at_key}`, f])).values()]
    // A cell a catalog change moved to another component may still hold the old one's figure: replaced.
    await pg.exec(sql`INSERT INTO figures (${sql.raw(FIGURE_COLUMNS.join(", "))})
      SELECT * FROM unnest(${unnestRows(cells, FIGURE_COLUMNS, NUMERIC_TYPES)})
      ON CONFLICT (event, metric, scope_key, at_key) DO UPDATE SET
      ${sql.raw(FIGURE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", "))}`)
  }
  if (conflicts.length > 0) {
    await pg.exec(sql`INSERT INTO conflicts (${sql.raw(CONFLICT_COLUMNS.join(", "))})
      SELECT ${sql.raw(CONFLICT_COLUMNS.join(", "))} FROM unnest(${unnestRows(conflicts, CONFLICT_COLUMNS, {})}) WITH ORDINALITY AS r(${sql.raw(CONFLICT_COLUMNS.join(", "))}, ord)
      ORDER BY ord`)
  }
}

/**
 * One transaction of `reconcileStale` on PostgreSQL: takes up to `COMPONENTS_PER_STEP` stale
 * components with FOR UPDATE SKIP LOCKED — the ones another process is reconciling (or a writer
 * is marking) are left to it, so several processes on several hosts work through one backlog
 * without doing a component twice — reconciles them from their claims (read in one query), and
 * replaces their figures and conflicts, removes their marks and counts the passes, all in the
 * same transaction. Returns what it did and how many are stale still (some perhaps held by others).
 */
export const reconcileStep = async (pg: Pg, ctx: PgContext, dataset: string | undefined, now: string) => {
  await renewProcessLease(pg, ctx)
  const taken = await pg.rows<{ component: string; dataset: string }>(pg.db.selectFrom("stale_components").select(["component", "dataset"])
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", dataset!))
    .orderBy("component").limit(COMPONENTS_PER_STEP).forUpdate().skipLocked())
  if (taken.length === 0) return { components: 0, figures: 0, left: await staleCount(pg, dataset) }
  const components = taken.map((t) => t.component)
  const catalogs = new Map<string, Catalog>((await loadCatalogs(pg, true)).map((c) => [c.name, c]))
  const learned = { weights: await loadSourceWeights(pg), metricWeights: await loadSourceMetricWeights(pg), copyGroups: await loadSourceCopyGroups(pg) }
  const rows = await pg.rows<ComponentRow>(pg.db.selectFrom("claims").select(["component", "dataset", ...CLAIM_CORE_COLUMNS])
    .where("component", "=", sql<string>`any(${components}::text[])`).orderBy("component").orderBy("seq"))
  const byComponent = new Map<string, ComponentRow[]>()
  for (const r of rows) {
    const list = byComponent.get(r.component)
    if (list) list.push(r)
    else byComponent.set(r.component, [r])
  }
  const figures: FiguresTable[] = []
  const conflicts: ConflictsTable[] = []
  for (const component of components) {
    const claims = byComponent.get(component) ?? []
    const catalog = claims.length === 0 ? undefined : catalogs.get(claims[0]!.dataset)
    // No claims (re-keyed away by a catalog change) or no catalog: nothing to show for it any more.
    const core = claims.map(claimFromRow)
    const computed: Figure[] = catalog === undefined ? [] : componentFigures(catalog, core, learned)
    const stored = figureRows(component, computed, core, now)
    figures.push(...stored.figures)
    conflicts.push(...stored.conflicts)
  }
  await storeFigures(pg, components, figures, conflicts)
  await pg.exec(pg.db.deleteFrom("stale_components").where("component", "=", sql<string>`any(${components}::text[])`))
  await pg.exec(sql`INSERT INTO component_passes (component, dataset, marked, reconciled)
    SELECT component, dataset, 0, 1 FROM unnest(${components}::text[], ${taken.map((t) => t.dataset)}::text[]) AS t(component, dataset)
    ORDER BY component
    ON CONFLICT (component) DO UPDATE SET reconciled = component_passes.reconciled + 1`)
  return { components: components.length, figures: figures.length, left: await staleCount(pg, dataset) }
}

/** The WHERE of a figures or conflicts query: the selection's event, metric and scope, as far as given. */
const whereCells = <O>(q: SelectQueryBuilder<Schema, "figures" | "conflicts", O>, cells: CellSelection) =>
  q.$if(cells.event !== undefined, (b) => b.where("event", "=", cells.event!))
    .$if(cells.metric !== undefined, (b) => b.where("metric", "=", cells.metric!))
    .$if(cells.scopeKey !== undefined, (b) => b.where("scope_key", "=", cells.scopeKey!))

/** Components (or events) whose claims are read per query of `storedFigures`. */
const KEYS_PER_QUERY = 500

/** The listed-claim rows of the claims of each of `keys` (components or events), by claim id. */
const listedClaimsBy = async (pg: Pg, column: "component" | "event", keys: readonly string[]) => {
  const by = new Map<string, Map<string, ListedClaimRow>>(keys.map((k) => [k, new Map()]))
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const listed = await pg.rows<Record<string, unknown>>(pg.db.selectFrom("claims")
      .select([column, ...LISTED_CLAIM_COLUMNS]).where(column, "in", keys.slice(i, i + KEYS_PER_QUERY)))
    for (const l of listed) {
      const [id, row] = listedClaimFromValues(LISTED_CLAIM_COLUMNS.map((c) => l[c]))
      by.get(l[column] as string)!.set(id, row)
    }
  }
  return by
}

/**
 * Materialized figures, by cell, the latest valid time first, with their claims whole
 * (`withListedClaims`): from the claim rows of the figure's component, or of its event where the
 * component lacks one (a catalog change moved it, and the component is not reconciled yet).
 */
export const storedFigures = async (pg: Pg, cells: CellSelection): Promise<StoredFigure[]> => {
  const rows = await pg.rows<{ detail_json: string; component: string; event: string; metric: string; scope_key: string; at_key: string }>(
    whereCells(pg.db.selectFrom("figures").select(["detail_json", "component", "event", "metric", "scope_key", "at_key"]), cells)
      .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key", "desc"))
  const byComponent = await listedClaimsBy(pg, "component", [...new Set(rows.map((r) => r.component))])
  const read = rows.map((r) => {
    const stored = JSON.parse(r.detail_json) as Omit<Figure, "explanation">
    const own = byComponent.get(r.component)!
    return { r, stored, own: holdsListedClaims(stored, own) ? own : null }
  })
  const byEvent = await listedClaimsBy(pg, "event", [...new Set(read.filter((x) => x.own === null).map((x) => x.r.event))])
  return read.map(({ r, stored, own }) => ({
    event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key,
    figure: withListedClaims(stored, own ?? byEvent.get(r.event)!),
  }))
}

/** Materialized conflicts, in a stable order. */
export const storedConflicts = async (pg: Pg, cells: CellSelection): Promise<StoredConflict[]> =>
  (await pg.rows<Schema["conflicts"]>(whereCells(pg.db.selectFrom("conflicts").selectAll(), cells)
    .orderBy("event").orderBy("metric").orderBy("scope_key").orderBy("at_key").orderBy("kind").orderBy("claims_json")
    .orderBy("against_json").orderBy("reason")))
    .map((r) => ({
      event: r.event, metric: r.metric, scopeKey: r.scope_key, at: r.at_key === "" ? null : r.at_key, kind: r.kind,
      claims: JSON.parse(r.claims_json) as string[], against: JSON.parse(r.against_json) as string[], reason: r.reason,
    }))
