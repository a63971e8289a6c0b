import type { CommandSpec } from "./command-tree.js"
import { completeWords, completionOutput, completionScript, SHELLS } from "./completions.js"

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
  return completionOutput(completeWords(tree, words, wantsNames ? await (await import("./ledger-names.js")).ledgerNames(words) : {}))
}
