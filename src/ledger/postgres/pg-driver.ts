import { createRequire } from "node:module"
import type * as PgModule from "pg"
import type CursorClass from "pg-cursor"
import type * as CopyStreams from "pg-copy-streams"

/** The driver modules of a PostgreSQL ledger. */
export interface PgDriver {
  readonly pg: typeof PgModule
  readonly Cursor: typeof CursorClass
  readonly copyFrom: typeof CopyStreams.from
}

let loaded: Promise<PgDriver> | undefined

/**
 * Loads `pg`, `pg-cursor` and `pg-copy-streams` when a PostgreSQL ledger is opened, not before:
 * the CLI keeps them out of its bundle and out of the start-up of every SQLite command. Required,
 * not imported: the CLI bundle runs from V8's code cache, where Node 20 cannot serve `import()`
 * (src/cli/launcher.ts).
 */
export const loadPgDriver = (): Promise<PgDriver> =>
  (loaded ??= Promise.resolve().then(() => {
    const nodeRequire = createRequire(import.meta.url)
    return {
      pg: nodeRequire("pg") as typeof PgModule,
      Cursor: nodeRequire("pg-cursor") as typeof CursorClass,
      copyFrom: (nodeRequire("pg-copy-streams") as typeof CopyStreams).from,
    }
  }))
