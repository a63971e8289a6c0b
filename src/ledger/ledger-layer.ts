import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { Ledger, type LedgerService } from "./ledger.js"
import type { LedgerError } from "./ledger-error.js"
import { isPostgresUrl } from "./postgres/pg-location.js"
import { openSqliteLedger } from "./sqlite/sqlite-ledger.js"

/** How long a writer's lease lasts without renewal; it is renewed every third of that and on every write. */
export const WRITER_LEASE_MS = 30_000

export interface LedgerLayerOptions {
  /**
   * Registers this process as a writer (a lease renewed while it runs, so that others tell its
   * runs from a killed process's). Default true; read-only commands pass false.
   */
  readonly writer?: boolean
  /** This process's identity in runs and leases (default: a new one). */
  readonly holder?: string
  /** Create the ledger when there is none (default: only for a writer; a read never creates one). */
  readonly create?: boolean
  /**
   * Reconcile at open what a killed command left stale (when no other process is writing).
   * Default true; commands that reconcile everything stale themselves anyway pass false.
   */
  readonly reconcileOnOpen?: boolean
}

/**
 * Opens the ledger at `location` with the implementation its form names: a `postgres://` URL is
 * a PostgreSQL ledger (its code and driver loaded only then), anything else a SQLite file.
 */
export const openLedger = (location: string, options: LedgerLayerOptions = {}): Effect.Effect<LedgerService, LedgerError, Scope.Scope> => {
  const opening = { create: options.create ?? options.writer ?? true, ...(options.holder === undefined ? {} : { holder: options.holder }) }
  return isPostgresUrl(location)
    ? Effect.flatMap(Effect.promise(() => import("./postgres/postgres-ledger.js")), (pg) => pg.openPostgresLedger(location, opening))
    : openSqliteLedger(location, opening)
}

/**
 * The ledger for the lifetime of a program: opened and migrated; for a writer, registered and kept
 * alive by a heartbeat, and retired at the end; then recovered (runs of killed processes marked
 * crashed, stale components they left reconciled when no other process is writing).
 */
export const ledgerLayer = (location: string, options: LedgerLayerOptions = {}): Layer.Layer<Ledger, LedgerError> =>
  Layer.scoped(Ledger, Effect.gen(function* () {
    const ledger = yield* openLedger(location, options)
    if (options.writer ?? true) {
      yield* ledger.heartbeat(WRITER_LEASE_MS)
      yield* Effect.addFinalizer(() => ledger.retire.pipe(Effect.ignore))
      const every = Duration.millis(WRITER_LEASE_MS / 3)
      yield* Effect.forkScoped(ledger.heartbeat(WRITER_LEASE_MS).pipe(
        Effect.catchAll((e) => Effect.logWarning(`could not renew this process's lease: ${e.message}`)),
        Effect.repeat(Schedule.spaced(every)),
        Effect.delay(every),
      ))
    }
    const recovered = ledger.recover({ reconcile: options.reconcileOnOpen ?? true })
    // A reader still answers from a ledger it cannot write to (a read-only file): the figures it
    // shows may then be stale, and it says so.
    yield* (options.writer ?? true) ? recovered
      : recovered.pipe(Effect.catchAll((e) => Effect.logWarning(`could not bring stale figures up to date: ${e.message}`)))
    return ledger
  }))
