import { Effect, Logger, LogLevel } from "effect"
import * as fs from "node:fs"
import { Ledger, resolveLedgerPath } from "../ledger/ledger.js"
import { ledgerLayer } from "../ledger/ledger-layer.js"
import { vocabularyOf } from "../query/vocabulary.js"
import type { CommandSpec } from "./command-tree.js"
import { completeWords, completionOutput, completionScript, type LedgerNames, SHELLS } from "./completions.js"

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
 * The names to complete from the ledger: its events, metrics, sources, datasets and `dim=value`
 * scopes. A ledger that does not exist gives none (completion never creates one), nor does one
 * that cannot be read: a Tab press must not print errors.
 */
const ledgerNames = async (file: string): Promise<LedgerNames> => {
  if (!fs.existsSync(file)) return {}
  const catalogs = await Effect.runPromise(Effect.flatMap(Ledger, (l) => l.catalogs).pipe(
    Effect.provide(ledgerLayer(file, { writer: false, create: false, reconcileOnOpen: false })),
    Effect.orElseSucceed(() => []),
    // a Tab press prints candidates only, never a log line
    Logger.withMinimumLogLevel(LogLevel.None),
  ))
  const v = vocabularyOf(catalogs)
  return {
    "--event": v.events, "--metric": v.metrics, "--source": v.sources,
    "--scope": [...v.dimensions].flatMap(([d, values]) => values.map((value) => `${d}=${value}`)),
    "--dataset": v.datasets,
  }
}

/**
 * `reckon --completions SHELL` (the script) or `reckon __complete WORDS…` (what the script asks:
 * the words typed so far, the last one under the cursor).
 */
export const runCompletion = async (tree: CommandSpec, words: readonly string[], shell?: string): Promise<string> => {
  if (shell !== undefined) {
    const known = SHELLS.find((s) => s === shell)
    if (known === undefined) {
      process.exitCode = 2
      process.stderr.write(`reckon: --completions ${shell}: expected one of ${SHELLS.join(", ")}\n`)
      return ""
    }
    return completionScript(known)
  }
  const wantsNames = words.length >= 2 && ["--event", "--metric", "--source", "--scope", "--dataset"].some((o) => words[words.length - 2] === o || words[words.length - 1]!.startsWith(`${o}=`))
  return completionOutput(completeWords(tree, words, wantsNames ? await ledgerNames(dbOf(words)) : {}))
}
