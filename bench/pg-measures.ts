import Database from "better-sqlite3"
import * as Effect from "effect/Effect"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { Ledger } from "../src/ledger/ledger.js"
import { ledgerLayer } from "../src/ledger/ledger-layer.js"
import { copyField } from "../src/ledger/postgres/claim-store.js"
import { dropPostgresLedger } from "../src/ledger/postgres/drop-ledger.js"
import { loadPgDriver } from "../src/ledger/postgres/pg-driver.js"
import { parsePgLocation } from "../src/ledger/postgres/pg-location.js"
import type { CellRef } from "./generate-dataset.js"
import { type FigureQueries, measureFigureQueries, onLedger } from "./ledger-measures.js"
import { runReckon } from "./run-child.js"
import { ingestWithCli, type IngestResult } from "./size-run.js"

export interface ParallelIngest {
  readonly writers: number
  /** Wall time from the first spawn to the last exit. */
  readonly ms: number
  readonly inserted: number
  readonly claimsPerSec: number
}

export interface ParallelReconcile {
  readonly processes: number
  readonly components: number
  readonly ms: number
  /** Components each process reconciled (they share one backlog). */
  readonly perProcess: readonly number[]
}

export interface CopyResult {
  readonly rows: number
  /** Time inside COPY only (reading the rows is not counted). */
  readonly ms: number
  readonly rowsPerSec: number
}

export interface PgResult {
  readonly size: number
  readonly ingest1: IngestResult
  readonly ingest4: ParallelIngest
  readonly copy: CopyResult
  /** ingest (1 writer) claims/s ÷ COPY rows/s. */
  readonly ingestVsCopy: number
  readonly reconcile1: ParallelReconcile
  readonly reconcile2: ParallelReconcile
  /** The SQLite ledger of the same run, measured the same way (one `reckon reconcile` after marking all stale). */
  readonly sqliteReconcile1: ParallelReconcile
  readonly figures: FigureQueries
}

/** A fresh schema on the server of `base` for one measure (dropped at the end of the run). */
const freshSchema = (base: string, made: string[]): string => {
  const url = new URL(base)
  url.searchParams.set("schema", `reckon_bench_${crypto.randomBytes(4).toString("hex")}`)
  made.push(url.toString())
  return url.toString()
}

/** Every fourth line of the dataset's claims into its own file: the writers hit the same components at once. */
const splitClaims = (datasetDir: string, out: string, parts: number): string[] => {
  const lines = fs.readFileSync(path.join(datasetDir, "claims.ndjson"), "utf8").split("\n").filter((l) => l !== "")
  fs.mkdirSync(out, { recursive: true })
  return Array.from({ length: parts }, (_, k) => {
    const file = path.join(out, `part-${k}.ndjson`)
    fs.writeFileSync(file, `${lines.filter((_, i) => i % parts === k).join("\n")}\n`)
    return file
  })
}

const COUNTS = /inserted (\d+)/

/** `writers` processes of `reckon ingest PART --dataset DIR` into one new ledger at once. */
export const measureParallelIngest = async (datasetDir: string, work: string, db: string, writers: number): Promise<ParallelIngest> => {
  const files = splitClaims(datasetDir, path.join(work, `parts-${writers}`), writers)
  // The catalog alone, so that each writer reads only its own part.
  const catalogDir = path.join(work, `catalog-${writers}`)
  fs.mkdirSync(catalogDir, { recursive: true })
  fs.copyFileSync(path.join(datasetDir, "dataset.yaml"), path.join(catalogDir, "dataset.yaml"))
  const t = performance.now()
  const results = await Promise.all(files.map((f) => runReckon(["ingest", f, "--dataset", catalogDir, "--db", db])))
  const ms = performance.now() - t
  let inserted = 0
  for (const r of results) {
    const m = COUNTS.exec(r.stderr)
    if (!m || (r.code !== 0 && r.code !== 1)) throw new Error(`reckon ingest (parallel) exited ${r.code}: ${r.stderr.slice(-2000)}`)
    inserted += Number(m[1])
  }
  return { writers, ms, inserted, claimsPerSec: inserted / (ms / 1000) }
}

/** Marks every component stale, then `processes` × `reckon reconcile` at once share the backlog. */
export const measureParallelReconcile = async (db: string, processes: number): Promise<ParallelReconcile> => {
  const components = await onLedger(db, Effect.flatMap(Ledger, (l) => l.markAllStale()))
  const t = performance.now()
  const results = await Promise.all(Array.from({ length: processes }, () => runReckon(["reconcile", "--db", db])))
  const ms = performance.now() - t
  const perProcess = results.map((r) => {
    const m = /reconciled (\d+) component/.exec(r.stderr)
    if (r.code !== 0 || !m) throw new Error(`reckon reconcile exited ${r.code}: ${r.stderr.slice(-2000)}`)
    return Number(m[1])
  })
  return { processes, components, ms, perProcess }
}

/** Rows per COPY statement of the baseline. */
const COPY_ROWS = 50_000

/**
 * PostgreSQL's own limit for storing claims: COPY of the very rows the SQLite ingest stored (read
 * from that ledger in `seq` order, the benchmark's incremental claims left out) into the claims
 * table of a freshly migrated schema — same table, same unique and secondary indexes — in
 * 50k-row statements. Everything the ingest does beyond that is what the ratio measures.
 */
export const copyBaseline = async (sqliteDb: string, url: string): Promise<CopyResult> => {
  await Effect.runPromise(Effect.provide(Effect.void, ledgerLayer(url, { writer: false, create: true })))
  const location = parsePgLocation(url)
  if ("problem" in location) throw new Error(location.problem)
  const driver = await loadPgDriver()
  const client = new driver.pg.Client({ connectionString: location.connectionString, options: `-c search_path=${location.schema}` })
  const source = new Database(sqliteDb, { readonly: true })
  await client.connect()
  try {
    const columns = (source.prepare("PRAGMA table_info(claims)").all() as { name: string }[]).map((c) => c.name).filter((c) => c !== "seq")
    const read = source.prepare(`SELECT seq, ${columns.join(", ")} FROM claims WHERE seq > ? AND claim_id NOT LIKE 'bench-inc-%' ORDER BY seq LIMIT ?`).raw()
    let after = 0
    let rows = 0
    let ms = 0
    for (;;) {
      const chunk = read.all(after, COPY_ROWS) as unknown[][]
      if (chunk.length === 0) break
      after = chunk[chunk.length - 1]![0] as number
      const text = chunk.map((r) => `${r.slice(1).map(copyField).join("\t")}\n`).join("")
      const t = performance.now()
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(driver.copyFrom(`COPY claims (${columns.join(", ")}) FROM STDIN`))
        stream.on("finish", resolve)
        stream.on("error", reject)
        stream.end(text)
      })
      ms += performance.now() - t
      rows += chunk.length
    }
    return { rows, ms, rowsPerSec: rows / (ms / 1000) }
  } finally {
    source.close()
    await client.end()
  }
}

/**
 * The PostgreSQL rows of `npm run bench -- --pg URL`, on the dataset and next to the SQLite ledger
 * of the same size and run: ingest with 1 and 4 writer processes, COPY of the same rows, full
 * reconcile with 1 and 2 processes (and SQLite's, measured the same way), one-cell figures.
 * Every measure works in a fresh schema, dropped at the end.
 */
export const runPostgres = async (base: string, size: number, sizeDir: string, cells: readonly CellRef[], log: (s: string) => void): Promise<PgResult> => {
  const made: string[] = []
  const datasetDir = path.join(sizeDir, "bench")
  const sqliteDb = path.join(sizeDir, "ledger.db")
  try {
    log(`[pg ${size}] reckon ingest, 1 writer…`)
    const one = freshSchema(base, made)
    const ingest1 = await ingestWithCli(datasetDir, one)
    log(`[pg ${size}] ${Math.round(ingest1.claimsPerSec)} claims/s; 4 writers…`)
    const ingest4 = await measureParallelIngest(datasetDir, sizeDir, freshSchema(base, made), 4)
    log(`[pg ${size}] ${Math.round(ingest4.claimsPerSec)} claims/s; COPY of the same rows…`)
    const copy = await copyBaseline(sqliteDb, freshSchema(base, made))
    log(`[pg ${size}] COPY ${Math.round(copy.rowsPerSec)} rows/s; full reconcile, 1 process…`)
    const reconcile1 = await measureParallelReconcile(one, 1)
    log(`[pg ${size}] ${(reconcile1.ms / 1000).toFixed(2)} s; 2 processes…`)
    const reconcile2 = await measureParallelReconcile(one, 2)
    log(`[pg ${size}] ${(reconcile2.ms / 1000).toFixed(2)} s; SQLite the same way…`)
    const sqliteReconcile1 = await measureParallelReconcile(sqliteDb, 1)
    log(`[pg ${size}] SQLite ${(sqliteReconcile1.ms / 1000).toFixed(2)} s; figures queries…`)
    const figures = await measureFigureQueries(one, cells)
    log(`[pg ${size}] figures p50 ${figures.libraryMs.p50.toFixed(2)} ms, CLI ${figures.cliMs.p50.toFixed(0)} ms`)
    return { size, ingest1, ingest4, copy, ingestVsCopy: ingest1.claimsPerSec / copy.rowsPerSec, reconcile1, reconcile2, sqliteReconcile1, figures }
  } finally {
    for (const url of made) await dropPostgresLedger(url).catch(() => undefined)
  }
}
