import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"
import { closestNames, didYouMean } from "../query/closest-names.js"
import type { CommandSpec } from "./command-tree.js"
import { inert } from "./output.js"

/** What the user sees of a failure (one line per problem, never a stack trace) and the exit code. */
export interface RenderedFailure {
  readonly lines: readonly string[]
  readonly exitCode: number
}

type Tagged = { readonly _tag: string } & Record<string, unknown>

/**
 * Turns a failed command into lines for stderr and an exit code (SPEC §6): 2 for usage errors
 * and unreadable input, 1 when the work found a problem, and a one-line internal error for a
 * defect (the stack only with RECKON_DEBUG=1). Every line is `inert`: names and messages come
 * from the data (a file name, an id with a newline in it) and must not forge lines of their own.
 */
export const renderFailure = (cause: Cause.Cause<unknown>): RenderedFailure => {
  const rendered = renderRaw(cause)
  return { lines: rendered.lines.map((l, i) => (i > 0 && rendered.stack ? l : inert(l))), exitCode: rendered.exitCode }
}

const renderRaw = (cause: Cause.Cause<unknown>): RenderedFailure & { readonly stack?: boolean } => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const e = failure.value
    // @effect/cli has already printed its own help text for these.
    if (ValidationError.isValidationError(e)) return { lines: [], exitCode: 2 }
    const t = e as Tagged
    switch (t._tag) {
      case "InputError":
        return { lines: [`reckon: ${t["file"]}: ${t["message"]}`], exitCode: 2 }
      case "CatalogError":
        return { lines: (t["problems"] as string[]).map((p) => `${t["file"]}: ${p}`), exitCode: 2 }
      case "LedgerError":
        return { lines: [`reckon: ledger ${t["path"]}: ${t["message"]}`], exitCode: 2 }
      case "UsageError":
        return { lines: [`reckon: ${t["message"]}`], exitCode: 2 }
      case "ConfigError":
        return { lines: (t["problems"] as string[]).map((p) => `${t["file"]}: ${p}`), exitCode: 2 }
      default:
        return { lines: [`reckon: ${typeof t["message"] === "string" ? t["message"] : String(e)}`], exitCode: 1 }
    }
  }
  if (Cause.isInterruptedOnly(cause)) return { lines: [], exitCode: 130 }
  const defect = Cause.squash(cause)
  const message = defect instanceof Error ? defect.message : String(defect)
  const lines = [`reckon: internal error: ${message}${process.env["RECKON_DEBUG"] ? "" : " (RECKON_DEBUG=1 shows the stack)"}`]
  if (process.env["RECKON_DEBUG"] && defect instanceof Error && defect.stack) return { lines: [...lines, defect.stack], exitCode: 1, stack: true }
  return { lines, exitCode: 1 }
}

const ANSI = /\x1b\[[0-9;]*m/g

const commandWords = (path: readonly CommandSpec[]): string => path.map((c) => c.name).join(" ")

/** `reckon: unknown command figurs (did you mean figures?)` for a word that names no subcommand. */
export const unknownCommandLine = (path: readonly CommandSpec[], word: string): string => {
  const names = path[path.length - 1]!.subcommands.map((c) => c.name)
  return `${commandWords(path)}: unknown command ${inert(JSON.stringify(word))}${didYouMean(closestNames(word, names))}; ` +
    `${commandWords(path)} --help lists them`
}

/**
 * What @effect/cli said about a command line it could not parse, as plain lines of ours (no
 * styling, no blank lines), naming the command and where its help is; an unknown subcommand
 * gets the closest names instead.
 */
export const renderUsageText = (
  text: string, at: { readonly path: readonly CommandSpec[]; readonly unknown: string | null },
): string[] => {
  if (at.unknown !== null) return [unknownCommandLine(at.path, at.unknown)]
  const command = at.path[at.path.length - 1]!
  const lines = text.replace(ANSI, "").split("\n").map((l) => l.trim()).filter((l) => l !== "").map((l) => {
    const unknown = /^Received unknown argument: '(-[^'=]*)/.exec(l)?.[1]
    return unknown === undefined ? l : `${l}${didYouMean(closestNames(unknown, command.options.map((o) => o.name)))}`
  })
  const where = commandWords(at.path)
  return [...lines.map((l) => inert(`${where}: ${l}`)), `(${where} --help shows the options)`]
}
