/**
 * `npm run bench [-- --size N]`: the performance benchmark of issue 6. Generates a deterministic
 * synthetic ledger per size, measures ingest end to end against the machine's raw insert limit in
 * the same run, full and incremental reconciliation, figure queries, peak RSS, and growth over
 * sizes; prints a table and writes bench/results/bench-<size>-<time>.json (and latest.json).
 *
 * Options: --size N (default 20000), --seed S, --sizes a,b,c (instead of the growth ladder),
 * --rss-bytes B (big-file RSS measure; default 1 GiB when --size ≥ 1000000, else off: the main
 * ingest's RSS is reported), --work DIR (temp folder), --keep (keep datasets and ledgers),
 * --out FILE (JSON path), --pg URL (add PostgreSQL rows at the largest size: ingest with 1 and 4
 * writers, COPY of the same rows, full reconcile with 1 and 2 processes, one-cell figures; each
 * in a fresh schema of that server, dropped after), --no-install (never install the peer tool,
 * sqlite-utils, from Debian's packages: its row is skipped when it is missing).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import Table from "cli-table3"
import type { CellRef } from "./generate-dataset.js"
import { measureMachineLimits, type MachineLimits } from "./machine-limits.js"
import { type PgResult, runPostgres } from "./pg-measures.js"
import { type CatalogRssResult, type RssResult, runCatalogRss, runRss, runSize, type SizeResult } from "./size-run.js"

/** Events of the catalog-only RSS measure (issue 17: a 100k-event catalog ≤ 150 MB). */
const CATALOG_EVENTS = 100_000

interface Args {
  readonly size: number
  readonly sizes: readonly number[]
  readonly seed: number
  readonly rssBytes: number
  readonly work: string | null
  readonly keep: boolean
  readonly out: string | null
  readonly pg: string | null
  /** Install the peer tool (sqlite-utils) from Debian's packages when it is missing. */
  readonly install: boolean
}

const usage = "usage: npm run bench -- [--size N] [--sizes a,b,c] [--seed S] [--rss-bytes B] [--work DIR] [--keep] [--out FILE] [--pg postgres://user@host:5432/db] [--no-install]"

/** The growth ladder: 10k, 100k, 1M below N, then N itself. */
export const sizesFor = (size: number): number[] => [...[10_000, 100_000, 1_000_000].filter((s) => s < size), size]

const parseArgs = (argv: readonly string[]): Args => {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    if (i < 0) return undefined
    const v = argv[i + 1]
    if (v === undefined) throw new Error(`${name} needs a value\n${usage}`)
    return v
  }
  const int = (name: string, fallback: number): number => {
    const v = get(name)
    if (v === undefined) return fallback
    const n = Number(v.replace(/_/g, ""))
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${v}\n${usage}`)
    return n
  }
  for (const a of argv) if (a.startsWith("--") && !["--size", "--sizes", "--seed", "--rss-bytes", "--work", "--keep", "--out", "--pg", "--no-install"].includes(a)) {
    throw new Error(`unknown option ${a}\n${usage}`)
  }
  const size = int("--size", 20_000)
  const sizesArg = get("--sizes")
  const sizes = sizesArg ? sizesArg.split(",").map((s) => Number(s.replace(/_/g, ""))) : sizesFor(size)
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error(`--sizes must list positive integers\n${usage}`)
  const rss = get("--rss-bytes")
  return {
    size: Math.max(...sizes), sizes, seed: int("--seed", 20250601),
    rssBytes: rss === undefined ? (Math.max(...sizes) >= 1_000_000 ? 1 << 30 : 0) : Number(rss),
    work: get("--work") ?? null, keep: argv.includes("--keep"), out: get("--out") ?? null, pg: get("--pg") ?? null,
    install: !argv.includes("--no-install"),
  }
}

interface Target {
  readonly measure: string
  readonly target: string
  readonly value: string
  /** null: the target is defined for 1M claims and this run is smaller. */
  readonly met: boolean | null
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`)
const int = (x: number): string => Math.round(x).toLocaleString("en-US")

/** Judges the largest size against the issue's targets. */
const judge = (runs: readonly SizeResult[], rss: RssResult | null, catalog: CatalogRssResult): Target[] => {
  const big = runs[runs.length - 1]!
  const full = big.size >= 1_000_000
  const peak = rss ? rss.ingest.peakRssMb : big.ingest.peakRssMb
  const rssWhat = rss ? `${int(rss.fileMb)} MB NDJSON` : `${int(big.dataset.bytes / (1 << 20))} MB NDJSON (no 1 GB file at this size)`
  const perClaim = runs.map((r) => r.ingest.ms / r.size)
  // against the next smaller size: at 10k the CLI's ~1 s start-up dominates the time per claim
  const growth = runs.length > 1 ? perClaim[perClaim.length - 1]! / perClaim[perClaim.length - 2]! : 1
  // Flat: the dearest size per claim costs at most 1.5 × the cheapest (the smallest pays the CLI's start-up, and that counts).
  const spread = (xs: readonly number[]) => Math.max(...xs) / Math.min(...xs)
  const scaleIngest = spread(perClaim)
  const scaleReconcile = spread(runs.map((r) => r.fullReconcile.ms / r.size))
  return [
    { measure: "ingest claims/s vs raw insert", target: "≥ 0.5 × raw", value: `${big.ingestVsRaw.toFixed(2)} × (${int(big.ingest.claimsPerSec)} vs ${int(big.raw.rowsPerSec)}/s)`, met: big.ingestVsRaw >= 0.5 },
    { measure: `full reconcile (${int(big.fullReconcile.components)} components, ${int(big.dataset.cells)} cells)`, target: "≤ 10 s at 1M", value: ms(big.fullReconcile.ms), met: full ? big.fullReconcile.ms <= 10_000 : null },
    { measure: "incremental: one new claim, figures updated", target: "≤ 50 ms", value: ms(big.incremental.libraryMs.p50), met: big.incremental.libraryMs.p50 <= 50 },
    { measure: "figures, one cell, library p50", target: "≤ 2 ms", value: ms(big.figures.libraryMs.p50), met: big.figures.libraryMs.p50 <= 2 },
    { measure: "figures, one cell, library p99", target: "≤ 10 ms", value: ms(big.figures.libraryMs.p99), met: big.figures.libraryMs.p99 <= 10 },
    { measure: "figures, one cell, CLI end to end", target: "≤ 300 ms", value: ms(big.figures.cliMs.p50), met: big.figures.cliMs.p50 <= 300 },
    { measure: "start-up: one-cell reckon figures ÷ node -e 0", target: "≤ 2.5 ×", value: `${(big.figures.cliMs.p50 / big.nodeStartMs).toFixed(2)} × (${ms(big.figures.cliMs.p50)} vs ${ms(big.nodeStartMs)})`, met: big.figures.cliMs.p50 / big.nodeStartMs <= 2.5 },
    { measure: "ingest end to end vs sqlite-utils insert (same file)", target: "faster", value: big.peer.ms === null ? `skipped: ${big.peer.note}` : `${ms(big.ingest.ms)} vs ${ms(big.peer.ms)}`, met: big.peer.ms === null ? null : big.ingest.ms < big.peer.ms },
    { measure: `peak RSS ingesting ${rssWhat}`, target: "≤ 300 MB (1 GB file)", value: `${int(peak)} MB`, met: rss ? peak <= 300 : null },
    { measure: `peak RSS ingesting a catalog of ${int(catalog.events)} events (${catalog.catalogMb.toFixed(1)} MB) and one claim`, target: "≤ 150 MB", value: `${int(catalog.ingest.peakRssMb)} MB`, met: catalog.ingest.peakRssMb <= 150 },
    { measure: "reckon claims: first row (table, into a pipe)", target: "< 1 s at 1M", value: ms(big.claimsListing.firstRowMs), met: big.claimsListing.firstRowMs < 1000 },
    { measure: "reckon claims | head -3: the pipeline ends", target: "at once (< 1 s)", value: ms(big.claimsListing.headMs), met: big.claimsListing.headMs < 1000 },
    { measure: "growth: ingest time per claim, largest ÷ next size", target: "close to linear (≈ 1)", value: `${growth.toFixed(2)} ×`, met: runs.length > 1 ? growth <= 1.25 : null },
    { measure: "scaling: µs per claim, ingest / reconcile, dearest ÷ cheapest size", target: "≤ 1.5 × (flat)", value: `${scaleIngest.toFixed(2)} × / ${scaleReconcile.toFixed(2)} ×`, met: runs.length > 1 ? scaleIngest <= 1.5 && scaleReconcile <= 1.5 : null },
  ]
}

const sizesTable = (runs: readonly SizeResult[]): string => {
  const t = new Table({ head: ["measure", ...runs.map((r) => int(r.size))], style: { head: [], border: [] } })
  const row = (name: string, f: (r: SizeResult) => string) => t.push([name, ...runs.map(f)])
  row("events / components / cells", (r) => `${int(r.dataset.events)} / ${int(r.dataset.components)} / ${int(r.dataset.cells)}`)
  row("NDJSON size", (r) => `${(r.dataset.bytes / (1 << 20)).toFixed(1)} MB`)
  row("reckon ingest (CLI), end to end", (r) => ms(r.ingest.ms))
  row("  claims stored/s", (r) => int(r.ingest.claimsPerSec))
  row("  read = inserted + dup + rejected", (r) => `${int(r.ingest.read)} = ${int(r.ingest.inserted)} + ${int(r.ingest.duplicates)} + ${int(r.ingest.rejected)}`)
  row("  peak RSS", (r) => `${int(r.ingest.peakRssMb)} MB`)
  row("raw insert, same rows (limit)", (r) => `${int(r.raw.rowsPerSec)} rows/s`)
  row("ingest ÷ raw", (r) => `${r.ingestVsRaw.toFixed(2)} ×`)
  row("sqlite-utils insert --nl, same file (peer)", (r) => (r.peer.ms === null ? "skipped" : `${ms(r.peer.ms)} (${int(r.peer.rows / (r.peer.ms / 1000))} rows/s)`))
  row("full reconcile", (r) => ms(r.fullReconcile.ms))
  row("with RECKON_WORKERS=2: ingest / full reconcile", (r) => `${ms(r.threads.ingest.ms)} (${int(r.threads.ingest.peakRssMb)} MB) / ${ms(r.threads.fullReconcile.ms)}`)
  row("incremental, library p50 / max", (r) => `${ms(r.incremental.libraryMs.p50)} / ${ms(r.incremental.libraryMs.max)}`)
  row("incremental, CLI end to end p50", (r) => ms(r.incremental.cliMs.p50))
  row("figures one cell, library p50 / p99", (r) => `${ms(r.figures.libraryMs.p50)} / ${ms(r.figures.libraryMs.p99)}`)
  row("figures one cell, CLI p50", (r) => ms(r.figures.cliMs.p50))
  row("node -e 0 p50 (start-up yardstick)", (r) => ms(r.nodeStartMs))
  row("reckon claims: first row / | head -3", (r) => `${ms(r.claimsListing.firstRowMs)} / ${ms(r.claimsListing.headMs)}`)
  row("reckon claims --format csv, all", (r) => `${ms(r.claimsListing.fullCsvMs)} (${int(r.claimsListing.rows / (r.claimsListing.fullCsvMs / 1000))} rows/s)`)
  row("ledger file", (r) => `${int(r.ledgerMb)} MB`)
  row("ingest µs per claim", (r) => (1000 * r.ingest.ms / r.size).toFixed(1))
  row("full reconcile µs per claim", (r) => (1000 * r.fullReconcile.ms / r.size).toFixed(1))
  return t.toString()
}

const targetsTable = (targets: readonly Target[]): string => {
  const t = new Table({ head: ["target", "goal", "measured", "met"], style: { head: [], border: [] } })
  for (const x of targets) t.push([x.measure, x.target, x.value, x.met === null ? "n/a (1M)" : x.met ? "yes" : "NO"])
  return t.toString()
}

const limitsTable = (l: MachineLimits): string => {
  const t = new Table({ head: ["machine limit", "measured"], style: { head: [], border: [] } })
  t.push(["sequential write + fsync", `${int(l.seqWriteMBps)} MB/s`])
  t.push(["JSON.parse of the NDJSON lines", `${int(l.jsonParseRecordsPerSec)} records/s (${int(l.jsonParseMBps)} MB/s)`])
  t.push(["sha256 of each line", `${int(l.sha256RecordsPerSec)} records/s`])
  return t.toString()
}

const pgTable = (p: PgResult, sqlite: SizeResult): string => {
  const t = new Table({ head: [`at ${int(p.size)} records`, "PostgreSQL", "SQLite (same run)"], style: { head: [], border: [] } })
  const reconcile = (r: PgResult["reconcile1"]) => `${ms(r.ms)} (${int(r.components)} components${r.processes > 1 ? `: ${r.perProcess.map(int).join(" + ")}` : ""})`
  t.push(["reckon ingest, 1 writer", `${ms(p.ingest1.ms)}, ${int(p.ingest1.claimsPerSec)} claims/s`, `${ms(sqlite.ingest.ms)}, ${int(sqlite.ingest.claimsPerSec)} claims/s`])
  t.push(["reckon ingest, 4 writers at once", `${ms(p.ingest4.ms)}, ${int(p.ingest4.claimsPerSec)} claims/s`, "(writes take turns)"])
  t.push(["raw store of the same rows (limit)", `COPY ${int(p.copy.rowsPerSec)} rows/s`, `insert ${int(sqlite.raw.rowsPerSec)} rows/s`])
  t.push(["ingest (1 writer) ÷ raw", `${p.ingestVsCopy.toFixed(2)} ×`, `${sqlite.ingestVsRaw.toFixed(2)} ×`])
  t.push(["full reconcile, 1 process (reckon reconcile)", reconcile(p.reconcile1), reconcile(p.sqliteReconcile1)])
  t.push(["full reconcile, 2 processes at once", reconcile(p.reconcile2), ""])
  t.push(["figures one cell, library p50 / p99", `${ms(p.figures.libraryMs.p50)} / ${ms(p.figures.libraryMs.p99)}`, `${ms(sqlite.figures.libraryMs.p50)} / ${ms(sqlite.figures.libraryMs.p99)}`])
  t.push(["figures one cell, CLI p50", ms(p.figures.cliMs.p50), ms(sqlite.figures.cliMs.p50)])
  return t.toString()
}

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2))
  const log = (s: string) => process.stderr.write(`${s}\n`)
  const work = args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), "reckon-bench-"))
  fs.mkdirSync(work, { recursive: true })
  const started = new Date().toISOString()
  const cpus = os.cpus()
  const machine = {
    cpus: cpus.length, cpu: cpus[0]?.model ?? "unknown", memGb: Math.round(os.totalmem() / (1 << 30)), node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
  log(`reckon bench: sizes ${args.sizes.join(", ")}, seed ${args.seed}, work folder ${work}`)
  try {
    const runs: SizeResult[] = []
    let pg: PgResult | null = null
    for (const size of args.sizes) {
      const also = args.pg !== null && size === args.size
        ? async (dir: string, cells: readonly CellRef[]) => { pg = await runPostgres(args.pg!, size, dir, cells, log) }
        : undefined
      runs.push(await runSize(size, args.seed, work, log, args.install, also))
    }
    const biggest = path.join(work, `size-${args.size}`, "bench", "claims.ndjson")
    const limits = measureMachineLimits(work, biggest)
    const rss = args.rssBytes > 0 ? await runRss(args.rssBytes, args.seed, work, log) : null
    const catalog = await runCatalogRss(CATALOG_EVENTS, args.seed, work, log)
    const targets = judge(runs, rss, catalog)
    const result = {
      tool: "reckon bench", started, finished: new Date().toISOString(), seed: args.seed, sizes: args.sizes, machine, machineLimits: limits, runs, rss, catalog, targets, postgres: pg,
    }
    const outDir = path.resolve(import.meta.dirname, "../../bench/results")
    const out = args.out ?? path.join(outDir, `bench-${args.size}-${started.replace(/[:.]/g, "-")}.json`)
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
    if (args.out === null) fs.writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`\nmachine: ${machine.cpus} × ${machine.cpu}, ${machine.memGb} GB, Node ${machine.node}, ${machine.platform}\n`)
    process.stdout.write(`${sizesTable(runs)}\n${targetsTable(targets)}\n${limitsTable(limits)}\n`)
    if (pg) process.stdout.write(`${pgTable(pg, runs[runs.length - 1]!)}\n`)
    if (rss) process.stdout.write(`RSS file: ${int(rss.fileMb)} MB, ${int(rss.records)} records, ingested in ${ms(rss.ingest.ms)} (${int(rss.ingest.claimsPerSec)} claims/s)\n`)
    process.stdout.write(`results: ${out}\n`)
  } finally {
    if (!args.keep && args.work === null) fs.rmSync(work, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 1
})
