import * as fs from "node:fs"
import * as path from "node:path"
import { type ClaimsListing, measureClaimsListing } from "./claims-listing.js"
import { type CellRef, catalogYaml, type DatasetStats, generateDataset } from "./generate-dataset.js"
import { type FigureQueries, type FullReconcile, type Incremental, measureFigureQueries, measureFullReconcile, measureIncremental } from "./ledger-measures.js"
import { rawInsertBaseline, type RawResult } from "./raw-baseline.js"
import { type PeerInsert, sqliteUtilsInsert } from "./peer-tools.js"
import { runReckon } from "./run-child.js"

export interface IngestResult {
  readonly ms: number
  readonly read: number
  readonly inserted: number
  readonly duplicates: number
  readonly rejected: number
  /** Records read per second, end to end (parse, validate, normalize, store, materialize figures). */
  readonly recordsPerSec: number
  /** Claims stored per second, end to end: compared with the raw insert rate of the same rows. */
  readonly claimsPerSec: number
  readonly peakRssMb: number
  readonly exitCode: number
}

export interface SizeResult {
  readonly size: number
  readonly dataset: Omit<DatasetStats, "sampleCells" | "dir" | "file">
  readonly generateMs: number
  readonly ingest: IngestResult
  readonly raw: RawResult
  /** ingest claims/s ÷ raw rows/s (target ≥ 0.5). */
  readonly ingestVsRaw: number
  readonly fullReconcile: FullReconcile
  /** The same two with worker threads asked for (`RECKON_WORKERS=2`: a reading thread, two reconciling threads). */
  readonly threads: { readonly ingest: IngestResult; readonly fullReconcile: FullReconcile }
  readonly incremental: Incremental
  readonly figures: FigureQueries
  readonly ledgerMb: number
  readonly claimsListing: ClaimsListing
  /** The peer tool loading the same file (`sqlite-utils insert --nl`). */
  readonly peer: PeerInsert
  /** `node -e 0`, p50, measured next to the one-cell `reckon figures` (start-up target: ≤ 2.5 ×). */
  readonly nodeStartMs: number
}

const COUNTS = /read (\d+) = inserted (\d+) \+ duplicates (\d+) \+ rejected (\d+)/

/** `reckon ingest DIR --db FILE` as a child process; exit 1 is expected (the dataset has bad records). */
export const ingestWithCli = async (datasetDir: string, db: string, env: Record<string, string> = {}): Promise<IngestResult> => {
  const r = await runReckon(["ingest", datasetDir, "--db", db], env)
  const m = COUNTS.exec(r.stderr)
  if (!m || (r.code !== 0 && r.code !== 1)) throw new Error(`reckon ingest exited ${r.code}: ${r.stderr.slice(-2000)}`)
  const [read, inserted, duplicates, rejected] = m.slice(1).map(Number) as [number, number, number, number]
  return {
    ms: r.ms, read, inserted, duplicates, rejected,
    recordsPerSec: read / (r.ms / 1000), claimsPerSec: inserted / (r.ms / 1000), peakRssMb: r.peakRssMb, exitCode: r.code,
  }
}

/** Worker threads asked for in the threads rows. */
const THREADS = "2"

/** Runs `f` with RECKON_WORKERS set in this process too (the in-process full reconcile reads it). */
const withThreads = async <A>(f: () => Promise<A>): Promise<A> => {
  const before = process.env["RECKON_WORKERS"]
  process.env["RECKON_WORKERS"] = THREADS
  try {
    return await f()
  } finally {
    if (before === undefined) delete process.env["RECKON_WORKERS"]
    else process.env["RECKON_WORKERS"] = before
  }
}

const fileMb = (file: string): number =>
  ["", "-wal", "-shm"].reduce((s, ext) => s + (fs.existsSync(file + ext) ? fs.statSync(file + ext).size : 0), 0) / (1 << 20)

/** Every measure at one size, each on this size's own dataset and ledger. */
export const runSize = async (
  size: number, seed: number, workDir: string, log: (s: string) => void, installPeer: boolean,
  /** Measures more on this size's dataset and ledger (the PostgreSQL rows), with its sample cells. */
  also?: (dir: string, cells: readonly CellRef[]) => Promise<void>,
): Promise<SizeResult> => {
  const dir = path.join(workDir, `size-${size}`)
  fs.mkdirSync(dir, { recursive: true })
  const db = path.join(dir, "ledger.db")
  log(`[${size}] generating ${size} records…`)
  const t = performance.now()
  const stats = generateDataset({ dir: path.join(dir, "bench"), records: size, seed })
  const generateMs = performance.now() - t
  log(`[${size}] ${stats.events} events, ${stats.components} components, ${stats.cells} cells, ${(stats.bytes / (1 << 20)).toFixed(1)} MB; reckon ingest…`)
  const ingest = await ingestWithCli(stats.dir, db)
  log(`[${size}] ingest ${(ingest.ms / 1000).toFixed(1)} s, ${Math.round(ingest.claimsPerSec)} claims/s, peak RSS ${ingest.peakRssMb.toFixed(0)} MB; raw baseline…`)
  const raw = await rawInsertBaseline(db, path.join(dir, "raw.db"))
  log(`[${size}] raw ${Math.round(raw.rowsPerSec)} rows/s; full reconcile…`)
  fs.rmSync(path.join(dir, "raw.db"), { force: true })
  for (const ext of ["-wal", "-shm"]) fs.rmSync(path.join(dir, `raw.db${ext}`), { force: true })
  const fullReconcile = await measureFullReconcile(db)
  const threads = await withThreads(async () => ({
    ingest: await ingestWithCli(stats.dir, path.join(dir, "threads.db"), { RECKON_WORKERS: THREADS }),
    fullReconcile: await measureFullReconcile(db),
  }))
  for (const ext of ["", "-wal", "-shm"]) fs.rmSync(path.join(dir, `threads.db${ext}`), { force: true })
  log(`[${size}] with RECKON_WORKERS=${THREADS}: ingest ${(threads.ingest.ms / 1000).toFixed(1)} s, full reconcile ${(threads.fullReconcile.ms / 1000).toFixed(2)} s`)
  log(`[${size}] full reconcile ${(fullReconcile.ms / 1000).toFixed(2)} s; figures queries…`)
  const figures = await measureFigureQueries(db, stats.sampleCells)
  const nodeMs = figures.nodeMs
  log(`[${size}] figures p50 ${figures.libraryMs.p50.toFixed(2)} ms p99 ${figures.libraryMs.p99.toFixed(2)} ms, CLI ${figures.cliMs.p50.toFixed(0)} ms (node -e 0: ${nodeMs.toFixed(0)} ms); incremental…`)
  const incremental = await measureIncremental(db, dir, stats.sampleCells)
  log(`[${size}] incremental ${incremental.libraryMs.p50.toFixed(1)} ms (CLI ${incremental.cliMs.p50.toFixed(0)} ms); reckon claims…`)
  const claimsListing = await measureClaimsListing(db)
  log(`[${size}] claims: first row ${claimsListing.firstRowMs.toFixed(0)} ms, | head ${claimsListing.headMs.toFixed(0)} ms, all as CSV ${(claimsListing.fullCsvMs / 1000).toFixed(1)} s`)
  const peer = sqliteUtilsInsert(stats.file, dir, installPeer, log)
  log(`[${size}] peer: ${peer.ms === null ? peer.note : `sqlite-utils ${(peer.ms / 1000).toFixed(1)} s`}`)
  await also?.(dir, stats.sampleCells)
  const { sampleCells: _s, dir: _d, file: _f, ...dataset } = stats
  return {
    size, dataset, generateMs, ingest, raw, ingestVsRaw: ingest.claimsPerSec / raw.rowsPerSec,
    fullReconcile, threads, incremental, figures, ledgerMb: fileMb(db), claimsListing, peer, nodeStartMs: nodeMs,
  }
}

export interface RssResult {
  readonly fileMb: number
  readonly records: number
  readonly ingest: IngestResult
}

/** Peak RSS of `reckon ingest` on a big NDJSON file, generated streaming to disk (never held in memory). */
export const runRss = async (bytes: number, seed: number, workDir: string, log: (s: string) => void): Promise<RssResult> => {
  const dir = path.join(workDir, "rss")
  log(`[rss] generating ${(bytes / (1 << 30)).toFixed(2)} GB of NDJSON…`)
  const stats = generateDataset({ dir: path.join(dir, "bench"), bytes, seed: seed + 1 })
  log(`[rss] ${stats.records} records; reckon ingest…`)
  const ingest = await ingestWithCli(stats.dir, path.join(dir, "ledger.db"))
  log(`[rss] peak RSS ${ingest.peakRssMb.toFixed(0)} MB, ${(ingest.ms / 1000).toFixed(0)} s`)
  fs.rmSync(dir, { recursive: true, force: true })
  return { fileMb: stats.bytes / (1 << 20), records: stats.records, ingest }
}

export interface CatalogRssResult {
  readonly events: number
  readonly catalogMb: number
  readonly ingest: IngestResult
}

/**
 * Peak RSS of `reckon ingest` of a dataset whose catalog declares `events` events and whose one
 * claim file holds one claim: what the catalog alone costs (issue 17: 100k events ≤ 150 MB).
 */
export const runCatalogRss = async (events: number, seed: number, workDir: string, log: (s: string) => void): Promise<CatalogRssResult> => {
  const dir = path.join(workDir, "catalog-rss", "bench")
  fs.mkdirSync(dir, { recursive: true })
  const declared = Array.from({ length: events }, (_, i) => ({ id: `ev-${String(i).padStart(6, "0")}`, date: "2022-03-01", kind: "strike" }))
  const yaml = catalogYaml(declared, seed)
  fs.writeFileSync(path.join(dir, "dataset.yaml"), yaml)
  fs.writeFileSync(path.join(dir, "claims.ndjson"), `${JSON.stringify({
    id: "one", event: declared[events >> 1]!.id, metric: "aircraft.hit", source: "src-001", value: 5, stated: "2022-03-02", quote: "Five aircraft were hit.",
  })}\n`)
  log(`[catalog] ${events} events (${(yaml.length / (1 << 20)).toFixed(1)} MB of YAML) and one claim; reckon ingest…`)
  const ingest = await ingestWithCli(dir, path.join(workDir, "catalog-rss", "ledger.db"))
  log(`[catalog] peak RSS ${ingest.peakRssMb.toFixed(0)} MB, ${(ingest.ms / 1000).toFixed(1)} s`)
  fs.rmSync(path.join(workDir, "catalog-rss"), { recursive: true, force: true })
  return { events, catalogMb: yaml.length / (1 << 20), ingest }
}
