import type { ClaimRow } from "../claim-from-row.js"
import type { SelectQueryBuilder } from "kysely"
import { CLAIM_SORT_COLUMNS, type ClaimSelection, metricWeightMap, type PointClaim, type ReliabilityRows, type SourceSummary } from "../ledger-rows.js"
import type { CopyEvidenceTable, CopyGroupsTable, Schema, SourceMetricReliabilityTable, SourceReliabilityTable } from "../schema.js"
import { param, prepare } from "./prepared.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { markAllStale, markSourcesStale } from "./stale-store.js"

const whereClaims = <Q extends SelectQueryBuilder<Schema, "claims", object>>(q: Q, s: ClaimSelection): Q =>
  q.$if(s.event !== undefined, (b) => b.where("event", "=", param("event")))
    .$if(s.metric !== undefined, (b) => b.where("metric", "=", param("metric")))
    .$if(s.source !== undefined, (b) => b.where("source", "=", param("source")))
    .$if(s.dataset !== undefined, (b) => b.where("dataset", "=", param("dataset")))
    .$if(s.scopeKey !== undefined, (b) => b.where("scope_key", "=", param("scopeKey"))) as Q

const selectionParams = (s: ClaimSelection) => Object.fromEntries(Object.entries({
  event: s.event, metric: s.metric, source: s.source, dataset: s.dataset, scopeKey: s.scopeKey,
  // SQLite takes an OFFSET only after a LIMIT: -1 is "no limit"
  limit: s.limit === undefined ? (s.offset === undefined ? undefined : -1) : Math.max(0, Math.floor(s.limit)),
  offset: s.offset === undefined ? undefined : Math.max(0, Math.floor(s.offset)),
}).filter(([, v]) => v !== undefined))

const claimsQuery = (ctx: SqliteContext, s: ClaimSelection) => {
  const sorted = s.sort === undefined ? whereClaims(ctx.db.selectFrom("claims").selectAll(), s)
    : whereClaims(ctx.db.selectFrom("claims").selectAll(), s).orderBy(CLAIM_SORT_COLUMNS[s.sort.field], s.sort.descending ? "desc" : "asc")
  return sorted.orderBy("seq", s.sort?.descending ? "desc" : "asc")
    .$if(s.limit !== undefined || s.offset !== undefined, (b) => b.limit(param<number>("limit")))
    .$if(s.offset !== undefined, (b) => b.offset(param<number>("offset")))
}

/** The stored claims matching the selection, in the order they were stored (or sorted as asked). */
export const selectClaims = (ctx: SqliteContext, s: ClaimSelection): ClaimRow[] =>
  prepare(ctx.sqlite, claimsQuery(ctx, s)).all<ClaimRow>(selectionParams(s))

/**
 * The same claims as an iterator over one statement, read as it is consumed: a million claims
 * are never held at once. Close it (`return()`) when stopping early.
 */
export const iterateClaims = (ctx: SqliteContext, s: ClaimSelection): IterableIterator<ClaimRow> =>
  prepare(ctx.sqlite, claimsQuery(ctx, s)).iterate<ClaimRow>(selectionParams(s))

/** How many claims match the selection's filters (its limit and offset aside). */
export const countClaims = (ctx: SqliteContext, s: ClaimSelection): number =>
  prepare(ctx.sqlite, whereClaims(ctx.db.selectFrom("claims").select((eb) => eb.fn.countAll<number>().as("n")), s))
    .get<{ n: number }>(selectionParams({ ...s, limit: undefined, offset: undefined }))!.n

/** Every source (one row per dataset that declares it) with its aliases and how many claims it is the origin of, or passed on, there. */
export const sourceSummaries = (ctx: SqliteContext): SourceSummary[] => {
  const key = (dataset: string, id: string) => `${dataset}\u0000${id}`
  const counts = new Map(prepare(ctx.sqlite, ctx.db.selectFrom("claims").select((eb) => ["dataset", "source", eb.fn.countAll<number>().as("n")])
    .groupBy(["dataset", "source"]))
    .all<{ dataset: string; source: string; n: number }>().map((r) => [key(r.dataset, r.source), r.n]))
  const relayed = new Map<string, number>()
  for (const r of prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["dataset", "via_json"]).where("via_json", "<>", "[]"))
    .iterate<{ dataset: string; via_json: string }>()) {
    for (const s of JSON.parse(r.via_json) as string[]) relayed.set(key(r.dataset, s), (relayed.get(key(r.dataset, s)) ?? 0) + 1)
  }
  const aliases = new Map<string, string[]>()
  for (const a of prepare(ctx.sqlite, ctx.db.selectFrom("source_aliases").selectAll().orderBy("alias")).all<{ dataset: string; alias: string; source_id: string }>()) {
    const k = key(a.dataset, a.source_id)
    const list = aliases.get(k) ?? []
    list.push(a.alias)
    aliases.set(k, list)
  }
  return prepare(ctx.sqlite, ctx.db.selectFrom("sources").select(["id", "dataset", "name", "kind", "side", "weight"]).orderBy("id").orderBy("dataset"))
    .all<{ id: string; dataset: string; name: string; kind: string; side: string | null; weight: number }>()
    .map((s) => {
      const k = key(s.dataset, s.id)
      return { ...s, aliases: aliases.get(k) ?? [], claims: counts.get(k) ?? 0, relayed: relayed.get(k) ?? 0 }
    })
}

/**
 * Streams every active point claim ([v, v], not `possible`, not the target of a supersedes or
 * retracts link) to `consume`, as arrays from one scan of the claims table: the ~1.1M claims of
 * the Flight benchmark never exist as a million row objects at once. The dataset is filtered here,
 * not in SQL: with `dataset = ?` SQLite walks the (dataset, claim_id) index and fetches a million
 * rows in id order, several times slower than one scan of the table.
 */
export const readPointClaims = <A>(ctx: SqliteContext, dataset: string | undefined, consume: (claims: Iterable<PointClaim>) => A): A => {
  const replaced = new Set(
    prepare(ctx.sqlite, ctx.db.selectFrom("claim_links").select(["dataset", "target_claim_id"])
      .$if(dataset !== undefined, (q) => q.where("dataset", "=", param("dataset"))))
      .all<{ dataset: string; target_claim_id: string }>(dataset === undefined ? {} : { dataset })
      .map((r) => `${r.dataset}\u0000${r.target_claim_id}`),
  )
  const rows = prepare(ctx.sqlite, ctx.db.selectFrom("claims").select(["event", "metric", "scope_key", "at", "source", "lo", "dataset", "claim_id"])
    .where("lo", "is not", null).whereRef("lo", "=", "hi").where("certainty", "<>", "possible"))
    .rawIterate<[string, string, string, string | null, string, number, string, string]>()
  function* claims(): Generator<PointClaim> {
    for (const [event, metric, scopeKey, at, source, value, d, id] of rows) {
      if (dataset !== undefined && d !== dataset) continue
      if (replaced.size > 0 && replaced.has(`${d}\u0000${id}`)) continue
      yield { event, metric, scopeKey, at, source, value }
    }
  }
  try {
    return consume(claims())
  } finally {
    // A consumer that stopped early leaves the statement busy; finish it.
    rows.return?.()
  }
}

const KEYS = { source_reliability: ["source"], source_metric_reliability: ["source", "metric"], copy_groups: ["id"], copy_evidence: ["group_id", "source_a", "source_b"] } as const

/**
 * Inserts rows whose columns are the keys of the first row (so columns a later migration adds
 * flow through); a row with the key of an earlier one replaces it.
 */
const insertRows = <T extends keyof typeof KEYS>(ctx: SqliteContext, table: T, rows: readonly Schema[T][]): void => {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const insert = prepare(ctx.sqlite, ctx.db.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, param(c)])) as never)
    .onConflict((oc) => oc.columns([...KEYS[table]] as never).doUpdateSet((eb) =>
      Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never)))
  for (const r of rows) insert.run(r as unknown as Record<string, unknown>)
}

/**
 * Replaces learned reliability in one transaction: everything, or (with `dataset`) what was
 * learned from it and the rows of the same sources or group ids; marks the components whose
 * figures the weights and copy groups change stale in the same transaction (every component of the
 * dataset, and those of other datasets holding claims of the sources whose rows changed). Returns
 * how many are stale (of the dataset).
 */
export const replaceReliability = (ctx: SqliteContext, rows: ReliabilityRows, dataset: string | null, now: string): number =>
  writeTransaction(ctx, () => {
    const run = (q: Parameters<typeof prepare>[1], p: Record<string, unknown> = {}) => prepare(ctx.sqlite, q).run(p)
    if (dataset === null) {
      for (const t of ["copy_evidence", "copy_groups", "source_metric_reliability", "source_reliability"] as const) run(ctx.db.deleteFrom(t))
    } else {
      // Weights and copy groups are keyed by source: what they change reaches other datasets where the same sources speak.
      const before = prepare(ctx.sqlite, ctx.db.selectFrom("source_reliability").select("source").where("dataset", "=", param("dataset")))
        .all<{ source: string }>({ dataset }).map((r) => r.source)
      markSourcesStale(ctx, [...new Set([...before, ...rows.sources.map((s) => s.source)])], now)
      const groups = [
        ...prepare(ctx.sqlite, ctx.db.selectFrom("copy_groups").select("id").where("dataset", "=", param("dataset"))).all<{ id: string }>({ dataset })
          .map((g) => g.id),
        ...rows.groups.map((g) => g.id),
      ]
      for (const id of groups) {
        run(ctx.db.deleteFrom("copy_evidence").where("group_id", "=", param("id")), { id })
        run(ctx.db.deleteFrom("copy_groups").where("id", "=", param("id")), { id })
      }
      for (const t of ["source_metric_reliability", "source_reliability"] as const) {
        run(ctx.db.deleteFrom(t).where("dataset", "=", param("dataset")), { dataset })
        for (const s of rows.sources) run(ctx.db.deleteFrom(t).where("source", "=", param("source")), { source: s.source })
      }
    }
    insertRows(ctx, "source_reliability", rows.sources)
    insertRows(ctx, "source_metric_reliability", rows.metrics)
    insertRows(ctx, "copy_groups", rows.groups)
    insertRows(ctx, "copy_evidence", rows.evidence)
    return markAllStale(ctx, dataset ?? undefined, now)
  })

/**
 * Learned weights by metric, metric id → source id → weight (SPEC §4.3: they replace the source's
 * weight on that metric's cells); rows with a null weight (too little evidence) are left out.
 */
export const loadSourceMetricWeights = (ctx: SqliteContext): ReadonlyMap<string, ReadonlyMap<string, number>> =>
  metricWeightMap(prepare(ctx.sqlite, ctx.db.selectFrom("source_metric_reliability").select(["metric", "source", "weight"])
    .where("weight", "is not", null)).all<{ metric: string; source: string; weight: number }>())

/** Learned reliability as stored, in a stable order. */
export const storedReliability = (ctx: SqliteContext): ReliabilityRows => ({
  sources: prepare(ctx.sqlite, ctx.db.selectFrom("source_reliability").selectAll().orderBy("source")).all<SourceReliabilityTable>(),
  metrics: prepare(ctx.sqlite, ctx.db.selectFrom("source_metric_reliability").selectAll().orderBy("source").orderBy("metric"))
    .all<SourceMetricReliabilityTable>(),
  groups: prepare(ctx.sqlite, ctx.db.selectFrom("copy_groups").selectAll().orderBy("id")).all<CopyGroupsTable>(),
  evidence: prepare(ctx.sqlite, ctx.db.selectFrom("copy_evidence").selectAll()
    .orderBy("group_id").orderBy("score", "desc").orderBy("source_a").orderBy("source_b")).all<CopyEvidenceTable>(),
})
