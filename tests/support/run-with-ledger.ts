import { Effect } from "effect"
import { Ledger, ledgerLayer, type LedgerHandle } from "../../src/ledger/ledger.js"

/** Runs an effect that needs the ledger against a real SQLite file, closing it afterwards. */
export const runWithLedger = <A, E>(file: string, effect: Effect.Effect<A, E, Ledger>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.provide(ledgerLayer(file))))

/** Runs a synchronous function on an open ledger (queries in tests). */
export const withLedger = <A>(file: string, f: (h: LedgerHandle) => A): Promise<A> =>
  runWithLedger(file, Effect.map(Ledger, f))
