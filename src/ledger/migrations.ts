import type { Migration, MigrationProvider } from "kysely"
import * as m0001 from "../../migrations/0001-initial.js"
import * as m0002 from "../../migrations/0002-jobs.js"
import * as m0003 from "../../migrations/0003-reliability.js"
import * as m0004 from "../../migrations/0004-hostile-input.js"
import * as m0005 from "../../migrations/0005-contested-reliability.js"

/**
 * The numbered migrations of migrations/, imported statically so that the built CLI needs no file
 * lookups at run time. Add a new migration here when you add a file there.
 */
export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-jobs": m0002,
  "0003-reliability": m0003,
  "0004-hostile-input": m0004,
  "0005-contested-reliability": m0005,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
