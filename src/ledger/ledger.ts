import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { Catalog } from "../domain/catalog.js"
import type { Claim } from "../domain/claim.js"
import type { DeclaredNames } from "../domain/vocabulary.js"
import type { BatchResult, ClaimBatch, ItemState, NewClaim, RunCounts, WriteOutcome } from "./claim-batch.js"
import type { ClaimRow } from "./claim-from-row.js"
import type { LedgerError } from "./ledger-error.js"
import type {
  CellSelection, ClaimSelection, IngestRunRow, JobRunRow, PointClaim, Recovery, ReliabilityRows, SourceSummary, StoredConflict, StoredFigure,
} from "./ledger-rows.js"

export type RegisterResult =
  | {
    readonly ok: true
    /** The stored catalog differed (or there was none). */
    readonly changed: boolean
    readonly isNew: boolean
    /** Components made stale by the change (re-keyed or reconciled under new relations). */
    readonly stale: number
  }
  | { readonly ok: false; readonly problems: readonly string[] }

export interface RunStart {
  /** What was ingested: the file as the user named it, or a URL. */
  readonly what: string
  readonly dataset: string | null
  readonly job: string | null
  readonly started: string
}

export interface ReconcileOptions {
  /** Only the stale components of this dataset. */
  readonly dataset?: string | undefined
  /** Called after each transaction with the components done so far and the ones left. */
  readonly onProgress?: (done: number, left: number) => void
}

export interface ComponentPasses {
  readonly component: string
  readonly marked: number
  readonly reconciled: number
}

export interface Reconciled {
  readonly components: number
  readonly figures: number
}

/**
 * The ledger (SPEC §5): one service whose every method is one whole unit of work — one
 * transaction on the ledger — returning an Effect that fails with a `LedgerError` saying whether
 * it may be retried. Write methods are retried on a busy ledger (bounded, logged) before they
 * fail. Every write that makes figures out of date records the components it touched in
 * `stale_components` in the same transaction; `reconcileStale` drains that record.
 *
 * Implementations live in src/ledger/<dialect>/ (SQLite now); see src/ledger/README.md.
 */
export interface LedgerService {
  /** The ledger's file or URL, for messages. */
  readonly location: string
  /** This process's identity in run rows and leases (host:pid:random). */
  readonly holder: string
  /** Migration names applied when the ledger was opened (none when it was up to date). */
  readonly migrated: readonly string[]

  // Processes and recovery
  /**
   * Marks runs left `running` by processes that are gone as `crashed`, and (with `reconcile`), when
   * no other process is writing, reconciles the stale components a killed command left. Run by
   * every command at start.
   */
  readonly recover: (options: { readonly reconcile: boolean }) => Effect.Effect<Recovery, LedgerError>
  /** Registers (or renews) this process as a writer until `ttlMs` from now: others see it is alive. */
  readonly heartbeat: (ttlMs: number) => Effect.Effect<void, LedgerError>
  /** This process stops writing: its lease is removed. */
  readonly retire: Effect.Effect<void, LedgerError>

  // Catalog
  /**
   * Stores a dataset's catalog, in full and spread over readable tables. A changed catalog re-keys
   * the components of its claims that it regroups and marks every component of the dataset
   * stale, in the same transaction. An event already owned by another dataset is refused.
   */
  readonly registerCatalog: (catalog: Catalog, folder: string | null, now: string) => Effect.Effect<RegisterResult, LedgerError>
  /** Every catalog registered, in registration order. */
  readonly catalogs: Effect.Effect<readonly Catalog[], LedgerError>
  /**
   * The names the catalogs declare (from the catalog tables: no catalog is parsed); with `events`,
   * of the events only those of them that are declared.
   */
  readonly declaredNames: (events?: readonly string[]) => Effect.Effect<DeclaredNames, LedgerError>
  /** The catalog an event is reconciled under, as reconciliation reads it (its events left out), or null when the event is unknown. */
  readonly catalogOfEvent: (event: string) => Effect.Effect<Catalog | null, LedgerError>

  // Ingest
  /** Opens an ingest run row (outcome `running`, held by this process) and returns its id. */
  readonly startRun: (run: RunStart) => Effect.Effect<number, LedgerError>
  /** What storing these claims would do now, without writing (`--strict`'s first pass). */
  readonly checkClaims: (claims: readonly NewClaim[]) => Effect.Effect<readonly WriteOutcome[], LedgerError>
  /**
   * Stores a batch of records in one transaction: each is inserted, a duplicate, or quarantined
   * with its reason; the run's counts, the stale components, and a job's counts, state and lease
   * fence commit together with the claims.
   */
  readonly writeClaims: (batch: ClaimBatch) => Effect.Effect<BatchResult, LedgerError>
  /** Records how a run ended: `ok`, `rejected`, `rolled-back`, `failed`, `interrupted`. */
  readonly finishRun: (runId: number, counts: RunCounts, outcome: string, error: string | null, now: string) => Effect.Effect<void, LedgerError>
  /** The most recent ingest runs, newest first. */
  readonly ingestRuns: (limit: number) => Effect.Effect<readonly IngestRunRow[], LedgerError>

  // Figures
  /**
   * Reconciles every stale component (of one dataset, if given) and replaces its materialized
   * figures and conflicts, in short transactions; a component's figures and its stale mark change
   * in the same one. Components left without claims (re-keyed away) lose their figures.
   */
  readonly reconcileStale: (options?: ReconcileOptions) => Effect.Effect<Reconciled, LedgerError>
  /** Marks every component (of one dataset) stale, e.g. after the engine changed; returns how many. */
  readonly markAllStale: (dataset?: string) => Effect.Effect<number, LedgerError>
  /** How many components are stale (of one dataset). */
  readonly staleCount: (dataset?: string) => Effect.Effect<number, LedgerError>
  /** The components holding claims of an event (and metric), with their event. */
  readonly componentsOf: (cells: { readonly event?: string | undefined; readonly metric?: string | undefined }) =>
    Effect.Effect<readonly { readonly component: string; readonly event: string }[], LedgerError>
  /** The claims of one component, as the core reads them, in the order stored. */
  readonly claimsOfComponent: (component: string) => Effect.Effect<readonly Claim[], LedgerError>
  /**
   * How often each component was marked stale and how often it was reconciled, by component:
   * with nothing stale the two are equal (no mark lost, no component reconciled twice for one).
   */
  readonly componentPasses: Effect.Effect<readonly ComponentPasses[], LedgerError>
  /**
   * Learned weights by source (they replace the catalog's priors); empty before `reckon learn`. A
   * source learned with too little evidence (stored weight null) is absent: its prior stands.
   */
  readonly sourceWeights: Effect.Effect<ReadonlyMap<string, number>, LedgerError>
  /**
   * Learned weights by metric, metric id → source id → weight (they replace `sourceWeights` on that
   * metric's cells); a source with too few contested cells of a metric is absent there.
   */
  readonly sourceMetricWeights: Effect.Effect<ReadonlyMap<string, ReadonlyMap<string, number>>, LedgerError>
  /** Learned copy groups, source id → group id (`copy_group` of source_reliability); empty before `reckon learn`. */
  readonly sourceCopyGroups: Effect.Effect<ReadonlyMap<string, string>, LedgerError>

  // Queries
  /** Materialized figures, sorted by event, metric, scope and valid time, the latest first. */
  readonly figures: (cells: CellSelection) => Effect.Effect<readonly StoredFigure[], LedgerError>
  /** Materialized conflicts, sorted by event, metric, scope, valid time, kind and claims. */
  readonly conflicts: (cells: CellSelection) => Effect.Effect<readonly StoredConflict[], LedgerError>
  /** Stored claims (not the rejected records), in the order they were stored (or `selection.sort`). */
  readonly claims: (selection: ClaimSelection) => Effect.Effect<readonly ClaimRow[], LedgerError>
  /**
   * The same claims as a stream read as it is consumed, whatever their number: the first rows
   * come at once, and a consumer that stops early ends the read (`reckon claims | head`).
   */
  readonly streamClaims: (selection: ClaimSelection) => Stream.Stream<ClaimRow, LedgerError>
  /** How many stored claims the selection matches, without its limit and offset. */
  readonly countClaims: (selection: ClaimSelection) => Effect.Effect<number, LedgerError>
  /** Every source of every catalog, by id, with aliases and claim counts. */
  readonly sources: Effect.Effect<readonly SourceSummary[], LedgerError>

  // Jobs (SPEC §7)
  /** Takes `job`'s lease when free, expired, or already this holder's; true when held now. */
  readonly acquireLease: (job: string, holder: string, ttlMs: number, nowMs: number) => Effect.Effect<boolean, LedgerError>
  /** Extends a lease `holder` still holds; false when it was lost. */
  readonly renewLease: (job: string, holder: string, ttlMs: number, nowMs: number) => Effect.Effect<boolean, LedgerError>
  readonly releaseLease: (job: string, holder: string) => Effect.Effect<void, LedgerError>
  /** Who holds `job`'s lease now, if anyone. */
  readonly leaseHolder: (job: string, nowMs: number) => Effect.Effect<string | null, LedgerError>
  /** Whether `holder` holds an unexpired lease on `job`. */
  readonly holdsLease: (job: string, holder: string, nowMs: number) => Effect.Effect<boolean, LedgerError>
  /** The remembered state of a job's item, or null before its first complete ingest. */
  readonly itemState: (job: string, item: string) => Effect.Effect<ItemState | null, LedgerError>
  /** Stores a job item's state (fields not given are cleared); only after the claims it covers are stored. */
  readonly writeItemState: (job: string, item: string, state: Partial<ItemState>, now: string) => Effect.Effect<void, LedgerError>
  /** Opens a job run (outcome `running`) and returns its id. */
  readonly startJobRun: (job: string, holder: string, now: string) => Effect.Effect<number, LedgerError>
  readonly updateJobRun: (id: number, counts: RunCounts, attempts: number) => Effect.Effect<void, LedgerError>
  readonly finishJobRun: (
    id: number, counts: RunCounts, attempts: number, outcome: string, error: string | null, detail: string | null, now: string,
  ) => Effect.Effect<void, LedgerError>
  /**
   * Marks the runs of `job` left `running` as `crashed` (call only while holding the job's lease:
   * then no live process runs it); returns how many.
   */
  readonly closeCrashedJobRuns: (job: string, now: string) => Effect.Effect<number, LedgerError>
  /** The most recent job runs, newest first. */
  readonly recentJobRuns: (limit: number, job?: string) => Effect.Effect<readonly JobRunRow[], LedgerError>

  // Reliability (SPEC §4.3)
  /**
   * Replaces learned reliability (weights and copy groups): everything (no dataset), or what was
   * learned from `dataset` and rows of the same sources or group ids; marks the components it
   * affects stale in the same transaction: every component (of `dataset`), and, with a dataset,
   * those of any dataset holding claims of a source whose row was replaced. Returns how many
   * components (of `dataset`) are stale.
   */
  readonly replaceReliability: (rows: ReliabilityRows, dataset: string | null) => Effect.Effect<number, LedgerError>
  readonly reliability: Effect.Effect<ReliabilityRows, LedgerError>
  /**
   * Hands the active point claims (of one dataset) to `consume` as one pass over the claims,
   * without building them all as objects first; returns what `consume` returns.
   */
  readonly readPointClaims: <A>(dataset: string | undefined, consume: (claims: Iterable<PointClaim>) => A) => Effect.Effect<A, LedgerError>
}

/** The ledger service of a command. */
export class Ledger extends Context.Tag("reckon/Ledger")<Ledger, LedgerService>() {}

/** Which ledger a command uses: `--db`, else `$RECKON_DB`, else `./reckon.db` (SPEC §6). */
export const resolveLedgerPath = (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string =>
  flag ?? env["RECKON_DB"] ?? "reckon.db"
