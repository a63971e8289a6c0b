import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { drainStale, recoverWith } from "../drain-stale.js"
import { makeHolderId } from "../holder-id.js"
import type { LedgerService, ReconcileOptions } from "../ledger.js"
import { LedgerError, ledgerError, messageOf } from "../ledger-error.js"
import { retryBusy } from "../retry-busy.js"
import { catalogOfEvent, catalogUnchanged, declaredNames, loadCatalogs, registerCatalog } from "./catalog-store.js"
import { checkClaims, writeClaims } from "./claim-store.js"
import { claimsOfComponent, componentsOf, loadSourceCopyGroups, loadSourceWeights, reconcileStep, storedConflicts, storedFigures } from "./figure-store.js"
import * as jobs from "./job-store.js"
import { kyselyOn, migratePostgres, openPool } from "./open-postgres.js"
import { type Pg, type PgContext, transaction, type TransactionMode, withConnection } from "./pg-context.js"
import { loadPgDriver } from "./pg-driver.js"
import { parsePgLocation, withoutPassword } from "./pg-location.js"
import { closeDeadProcesses, heartbeat, retire } from "./process-store.js"
import { countClaims, openClaimsCursor, loadSourceMetricWeights, readPointClaims, replaceReliability, selectClaims, sourceSummaries, storedReliability } from "./query-store.js"
import { finishRun, recentRuns, startRun } from "./run-store.js"
import { componentPasses, markAllStale, staleCount } from "./stale-store.js"

export interface PostgresLedgerOptions {
  /** This process's identity in runs and leases (default: a new one). */
  readonly holder?: string
  /** Create the ledger (its schema and tables) when there is none (default true); false: a missing ledger is an error. */
  readonly create?: boolean
}

/** A driver error as one line: a connection that failed on every address says each (Node's AggregateError has no message). */
const describe = (e: unknown): string =>
  e instanceof AggregateError && e.message === "" ? e.errors.map(messageOf).join("; ") : messageOf(e)

const failure = (location: string, what: string, e: unknown, schema?: string): LedgerError => {
  const err = ledgerError(location, what, e, schema)
  return err.message.endsWith(": ") ? new LedgerError({ ...err, message: `${what}: ${describe(e)}` }) : err
}

/**
 * Opens the PostgreSQL ledger at `url` (`postgres://user@host:port/db?schema=name`): loads the
 * driver, connects a small pool working in the ledger's schema, creates the schema and applies
 * pending migrations — the same history as SQLite's — and returns the service, which ends the
 * pool when its scope closes. Every method is one transaction (a read, one connection), retried
 * on the SQLSTATEs `ledger-error.ts` calls retryable.
 */
export const openPostgresLedger = (url: string, options: PostgresLedgerOptions = {}): Effect.Effect<LedgerService, LedgerError, Scope.Scope> =>
  Effect.gen(function* () {
    const location = parsePgLocation(url)
    if ("problem" in location) return yield* Effect.fail(new LedgerError({ path: withoutPassword(url), message: `cannot open the ledger: ${location.problem}`, retryable: false }))
    const shown = location.display
    const driver = yield* Effect.tryPromise({ try: loadPgDriver, catch: (e) => failure(shown, "cannot load the PostgreSQL driver", e) })
    const { pool, db } = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const pool = openPool(driver, location)
        return { pool, db: kyselyOn(driver, pool) }
      }),
      // The pool is ended here: kysely ends it only if it ran a query itself (it did not when no migration was due).
      ({ pool }) => Effect.promise(() => pool.end().catch(() => undefined)),
    )
    const ctx: PgContext = { pool, db, driver, schema: location.schema, location: shown, holder: options.holder ?? makeHolderId(), writerLease: null }
    const migrated = yield* retryBusy("migration", Effect.tryPromise({
      try: () => migratePostgres(db, pool, location.schema, options.create ?? true),
      catch: (e) => failure(shown, "cannot open the ledger", e, location.schema),
    }))
    if (migrated === null) return yield* Effect.fail(new LedgerError({ path: shown, message: "no such ledger (ingest something first)", retryable: false }))
    return postgresService(ctx, migrated)
  })


const postgresService = (ctx: PgContext, migrated: readonly string[]): LedgerService => {
  const location = ctx.location
  const attempt = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, LedgerError> =>
    retryBusy(what, Effect.tryPromise({ try: run, catch: (e) => failure(location, what, e) }))
  /** A unit of work in one transaction. */
  const unit = <A>(what: string, f: (pg: Pg) => Promise<A>, mode: TransactionMode = "write") => attempt(what, () => transaction(ctx, f, mode))
  /** One statement: it commits by itself, no transaction around it. */
  const one = <A>(what: string, f: (pg: Pg) => Promise<A>) => attempt(what, () => withConnection(ctx, f))
  const nowIso = () => new Date().toISOString()

  const reconcileStale = (options: ReconcileOptions = {}) =>
    drainStale((dataset) => unit("reconciliation", (pg) => reconcileStep(pg, ctx, dataset, nowIso())), options)

  return {
    location,
    holder: ctx.holder,
    migrated,
    recover: (options) => recoverWith(attempt("recovery", () => closeDeadProcesses(ctx)), one("recovery", (pg) => staleCount(pg, undefined)), reconcileStale(), options),
    heartbeat: (ttlMs) => attempt("heartbeat", () => heartbeat(ctx, ttlMs)),
    retire: attempt("retire", () => retire(ctx)),

    registerCatalog: (catalog, folder, now) => Effect.flatMap(
      // The common case, the same catalog again, takes no lock.
      one("registering the catalog", (pg) => catalogUnchanged(pg, catalog)),
      (same) => same
        ? Effect.succeed({ ok: true, changed: false, isNew: false, stale: 0 } as const)
        : unit("registering the catalog", (pg) => registerCatalog(pg, ctx, catalog, folder, now)),
    ),
    catalogs: unit("reading the catalogs", loadCatalogs, "read"),
    declaredNames: (events) => unit("reading the catalogs", (pg) => declaredNames(pg, events), "read"),
    catalogOfEvent: (event) => unit("reading the catalogs", (pg) => catalogOfEvent(pg, event), "read"),

    startRun: (run) => one("starting a run", (pg) => startRun(pg, ctx, run)),
    checkClaims: (claims) => one("checking claims", (pg) => checkClaims(pg, claims)),
    writeClaims: (batch) => attempt("storing claims", () => writeClaims(ctx, batch)),
    finishRun: (id, counts, outcome, error, now) => one("finishing a run", (pg) => finishRun(pg, id, counts, outcome, error, now).then(() => undefined)),
    ingestRuns: (limit) => one("reading ingest runs", (pg) => recentRuns(pg, limit)),

    reconcileStale,
    markAllStale: (dataset) => unit("marking components stale", (pg) => markAllStale(pg, dataset, nowIso())),
    staleCount: (dataset) => one("counting stale components", (pg) => staleCount(pg, dataset)),
    componentsOf: (cells) => one("reading components", (pg) => componentsOf(pg, cells)),
    claimsOfComponent: (component) => one("reading claims", (pg) => claimsOfComponent(pg, component)),
    componentPasses: one("reading component passes", componentPasses),
    sourceWeights: one("reading source weights", loadSourceWeights),
    sourceMetricWeights: one("reading metric weights", loadSourceMetricWeights),
    sourceCopyGroups: one("reading copy groups", loadSourceCopyGroups),

    figures: (cells) => one("reading figures", (pg) => storedFigures(pg, cells)),
    conflicts: (cells) => one("reading conflicts", (pg) => storedConflicts(pg, cells)),
    claims: (selection) => one("reading claims", (pg) => selectClaims(pg, selection)),
    // One cursor in one snapshot (sort, then seq): the first rows come at once whatever the size,
    // and pages never shift under concurrent writes.
    streamClaims: (selection) => Stream.acquireRelease(
      attempt("reading claims", () => openClaimsCursor(ctx, selection)),
      (cursor) => Effect.promise(() => cursor.close()),
    ).pipe(Stream.flatMap((cursor) => Stream.repeatEffectChunkOption(
      Effect.tryPromise({ try: () => cursor.next(), catch: (e) => Option.some(failure(location, "reading claims", e)) }).pipe(
        Effect.flatMap((rows) => (rows.length === 0 ? Effect.fail(Option.none()) : Effect.succeed(Chunk.unsafeFromArray(rows)))))))),
    countClaims: (selection) => one("counting claims", (pg) => countClaims(pg, selection)),
    sources: unit("reading sources", sourceSummaries, "read"),

    acquireLease: (job, holder, ttlMs, nowMs) => one("taking a job lease", (pg) => jobs.acquireLease(pg, job, holder, ttlMs, nowMs)),
    renewLease: (job, holder, ttlMs, nowMs) => one("renewing a job lease", (pg) => jobs.renewLease(pg, job, holder, ttlMs, nowMs)),
    releaseLease: (job, holder) => one("releasing a job lease", (pg) => jobs.releaseLease(pg, job, holder).then(() => undefined)),
    leaseHolder: (job, nowMs) => one("reading a job lease", (pg) => jobs.leaseHolder(pg, job, nowMs)),
    holdsLease: (job, holder, nowMs) => one("reading a job lease", (pg) => jobs.holdsLease(pg, job, holder, nowMs)),
    itemState: (job, item) => one("reading job state", (pg) => jobs.itemState(pg, job, item)),
    writeItemState: (job, item, state, now) => one("storing job state", (pg) => jobs.writeItemState(pg, job, item, state, now).then(() => undefined)),
    startJobRun: (job, holder, now) => one("starting a job run", (pg) => jobs.startJobRun(pg, job, holder, now)),
    updateJobRun: (id, counts, attempts) => one("updating a job run", (pg) => jobs.updateJobRun(pg, id, counts, attempts).then(() => undefined)),
    finishJobRun: (id, counts, attempts, outcome, error, detail, now) =>
      one("finishing a job run", (pg) => jobs.finishJobRun(pg, id, counts, attempts, outcome, error, detail, now).then(() => undefined)),
    closeCrashedJobRuns: (job, now) => unit("closing crashed job runs", (pg) => jobs.closeCrashedJobRuns(pg, job, now)),
    recentJobRuns: (limit, job) => one("reading job runs", (pg) => jobs.recentJobRuns(pg, limit, job)),

    replaceReliability: (rows, dataset) => unit("storing learned reliability", (pg) => replaceReliability(pg, ctx, rows, dataset, nowIso())),
    reliability: unit("reading learned reliability", storedReliability, "read"),
    readPointClaims: (dataset, consume) => unit("reading point claims", (pg) => readPointClaims(pg, ctx, dataset, consume), "read"),
  }
}
