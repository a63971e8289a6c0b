import type Database from "better-sqlite3"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { Migrator } from "kysely"
import * as fs from "node:fs"
import * as path from "node:path"
import { SQLITE_COLUMN_TYPES } from "../column-types.js"
import { drainStale, recoverWith } from "../drain-stale.js"
import { makeHolderId } from "../holder-id.js"
import type { LedgerService, ReconcileOptions } from "../ledger.js"
import { LedgerError, ledgerError, messageOf } from "../ledger-error.js"
import { migrationProvider, migrations } from "../migrations.js"
import { retryBusy } from "../retry-busy.js"
import { catalogOfEvent, declaredNames, loadCatalogs, registerCatalog } from "./catalog-store.js"
import { checkClaims, writeClaims } from "./claim-store.js"
import { claimsOfComponent, componentsOf, loadSourceCopyGroups, loadSourceWeights, reconcileStep, storedConflicts, storedFigures } from "./figure-store.js"
import * as jobs from "./job-store.js"
import { kyselyFor, openSqlite } from "./open-sqlite.js"
import { closeDeadProcesses, heartbeat, retire } from "./process-store.js"
import { countClaims, iterateClaims, loadSourceMetricWeights, readPointClaims, replaceReliability, selectClaims, sourceSummaries, storedReliability } from "./query-store.js"
import { finishRun, recentRuns, startRun } from "./run-store.js"
import { type SqliteContext, writeTransaction } from "./sqlite-context.js"
import { componentPasses, markAllStale, staleCount } from "./stale-store.js"
import { reconcileOnWorkers } from "./parallel-reconcile.js"
import { reconcileWorkerCount } from "./reconcile-pool.js"

/** The migrations applied to this file already (none on a new file). */
const appliedMigrations = (sqlite: Database.Database): Set<string> => {
  try {
    return new Set((sqlite.prepare("SELECT name FROM kysely_migration").all() as { name: string }[]).map((r) => r.name))
  } catch {
    return new Set()
  }
}

/**
 * Applies pending migrations inside one BEGIN IMMEDIATE transaction, so that several processes
 * opening a new ledger at once take turns instead of failing (kysely's own transaction would begin
 * deferred). Returns the names applied now.
 */
const migrate = async (ctx: SqliteContext): Promise<string[]> => {
  if (Object.keys(migrations).every((name) => appliedMigrations(ctx.sqlite).has(name))) return []
  ctx.sqlite.exec("BEGIN IMMEDIATE")
  try {
    const migrator = new Migrator({ db: ctx.db, provider: migrationProvider(SQLITE_COLUMN_TYPES), disableTransactions: true })
    const { error, results } = await migrator.migrateToLatest()
    if (error) throw error
    ctx.sqlite.exec("COMMIT")
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
  } catch (e) {
    if (ctx.sqlite.inTransaction) ctx.sqlite.exec("ROLLBACK")
    throw e
  }
}

export interface SqliteLedgerOptions {
  /** This process's identity in runs and leases (default: a new one). */
  readonly holder?: string
  /** Create the file when there is none (default true); false: a missing ledger is an error. */
  readonly create?: boolean
}

/**
 * Opens (creating if needed) and migrates the SQLite ledger at `file`, as a service that closes
 * the connection when its scope closes. Every method runs synchronously inside one call (the ingest
 * hot path: a 10k-record batch is one call and one transaction); writes are retried on a busy ledger.
 */
export const openSqliteLedger = (file: string, options: SqliteLedgerOptions = {}): Effect.Effect<LedgerService, LedgerError, Scope.Scope> =>
  Effect.gen(function* () {
    const dir = path.dirname(path.resolve(file))
    if (!fs.existsSync(dir)) return yield* Effect.fail(new LedgerError({ path: file, message: `folder ${dir} does not exist`, retryable: false }))
    if (options.create === false && !fs.existsSync(file)) {
      return yield* Effect.fail(new LedgerError({ path: file, message: "no such ledger (ingest something first)", retryable: false }))
    }
    const opened = yield* Effect.acquireRelease(
      retryBusy("open", Effect.try({ try: () => openSqlite(file), catch: (e) => ledgerError(file, "cannot open the ledger", e) })),
      (sqlite) => Effect.sync(() => {
        if (sqlite.open) sqlite.close()
      }),
    )
    const ctx: SqliteContext = { sqlite: opened, db: kyselyFor(opened), location: file, holder: options.holder ?? makeHolderId(), writerLease: null }
    const migrated = yield* retryBusy("migration", Effect.tryPromise({
      try: () => migrate(ctx),
      catch: (e) => {
        const err = ledgerError(file, "migration failed", e)
        return err.message.includes("file is not a database") ? new LedgerError({ ...err, message: `cannot open the ledger: ${messageOf(e)}` }) : err
      },
    }))
    return sqliteService(ctx, migrated)
  })

/** Rows taken from the statement at a time: one step of a stream. */
const STREAM_CHUNK = 1000

/**
 * The rows of a statement as a stream, `STREAM_CHUNK` at a time, taken as the consumer asks; the
 * statement is closed when the stream ends, fails or is left early.
 */
const streamRows = <R>(location: string, what: string, open: () => IterableIterator<R>): Stream.Stream<R, LedgerError> =>
  Stream.acquireRelease(
    Effect.try({ try: open, catch: (e) => ledgerError(location, what, e) }),
    (rows) => Effect.sync(() => void rows.return?.()),
  ).pipe(Stream.flatMap((rows) => Stream.repeatEffectChunkOption(Effect.try({
    try: () => {
      const chunk: R[] = []
      for (let next = rows.next(); !next.done; next = rows.next()) {
        chunk.push(next.value)
        if (chunk.length >= STREAM_CHUNK) break
      }
      return chunk
    },
    catch: (e) => Option.some(ledgerError(location, what, e)),
  }).pipe(Effect.flatMap((chunk) => (chunk.length === 0 ? Effect.fail(Option.none()) : Effect.succeed(Chunk.unsafeFromArray(chunk))))))))

const sqliteService = (ctx: SqliteContext, migrated: readonly string[]): LedgerService => {
  const location = ctx.location
  const read = <A>(what: string, f: () => A): Effect.Effect<A, LedgerError> =>
    retryBusy(what, Effect.try({ try: f, catch: (e) => ledgerError(location, what, e) }))
  // Reads and writes are retried alike: a read may meet a checkpoint or a schema change.
  const write = read
  const nowIso = () => new Date().toISOString()

  const drain = (options: ReconcileOptions) =>
    drainStale((dataset) => write("reconciliation", () => reconcileStep(ctx, dataset, nowIso())), options)
  // Many stale components (an ingest, a catalog change, `reconcile --all`): worker threads compute,
  // this thread writes; what was marked again meanwhile is drained here after.
  const reconcileStale = (options: ReconcileOptions = {}) =>
    Effect.gen(function* () {
      const workers = reconcileWorkerCount(location, yield* read("counting stale components", () => staleCount(ctx, options.dataset)))
      if (workers === 0) return yield* drain(options)
      yield* Effect.logDebug(`reconciling on ${workers} worker thread(s)`)
      const parallel = yield* reconcileOnWorkers(ctx, workers, options, write, nowIso)
      const rest = yield* drain({ ...options, ...(options.onProgress ? { onProgress: (done: number, left: number) => options.onProgress!(parallel.components + done, left) } : {}) })
      return { components: parallel.components + rest.components, figures: parallel.figures + rest.figures }
    })

  return {
    location,
    holder: ctx.holder,
    migrated,
    recover: (options) => recoverWith(write("recovery", () => closeDeadProcesses(ctx)), read("recovery", () => staleCount(ctx, undefined)), reconcileStale(), options),
    heartbeat: (ttlMs) => write("heartbeat", () => heartbeat(ctx, ttlMs)),
    retire: write("retire", () => retire(ctx)),

    registerCatalog: (catalog, folder, now) => write("registering the catalog", () => registerCatalog(ctx, catalog, folder, now)),
    catalogs: read("reading the catalogs", () => loadCatalogs(ctx)),
    declaredNames: (events) => read("reading the catalogs", () => declaredNames(ctx, events)),
    catalogOfEvent: (event) => read("reading the catalogs", () => catalogOfEvent(ctx, event)),

    startRun: (run) => write("starting a run", () => writeTransaction(ctx, () => startRun(ctx, run))),
    checkClaims: (claims) => read("checking claims", () => checkClaims(ctx, claims)),
    writeClaims: (batch) => write("storing claims", () => writeClaims(ctx, batch)),
    finishRun: (id, counts, outcome, error, now) => write("finishing a run", () => writeTransaction(ctx, () => finishRun(ctx, id, counts, outcome, error, now))),
    ingestRuns: (limit) => read("reading ingest runs", () => recentRuns(ctx, limit)),

    reconcileStale,
    markAllStale: (dataset) => write("marking components stale", () => writeTransaction(ctx, () => markAllStale(ctx, dataset, nowIso()))),
    staleCount: (dataset) => read("counting stale components", () => staleCount(ctx, dataset)),
    componentsOf: (cells) => read("reading components", () => componentsOf(ctx, cells)),
    claimsOfComponent: (component) => read("reading claims", () => claimsOfComponent(ctx, component)),
    componentPasses: read("reading component passes", () => componentPasses(ctx)),
    sourceWeights: read("reading source weights", () => loadSourceWeights(ctx)),
    sourceMetricWeights: read("reading metric weights", () => loadSourceMetricWeights(ctx)),
    sourceCopyGroups: read("reading copy groups", () => loadSourceCopyGroups(ctx)),

    figures: (cells) => read("reading figures", () => storedFigures(ctx, cells)),
    conflicts: (cells) => read("reading conflicts", () => storedConflicts(ctx, cells)),
    claims: (selection) => read("reading claims", () => selectClaims(ctx, selection)),
    streamClaims: (selection) => streamRows(location, "reading claims", () => iterateClaims(ctx, selection)),
    countClaims: (selection) => read("counting claims", () => countClaims(ctx, selection)),
    sources: read("reading sources", () => sourceSummaries(ctx)),

    acquireLease: (job, holder, ttlMs, nowMs) => write("taking a job lease", () => jobs.acquireLease(ctx, job, holder, ttlMs, nowMs)),
    renewLease: (job, holder, ttlMs, nowMs) => write("renewing a job lease", () => writeTransaction(ctx, () => jobs.renewLease(ctx, job, holder, ttlMs, nowMs))),
    releaseLease: (job, holder) => write("releasing a job lease", () => writeTransaction(ctx, () => jobs.releaseLease(ctx, job, holder))),
    leaseHolder: (job, nowMs) => read("reading a job lease", () => jobs.leaseHolder(ctx, job, nowMs)),
    holdsLease: (job, holder, nowMs) => read("reading a job lease", () => jobs.holdsLease(ctx, job, holder, nowMs)),
    itemState: (job, item) => read("reading job state", () => jobs.itemState(ctx, job, item)),
    writeItemState: (job, item, state, now) => write("storing job state", () => writeTransaction(ctx, () => jobs.writeItemState(ctx, job, item, state, now))),
    startJobRun: (job, holder, now) => write("starting a job run", () => writeTransaction(ctx, () => jobs.startJobRun(ctx, job, holder, now))),
    updateJobRun: (id, counts, attempts) => write("updating a job run", () => writeTransaction(ctx, () => jobs.updateJobRun(ctx, id, counts, attempts))),
    finishJobRun: (id, counts, attempts, outcome, error, detail, now) =>
      write("finishing a job run", () => writeTransaction(ctx, () => jobs.finishJobRun(ctx, id, counts, attempts, outcome, error, detail, now))),
    closeCrashedJobRuns: (job, now) => write("closing crashed job runs", () => jobs.closeCrashedJobRuns(ctx, job, now)),
    recentJobRuns: (limit, job) => read("reading job runs", () => jobs.recentJobRuns(ctx, limit, job)),

    replaceReliability: (rows, dataset) => write("storing learned reliability", () => replaceReliability(ctx, rows, dataset, nowIso())),
    reliability: read("reading learned reliability", () => storedReliability(ctx)),
    readPointClaims: (dataset, consume) => read("reading point claims", () => readPointClaims(ctx, dataset, consume)),
  }
}
