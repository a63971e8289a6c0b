import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as fs from "node:fs"
import { Ledger, resolveLedgerPath } from "../ledger/ledger.js"
import { ledgerLayer } from "../ledger/ledger-layer.js"
import { vocabularyFrom, vocabularyOf } from "../domain/vocabulary.js"
import type { LedgerNames } from "./completions.js"

// Loaded only when a Tab press completes a name: completing a command or an option opens no ledger.

/** The `--db` written in the words being completed, else `$RECKON_DB`, else ./reckon.db. */
const dbOf = (words: readonly string[]): string => {
  let db: string | undefined
  words.forEach((w, i) => {
    if (w === "--db" && i + 1 < words.length - 1) db = words[i + 1]
    else if (w.startsWith("--db=")) db = w.slice(5)
  })
  return resolveLedgerPath(db)
}

/**
 * The names to complete from the ledger the words name: its events, metrics, sources, datasets
 * and `dim=value` scopes. A ledger that does not exist gives none (completion never creates one),
 * nor does one that cannot be read: a Tab press must not print errors.
 */
export const ledgerNames = async (words: readonly string[]): Promise<LedgerNames> => {
  const file = dbOf(words)
  // a missing file completes nothing (and is not created); a PostgreSQL URL is asked, never created either
  if (!/^postgres(ql)?:\/\//.test(file) && !fs.existsSync(file)) return {}
  const v = await Effect.runPromise(Effect.flatMap(Ledger, (l) => Effect.map(l.declaredNames(), (names) => vocabularyFrom(names))).pipe(
    Effect.provide(ledgerLayer(file, { writer: false, create: false, reconcileOnOpen: false })),
    Effect.orElseSucceed(() => vocabularyOf([])),
    // a Tab press prints candidates only, never a log line
    Logger.withMinimumLogLevel(LogLevel.None),
  ))
  return {
    "--event": v.events, "--metric": v.metrics, "--source": v.sources,
    "--scope": [...v.dimensions].flatMap(([d, values]) => values.map((value) => `${d}=${value}`)),
    "--dataset": v.datasets,
  }
}
