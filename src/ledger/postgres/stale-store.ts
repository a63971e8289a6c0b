import { sql } from "kysely"
import type { ComponentPasses } from "../ledger.js"
import type { Pg } from "./pg-context.js"

/**
 * The stale-components record on PostgreSQL (SPEC §5). A mark is written with an upsert that
 * takes the mark's row lock (never `DO NOTHING`): a reconciler holds that lock from the moment it
 * takes the component until it commits, so a write that makes the component stale again waits
 * for it and then leaves a fresh mark (its generation raised, as on SQLite) — a mark is never removed by a reconciliation that did not
 * see the claims it stands for. Marks are taken in component order, so two writers never wait for
 * each other in a circle. New marks are counted in `component_passes`. Call inside a write transaction.
 */
const markedNow = (marks: ReturnType<typeof sql>) => sql`
  WITH marked AS (${marks} ON CONFLICT (component) DO UPDATE SET generation = stale_components.generation + 1
    RETURNING component, dataset, xmax = 0 AS created)
  INSERT INTO component_passes (component, dataset, marked, reconciled)
  SELECT component, dataset, 1, 0 FROM marked WHERE created ORDER BY component
  ON CONFLICT (component) DO UPDATE SET marked = component_passes.marked + 1`

/** Marks these components (with their datasets) stale. */
export const markStale = async (pg: Pg, components: Iterable<readonly [component: string, dataset: string]>, now: string): Promise<void> => {
  const sorted = [...components].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (sorted.length === 0) return
  await pg.exec(markedNow(sql`INSERT INTO stale_components (component, dataset, marked)
    SELECT component, dataset, ${now} FROM unnest(${sorted.map((c) => c[0])}::text[], ${sorted.map((c) => c[1])}::text[]) AS m(component, dataset)
    ORDER BY component`))
}

/** Marks every component that has claims (of one dataset) stale; returns how many are stale now. */
export const markAllStale = async (pg: Pg, dataset: string | undefined, now: string): Promise<number> => {
  await pg.exec(markedNow(sql`INSERT INTO stale_components (component, dataset, marked)
    SELECT DISTINCT component, dataset, ${now}::text FROM claims ${dataset === undefined ? sql`` : sql`WHERE dataset = ${dataset}`}
    ORDER BY component`))
  return staleCount(pg, dataset)
}

/**
 * Marks every component holding claims of these sources stale, in any dataset: a learned weight or
 * copy group is keyed by source id alone, so it changes figures wherever the source speaks.
 */
export const markSourcesStale = async (pg: Pg, sources: readonly string[], now: string): Promise<void> => {
  if (sources.length === 0) return
  await pg.exec(markedNow(sql`INSERT INTO stale_components (component, dataset, marked)
    SELECT DISTINCT component, dataset, ${now}::text FROM claims WHERE source = any(${sources}::text[])
    ORDER BY component`))
}

export const staleCount = async (pg: Pg, dataset: string | undefined): Promise<number> =>
  (await pg.first<{ n: number }>(pg.db.selectFrom("stale_components").select((eb) => eb.fn.countAll<number>().as("n"))
    .$if(dataset !== undefined, (q) => q.where("dataset", "=", dataset!))))!.n

/** Marks and reconciliations counted per component, by component. */
export const componentPasses = (pg: Pg): Promise<ComponentPasses[]> =>
  pg.rows<ComponentPasses>(pg.db.selectFrom("component_passes").select(["component", "marked", "reconciled"]).orderBy("component"))
