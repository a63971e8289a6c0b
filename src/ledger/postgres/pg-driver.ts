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
 * the CLI keeps them out of its bundle and out of the start-up of every SQLite command.
 */
export const loadPgDriver = (): Promise<PgDriver> =>
  (loaded ??= Promise.all([import("pg"), import("pg-cursor"), import("pg-copy-streams")]).then(([pg, cursor, copy]) => {
    // CommonJS modules: what they export is their `default` when Node imports them.
    const cjs = <M>(m: unknown): M => ((m as { default?: M }).default ?? m) as M
    return {
      pg: cjs<typeof PgModule>(pg),
      Cursor: cjs<typeof CursorClass>(cursor),
      copyFrom: cjs<typeof CopyStreams>(copy).from,
    }
  }))
