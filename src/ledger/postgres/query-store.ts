import { type Kysely, type SelectQueryBuilder, sql } from "kysely"
import type { ClaimRow } from "../claim-from-row.js"
import { CLAIM_SORT_COLUMNS, type ClaimSelection, type ClaimSortField, metricWeightMap, type PointClaim, type ReliabilityRows, type SourceSummary } from "../ledger-rows.js"
import type { CopyEvidenceTable, CopyGroupsTable, Schema, SourceMetricReliabilityTable, SourceReliabilityTable } from "../schema.js"
import { fromPgText, fromRow, ledgerLock, type Pg, type PgContext, toParam } from "./pg-context.js"
import { markAllStale, markSourcesStale } from "./stale-store.js"

const NUMERIC_SORT: ReadonlySet<ClaimSortField> = new Set(["lo", "hi", "line"])

const whereClaims = <Q extends SelectQueryBuilder<Schema, "claims", object>>(q: Q, s: ClaimSelection): Q =>
  q.$if(s.event !== undefined, (b) => b.where("event", "=", s.event!))
    .$if(s.metric !== undefined, (b) => b.where("metric", "=", s.metric!))
    .$if(s.source !== undefined, (b) => b.where("source", "=", s.source!))
    .$if(s.dataset !== undefined, (b) => b.where("dataset", "=", s.dataset!))
    .$if(s.scopeKey !== undefined, (b) => b.where("scope_key", "=", s.scopeKey!)) as Q

/**
 * The claims query, sorted as SQLite sorts: text by code point (`COLLATE "C"`, not the server's
 * locale), nulls first ascending and last descending, then the order stored.
 */
const claimsQuery = (db: Kysely<Schema>, s: ClaimSelection) => {
  const base = whereClaims(db.selectFrom("claims").selectAll(), s)
  const dir = s.sort?.descending ? sql`DESC NULLS LAST` : sql`ASC NULLS FIRST`
  const sorted = s.sort === undefined ? base
    : base.orderBy(NUMERIC_SORT.has(s.sort.field)
      ? sql`${sql.ref(CLAIM_SORT_COLUMNS[s.sort.field])} ${dir}`
      : sql`${sql.ref(CLAIM_SORT_COLUMNS[s.sort.field])} COLLATE "C" ${dir}`)
  return sorted.orderBy("seq", s.sort?.descending ? "desc" : "asc")
    .$if(s.limit !== undefined, (b) => b.limit(Math.max(0, Math.floor(s.limit!))))
    .$if(s.offset !== undefined, (b) => b.offset(Math.max(0, Math.floor(s.offset!))))
}

/** The stored claims matching the selection, in the order they were stored (or sorted as asked). */
export const selectClaims = (pg: Pg, s: ClaimSelection): Promise<ClaimRow[]> => pg.rows<ClaimRow>(claimsQuery(pg.db, s))

/** How many claims match the selection's filters (its limit and offset aside). */
export const countClaims = async (pg: Pg, s: ClaimSelection): Promise<number> =>
  Number((await pg.first<{ n: number }>(whereClaims(pg.db.selectFrom("claims").select((eb) => eb.fn.countAll<number>().as("n")), s)))?.n ?? 0)

/** Rows a claims cursor hands over at a time. */
const STREAM_ROWS = 1000

/**
 * The same claims through a cursor in one read-only snapshot, `STREAM_ROWS` at a time as they are
 * asked for; `close` ends the transaction and gives the connection back.
 */
export const openClaimsCursor = async (ctx: PgContext, s: ClaimSelection) => {
  const client = await ctx.pool.connect()
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    const q = claimsQuery(ctx.db, s).compile()
    const cursor = client.query(new ctx.driver.Cursor(q.sql, q.parameters.map(toParam)))
    return {
      next: async (): Promise<ClaimRow[]> => ((await cursor.read(STREAM_ROWS)) as Record<string, unknown>[]).map((r) => fromRow<ClaimRow>(r)),
      close: async (): Promise<void> => {
        await cursor.close().catch(() => undefined)
        await client.query("COMMIT").catch(() => undefined)
        client.release()
      },
    }
  } catch (e) {
    client.release(true)
    throw e
  }
}

/**
 * Every source (one row per dataset that declares it) with its aliases and how many claims it is
 * the origin of, or passed on, there — counted in the server.
 */
export const sourceSummaries = async (pg: Pg): Promise<SourceSummary[]> => {
  const key = (dataset: string, id: string) => `${dataset}\u0000${id}`
  const counts = new Map((await pg.rows<{ dataset: string; source: string; n: number }>(pg.db.selectFrom("claims")
    .select((eb) => ["dataset", "source", eb.fn.countAll<number>().as("n")]).groupBy(["dataset", "source"])))
    .map((r) => [key(r.dataset, r.source), r.n]))
  // Each entry of a claim's via list counts once, as the JSON is read on SQLite.
  const relayed = new Map((await pg.rows<{ dataset: string; source: string; n: number }>(sql`
    SELECT claims.dataset, v.source, count(*) AS n FROM claims, json_array_elements_text(claims.via_json::json) AS v(source)
    WHERE claims.via_json <> '[]' GROUP BY claims.dataset, v.source`)).map((r) => [key(r.dataset, r.source), r.n]))
  const aliases = new Map<string, string[]>()
  for (const a of await pg.rows<{ dataset: string; alias: string; source_id: string }>(pg.db.selectFrom("source_aliases").selectAll().orderBy("alias"))) {
    const k = key(a.dataset, a.source_id)
    const list = aliases.get(k) ?? []
    list.push(a.alias)
    aliases.set(k, list)
  }
  return (await pg.rows<{ id: string; dataset: string; name: string; kind: string; side: string | null; weight: number }>(
    pg.db.selectFrom("sources").select(["id", "dataset", "name", "kind", "side", "weight"]).orderBy("id").orderBy("dataset")))
    .map((s) => {
      const k = key(s.dataset, s.id)
      return { ...s, aliases: aliases.get(k) ?? [], claims: counts.get(k) ?? 0, relayed: relayed.get(k) ?? 0 }
    })
}

/** Rows a cursor hands over at a time while the point claims are read. */
const CURSOR_ROWS = 10_000

/**
 * Every active point claim ([v, v], not `possible`, not the target of a supersedes or retracts
 * link), read in one snapshot through a cursor and kept in columns (the repeated strings shared),
 * then handed to `consume` as one pass: `consume` is synchronous, a cursor is not, so the point
 * claims are held in memory here (about 40 bytes a claim), not streamed as on SQLite.
 */
export const readPointClaims = async <A>(pg: Pg, ctx: PgContext, dataset: string | undefined, consume: (claims: Iterable<PointClaim>) => A): Promise<A> => {
  const replaced = new Set((await pg.rows<{ dataset: string; target_claim_id: string }>(pg.db.selectFrom("claim_links")
    .select(["dataset", "target_claim_id"]).$if(dataset !== undefined, (q) => q.where("dataset", "=", dataset!))))
    .map((r) => `${r.dataset}\u0000${r.target_claim_id}`))
  const q = pg.db.selectFrom("claims").select(["event", "metric", "scope_key", "at", "source", "lo", "dataset", "claim_id"])
    .where("lo", "is not", null).whereRef("lo", "=", "hi").where("certainty", "<>", "possible")
    .$if(dataset !== undefined, (b) => b.where("dataset", "=", dataset!))
    .orderBy("seq")
    .compile()
  const strings = new Map<string, string>()
  const shared = (s: string): string => {
    const hit = strings.get(s)
    if (hit !== undefined) return hit
    strings.set(s, s)
    return s
  }
  const columns = { event: [] as string[], metric: [] as string[], scopeKey: [] as string[], at: [] as (string | null)[], source: [] as string[], value: [] as number[] }
  const cursor = pg.client.query(new ctx.driver.Cursor(q.sql, q.parameters.map(toParam), { rowMode: "array" }))
  try {
    for (;;) {
      const rows = (await cursor.read(CURSOR_ROWS)) as unknown as [string, string, string, string | null, string, number, string, string][]
      if (rows.length === 0) break
      for (const [event, metric, scopeKey, at, source, value, d, id] of rows) {
        if (replaced.size > 0 && replaced.has(`${fromPgText(d)}\u0000${fromPgText(id)}`)) continue
        columns.event.push(shared(fromPgText(event)))
        columns.metric.push(shared(fromPgText(metric)))
        columns.scopeKey.push(shared(fromPgText(scopeKey)))
        columns.at.push(at === null ? null : shared(at))
        columns.source.push(shared(fromPgText(source)))
        columns.value.push(value)
      }
    }
  } finally {
    await cursor.close()
  }
  strings.clear()
  function* claims(): Generator<PointClaim> {
    for (let i = 0; i < columns.value.length; i++) {
      yield { event: columns.event[i]!, metric: columns.metric[i]!, scopeKey: columns.scopeKey[i]!, at: columns.at[i]!, source: columns.source[i]!, value: columns.value[i]! }
    }
  }
  return consume(claims())
}

const KEYS = { source_reliability: ["source"], source_metric_reliability: ["source", "metric"], copy_groups: ["id"], copy_evidence: ["group_id", "source_a", "source_b"] } as const
const ROWS_PER_INSERT = 1000

/** Inserts rows (columns: the keys of the first row); a row with the key of an earlier one replaces it. */
const insertRows = async <T extends keyof typeof KEYS>(pg: Pg, table: T, rows: readonly Schema[T][]): Promise<void> => {
  if (rows.length === 0) return
  const key = (r: Schema[T]) => KEYS[table].map((k) => String((r as unknown as Record<string, unknown>)[k])).join("\u0000")
  const unique = [...new Map(rows.map((r) => [key(r), r])).values()]
  const columns = Object.keys(rows[0]!)
  for (let i = 0; i < unique.length; i += ROWS_PER_INSERT) {
    await pg.exec(pg.db.insertInto(table).values(unique.slice(i, i + ROWS_PER_INSERT) as never)
      .onConflict((oc) => oc.columns([...KEYS[table]] as never).doUpdateSet((eb) =>
        Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never)))
  }
}

/**
 * Replaces learned reliability in one transaction (learners take turns), as on SQLite: everything,
 * or what was learned from `dataset` and the rows of the same sources or group ids; marks the
 * components whose figures the weights and copy groups change stale in the same transaction
 * (every component of the dataset, and those of other datasets holding claims of its sources).
 */
export const replaceReliability = async (pg: Pg, ctx: PgContext, rows: ReliabilityRows, dataset: string | null, now: string): Promise<number> => {
  await ledgerLock(pg, ctx, "reliability")
  if (dataset === null) {
    for (const t of ["copy_evidence", "copy_groups", "source_metric_reliability", "source_reliability"] as const) await pg.exec(pg.db.deleteFrom(t))
  } else {
    // Weights and copy groups are keyed by source: what they change reaches other datasets where the same sources speak.
    const before = (await pg.rows<{ source: string }>(pg.db.selectFrom("source_reliability").select("source").where("dataset", "=", dataset))).map((r) => r.source)
    await markSourcesStale(pg, [...new Set([...before, ...rows.sources.map((s) => s.source)])], now)
    const groups = [
      ...(await pg.rows<{ id: string }>(pg.db.selectFrom("copy_groups").select("id").where("dataset", "=", dataset))).map((g) => g.id),
      ...rows.groups.map((g) => g.id),
    ]
    if (groups.length > 0) {
      await pg.exec(pg.db.deleteFrom("copy_evidence").where("group_id", "in", groups))
      await pg.exec(pg.db.deleteFrom("copy_groups").where("id", "in", groups))
    }
    for (const t of ["source_metric_reliability", "source_reliability"] as const) {
      await pg.exec(pg.db.deleteFrom(t).where("dataset", "=", dataset))
      if (rows.sources.length > 0) await pg.exec(pg.db.deleteFrom(t).where("source", "in", rows.sources.map((s) => s.source)))
    }
  }
  await insertRows(pg, "source_reliability", rows.sources)
  await insertRows(pg, "source_metric_reliability", rows.metrics)
  await insertRows(pg, "copy_groups", rows.groups)
  await insertRows(pg, "copy_evidence", rows.evidence)
  return markAllStale(pg, dataset ?? undefined, now)
}

/**
 * Learned weights by metric, metric id → source id → weight (SPEC §4.3: they replace the source's
 * weight on that metric's cells); rows with a null weight (too little evidence) are left out.
 */
export const loadSourceMetricWeights = async (pg: Pg): Promise<ReadonlyMap<string, ReadonlyMap<string, number>>> =>
  metricWeightMap(await pg.rows<{ metric: string; source: string; weight: number }>(pg.db.selectFrom("source_metric_reliability")
    .select(["metric", "source", "weight"]).where("weight", "is not", null)))

/** Learned reliability as stored, in a stable order. */
export const storedReliability = async (pg: Pg): Promise<ReliabilityRows> => ({
  sources: await pg.rows<SourceReliabilityTable>(pg.db.selectFrom("source_reliability").selectAll().orderBy("source")),
  metrics: await pg.rows<SourceMetricReliabilityTable>(pg.db.selectFrom("source_metric_reliability").selectAll().orderBy("source").orderBy("metric")),
  groups: await pg.rows<CopyGroupsTable>(pg.db.selectFrom("copy_groups").selectAll().orderBy("id")),
  evidence: await pg.rows<CopyEvidenceTable>(pg.db.selectFrom("copy_evidence").selectAll()
    .orderBy("group_id").orderBy("score", "desc").orderBy("source_a").orderBy("source_b")),
})
