import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { scopeKey } from "../src/domain/scope.js"
import { buildCatalogIndex } from "../src/ingest/catalog-index.js"
import { ingestFile } from "../src/ingest/ingest-file.js"
import { Ledger } from "../src/ledger/ledger.js"
import { ledgerLayer } from "../src/ledger/ledger-layer.js"
import { queryFigures } from "../src/query/query-figures.js"
import { type CellRef, DATASET_NAME } from "./generate-dataset.js"
import { nodeStartOnceMs } from "./peer-tools.js"
import { runReckon, timeReckon } from "./run-child.js"
import { median, quantile } from "./stats.js"

/** Runs `effect` on the ledger at `file`, opened as every reckon command opens it. */
export const onLedger = <A, E>(file: string, effect: Effect.Effect<A, E, Ledger>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.provide(ledgerLayer(file))))

export interface FullReconcile {
  readonly components: number
  readonly figures: number
  readonly ms: number
}

/** Reconciles every component of the ledger again and rewrites its figures (what a catalog change costs). */
export const measureFullReconcile = (db: string): Promise<FullReconcile> =>
  onLedger(db, Effect.gen(function* () {
    const ledger = yield* Ledger
    const t = performance.now()
    yield* ledger.markAllStale()
    const done = yield* ledger.reconcileStale()
    return { components: done.components, figures: done.figures, ms: performance.now() - t }
  }))

export interface Incremental {
  /** In-process: `ingestFile` of a one-claim file + `reconcileStale` of what it touched. */
  readonly libraryMs: { readonly p50: number; readonly max: number; readonly runs: number }
  /** `reckon ingest FILE --db …` as a child process, end to end. */
  readonly cliMs: { readonly p50: number; readonly max: number; readonly runs: number }
  /** Claims in the components that were recomputed (the work an incremental step does). */
  readonly componentClaims: number
}

/** Cells of distinct events, so that every incremental claim lands in another component. */
const distinctEvents = (cells: readonly CellRef[], n: number): CellRef[] => {
  const seen = new Set<string>()
  const out: CellRef[] = []
  for (const c of cells) {
    if (seen.has(c.event)) continue
    seen.add(c.event)
    out.push(c)
    if (out.length === n) break
  }
  return out
}

/** One new claim that agrees with the cell's current figure (a source confirming it). */
const newClaimLine = (cell: CellRef, id: string) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const f = (yield* ledger.figures({ event: cell.event, metric: cell.metric, scopeKey: scopeKey(cell.scope) }))[0]
    const value = f?.figure.best ?? f?.figure.range?.lo ?? 10
    return JSON.stringify({
      id, event: cell.event, metric: cell.metric, scope: cell.scope, source: "src-119", via: ["out-00"], value: `about ${value}`,
      ...(f?.at ? { at: f.at } : {}), stated: "2030-01-01", method: "statement",
      quote: `Source 119 said about ${value}.`, url: `https://news.example.org/${id}`,
    })
  })

/** One new claim into the full ledger: only its component is reconciled again. */
export const measureIncremental = async (db: string, dir: string, cells: readonly CellRef[], runs = 10): Promise<Incremental> => {
  const targets = distinctEvents(cells, runs * 2)
  const lib: number[] = []
  let componentClaims = 0
  await onLedger(db, Effect.gen(function* () {
    const ledger = yield* Ledger
    const index = buildCatalogIndex(yield* ledger.catalogs)
    for (const [i, cell] of targets.slice(0, runs).entries()) {
      const file = path.join(dir, `incremental-${i}.ndjson`)
      fs.writeFileSync(file, `${yield* newClaimLine(cell, `bench-inc-${i}`)}\n`)
      const t = performance.now()
      const summary = yield* ingestFile(file, { index, dataset: DATASET_NAME, strict: false, displayName: file })
      yield* ledger.reconcileStale()
      lib.push(performance.now() - t)
      if (summary.inserted !== 1) throw new Error(`incremental claim not inserted: ${JSON.stringify(summary)}`)
      for (const c of summary.components) componentClaims += (yield* ledger.claimsOfComponent(c)).length
    }
  }))
  const cli: number[] = []
  const cliTargets = targets.slice(runs, runs + Math.min(5, runs))
  for (const [i, cell] of cliTargets.entries()) {
    const file = path.join(dir, `incremental-cli-${i}.ndjson`)
    fs.writeFileSync(file, `${await onLedger(db, newClaimLine(cell, `bench-inc-cli-${i}`))}\n`)
    const r = await runReckon(["ingest", file, "--db", db])
    if (r.code !== 0) throw new Error(`reckon ingest (incremental) exited ${r.code}: ${r.stderr}`)
    cli.push(r.ms)
  }
  return {
    libraryMs: { p50: median(lib), max: Math.max(...lib), runs: lib.length },
    cliMs: { p50: median(cli), max: Math.max(...cli), runs: cli.length },
    componentClaims: Math.round(componentClaims / Math.max(1, lib.length)),
  }
}

export interface FigureQueries {
  readonly libraryMs: { readonly p50: number; readonly p99: number; readonly calls: number }
  readonly cliMs: { readonly p50: number; readonly max: number; readonly runs: number }
  /** `node -e 0`, p50, each run right before one of the CLI's: the machine's noise drifts within minutes. */
  readonly nodeMs: number
}

/** `figures` for one cell: `queryFigures` in-process over many cells, and the CLI end to end next to `node -e 0`. */
export const measureFigureQueries = async (db: string, cells: readonly CellRef[], calls = 2000, cliRuns = 11): Promise<FigureQueries> => {
  const times: number[] = []
  await onLedger(db, Effect.gen(function* () {
    for (let i = 0; i < 50; i++) yield* queryFigures({ ...cells[i % cells.length]! }) // warm-up
    for (let i = 0; i < calls; i++) {
      const cell = cells[i % cells.length]!
      const t = performance.now()
      const figures = yield* queryFigures({ event: cell.event, metric: cell.metric, scope: cell.scope })
      times.push(performance.now() - t)
      if (figures.length === 0) throw new Error(`no figure for ${JSON.stringify(cell)}`)
    }
  }))
  const cli: number[] = []
  const node: number[] = []
  for (let i = 0; i < cliRuns; i++) {
    node.push(nodeStartOnceMs())
    const cell = cells[(i * 7919) % cells.length]!
    const scope = Object.entries(cell.scope).flatMap(([k, v]) => ["--scope", `${k}=${v}`])
    const r = timeReckon(["figures", "--event", cell.event, "--metric", cell.metric, ...scope, "--db", db, "--format", "json"])
    if (r.code !== 0) throw new Error(`reckon figures exited ${r.code}: ${r.stderr}`)
    cli.push(r.ms)
  }
  return {
    libraryMs: { p50: quantile(times, 0.5), p99: quantile(times, 0.99), calls: times.length },
    cliMs: { p50: median(cli), max: Math.max(...cli), runs: cli.length },
    nodeMs: median(node),
  }
}
