import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { LedgerError } from "./ledger-error.js"

/** How often a unit of work is tried again on a busy ledger, after the driver's own wait. */
export const BUSY_RETRIES = 6
/** The first pause between tries; each next one doubles (0.2 s, 0.4 s, … 6.4 s). */
export const BUSY_BACKOFF_MS = 200

/**
 * Retries a unit of work that failed because the ledger was busy, a bounded number of times with
 * exponential backoff, logging each retry (SPEC §5: several writers wait for each other). Every
 * ledger method is one transaction, so trying it again is safe. Errors that are not retryable,
 * and the last busy one, pass through.
 */
export const retryBusy = <A>(what: string, effect: Effect.Effect<A, LedgerError>): Effect.Effect<A, LedgerError> =>
  Effect.suspend(() => {
    let attempt = 0
    return effect.pipe(
    Effect.tapError((e) => {
      attempt++
      return e.retryable && attempt <= BUSY_RETRIES
        ? Effect.logWarning(`ledger busy during ${what} (${e.message}); retry ${attempt}/${BUSY_RETRIES}`)
        : Effect.void
    }),
    Effect.retry({
      schedule: Schedule.exponential(Duration.millis(BUSY_BACKOFF_MS)).pipe(Schedule.intersect(Schedule.recurs(BUSY_RETRIES))),
      while: (e) => e.retryable,
    }),
  )
  })
