import type { Kysely } from "kysely"
import type { Schema } from "./schema.js"

/**
 * The queries of the names the catalog tables declare (`DeclaredNames`), for every implementation;
 * with `events`, of the events only those of them declared. Checking a command's names reads
 * these small tables, and only the events it names, instead of parsing whole catalogs (at 15k
 * events a catalog is a megabyte of JSON; reading every event id is still 11 ms).
 */
export const declaredNamesQueries = (db: Kysely<Schema>, events?: readonly string[]) => ({
  datasets: db.selectFrom("datasets").select("name"),
  events: db.selectFrom("events").select("id as name")
    .$if(events !== undefined, (q) => q.where("id", "in", events!.length === 0 ? [""] : [...events!])),
  metrics: db.selectFrom("metrics").select("id as name"),
  dimensions: db.selectFrom("dimensions").select("id as name"),
  sources: db.selectFrom("sources")
    .leftJoin("source_aliases", (j) => j.onRef("source_aliases.dataset", "=", "sources.dataset").onRef("source_aliases.source_id", "=", "sources.id"))
    .select(["sources.id as id", "source_aliases.alias as alias"]),
  dimensionValues: db.selectFrom("dimension_values").select(["dimension_id as dimension", "value_id as value"]),
})
