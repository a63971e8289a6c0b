import * as Command from "@effect/cli/Command"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption } from "../shared-options.js"

const options = { db: dbOption }

/** What `reckon migrate` was given. */
export type MigrateArgs = Command.Command.ParseConfig<typeof options>

export const migrateCommand = Command.make("migrate", options, lazyHandler(() => import("./migrate-run.js").then((m) => m.runMigrate))).pipe(
  Command.withDescription("bring the ledger's schema up to date"))
