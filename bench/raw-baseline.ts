import Database from "better-sqlite3"
import * as Effect from "effect/Effect"
import { ledgerLayer } from "../src/ledger/ledger-layer.js"
import { openSqlite } from "../src/ledger/sqlite/open-sqlite.js"

export interface RawResult {
  readonly rows: number
  /** Time spent inside the insert transactions only (reading the rows is not counted). */
  readonly ms: number
  readonly rowsPerSec: number
  readonly rowsPerTransaction: number
}

/**
 * The machine's own limit for storing claims: better-sqlite3 inserting the very rows an ingest
 * stored (read back from that ledger, in `seq` order) into the claims table of a fresh ledger —
 * created by the same migrations (same table, same unique and secondary indexes) and opened by
 * `openSqlite`, so with the same pragmas (WAL, synchronous=NORMAL, cache size) — with one
 * prepared statement in large transactions. Everything an ingest does beyond that (parsing,
 * validation, normalization, hashing, duplicate checks, figures) is what the ratio measures.
 */
export const rawInsertBaseline = async (sourceDb: string, targetDb: string, rowsPerTransaction = 50_000): Promise<RawResult> => {
  const source = new Database(sourceDb, { readonly: true })
  await Effect.runPromise(Effect.provide(Effect.void, ledgerLayer(targetDb, { writer: false, create: true })))
  const target = openSqlite(targetDb)
  try {
    const columns = (source.prepare("PRAGMA table_info(claims)").all() as { name: string }[])
      .map((c) => c.name).filter((c) => c !== "seq")
    const read = source.prepare(`SELECT seq, ${columns.join(", ")} FROM claims WHERE seq > ? ORDER BY seq LIMIT ?`).raw()
    const insert = target.prepare(`INSERT INTO claims (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
    const insertAll = target.transaction((rows: unknown[][]) => {
      for (const r of rows) insert.run(r)
    })
    let after = 0
    let rows = 0
    let ms = 0
    for (;;) {
      const chunk = read.all(after, rowsPerTransaction) as unknown[][]
      if (chunk.length === 0) break
      after = chunk[chunk.length - 1]![0] as number
      const values = chunk.map((r) => r.slice(1))
      const t = performance.now()
      insertAll(values)
      ms += performance.now() - t
      rows += values.length
    }
    return { rows, ms, rowsPerSec: rows / (ms / 1000), rowsPerTransaction }
  } finally {
    source.close()
    target.close()
  }
}
