import type { Kysely, MigrationProvider } from "kysely"
import * as m0001 from "../../migrations/0001-initial.js"
import * as m0002 from "../../migrations/0002-jobs.js"
import * as m0003 from "../../migrations/0003-reliability.js"
import * as m0004 from "../../migrations/0004-hostile-input.js"
import * as m0005 from "../../migrations/0005-stale-components.js"
import * as m0006 from "../../migrations/0006-contested-reliability.js"
import * as m0007 from "../../migrations/0007-component-passes.js"
import * as m0008 from "../../migrations/0008-view-names.js"
import * as m0009 from "../../migrations/0009-stale-generation.js"
import * as m0010 from "../../migrations/0010-metric-reliability.js"
import * as m0011 from "../../migrations/0011-event-order.js"
import * as m0012 from "../../migrations/0012-claims-hash-not-unique.js"
import type { ColumnTypes } from "./column-types.js"

/** A migration of migrations/: portable DDL, told each dialect's column types. */
export interface LedgerMigration {
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>
  down?(db: Kysely<unknown>, types: ColumnTypes): Promise<void>
}

/**
 * The numbered migrations of migrations/, imported statically so that the built CLI needs no file
 * lookups at run time. Add a new migration here when you add a file there. One history for every
 * dialect.
 */
export const migrations: Record<string, LedgerMigration> = {
  "0001-initial": m0001,
  "0002-jobs": m0002,
  "0003-reliability": m0003,
  "0004-hostile-input": m0004,
  "0005-stale-components": m0005,
  "0006-contested-reliability": m0006,
  "0007-component-passes": m0007,
  "0008-view-names": m0008,
  "0009-stale-generation": m0009,
  "0010-metric-reliability": m0010,
  "0011-event-order": m0011,
  "0012-claims-hash-not-unique": m0012,
}

/** Kysely's migration provider for a dialect: each migration gets that dialect's column types. */
export const migrationProvider = (types: ColumnTypes): MigrationProvider => ({
  getMigrations: async () =>
    Object.fromEntries(Object.entries(migrations).map(([name, { up, down }]) => [name, {
      up: (db: Kysely<unknown>) => up(db, types),
      ...(down ? { down: (db: Kysely<unknown>) => down(db, types) } : {}),
    }])),
})
