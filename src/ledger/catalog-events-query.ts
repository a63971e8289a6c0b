import type { Kysely } from "kysely"
import type { Schema } from "./schema.js"

/** An event row as a catalog is read back from (`eventFromRow`). */
export interface EventRow {
  readonly id: string
  readonly title: string | null
  readonly date: string | null
}

/**
 * A dataset's event rows in its catalog's order (`position`, migration 0011), for every
 * implementation; `dataset` may be a prepared statement's `param`.
 */
export const catalogEventsQuery = (db: Kysely<Schema>, dataset: string) =>
  db.selectFrom("events").select(["id", "title", "date"]).where("dataset", "=", dataset).orderBy("position")
