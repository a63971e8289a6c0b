// Start-up (issue 17): what this module imports statically is evaluated by every command, so it is
// only the command definitions (options, descriptions); each handler is initialized when its
// command runs (lazy-handler.ts). The launcher (launcher.ts) runs the bundle of this module from
// V8's code cache. Here and in the modules it imports, effect and @effect/cli are
// imported by module path ("effect/Effect", "@effect/cli/Options"), not from the package index: the
// bundler cannot drop what an index namespace holds, and "@effect/cli"'s would bring yaml and toml.
import * as Command from "@effect/cli/Command"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { jobsLoggerLayer } from "./log-lines.js"
import { addCommand } from "./commands/add-command.js"
import { adaptCommand } from "./commands/adapt-command.js"
import { auditCommand } from "./commands/audit-command.js"
import { claimsCommand } from "./commands/claims-command.js"
import { conflictsCommand } from "./commands/conflicts-command.js"
import { evalCommand } from "./commands/eval-command.js"
import { explainCommand } from "./commands/explain-command.js"
import { extractCommand } from "./commands/extract-command.js"
import { figuresCommand } from "./commands/figures-command.js"
import { ingestCommand } from "./commands/ingest-command.js"
import { jobsCommand } from "./commands/jobs-command.js"
import { learnCommand } from "./commands/learn-command.js"
import { migrateCommand } from "./commands/migrate-command.js"
import { parseCommand } from "./commands/parse-command.js"
import { reconcileCommand } from "./commands/reconcile-command.js"
import { schemaCommand } from "./commands/schema-command.js"
import { sourcesCommand } from "./commands/sources-command.js"
import { reportCommand } from "./commands/report-command.js"
import { webCommand } from "./commands/web-command.js"
import { commandTree } from "./command-tree.js"
import { runCompletion } from "./complete-command.js"
import { type LogLevelName, splitGlobalArgs } from "./global-args.js"
import { colorEnabled, renderHelp } from "./help.js"
import { outputSettings } from "./output.js"
import { renderFailure, renderUsageText, unknownCommandLine } from "./render-error.js"

const reckon = Command.make("reckon").pipe(
  Command.withDescription("reconcile competing numeric claims: consensus ranges, best estimates, explained conflicts"),
  Command.withSubcommands([
    ingestCommand, addCommand, figuresCommand, conflictsCommand, explainCommand, claimsCommand, sourcesCommand, auditCommand, adaptCommand, migrateCommand, jobsCommand,
    learnCommand, evalCommand, extractCommand, parseCommand, reconcileCommand, schemaCommand, reportCommand, webCommand,
  ]),
)

// `reckon claims | head`: the reader leaving early is normal for a command-line tool, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode))
    throw e
  })
}

const LEVELS: Readonly<Record<LogLevelName, LogLevel.LogLevel>> = {
  all: LogLevel.All, trace: LogLevel.Trace, debug: LogLevel.Debug, info: LogLevel.Info,
  warning: LogLevel.Warning, error: LogLevel.Error, fatal: LogLevel.Fatal, none: LogLevel.None,
}

const tree = commandTree(reckon)
const split = splitGlobalArgs(tree, process.argv.slice(2))
const fail = (lines: readonly string[], code: number): void => {
  for (const l of lines) process.stderr.write(`${l}\n`)
  process.exitCode = code
}

const main = async (): Promise<void> => {
  if (!split.ok) return fail([`reckon: ${split.message}`], 2)
  const { args, settings } = split
  Object.assign(outputSettings, {
    csvRaw: settings.csvRaw, quiet: settings.quiet, wide: settings.wide, color: colorEnabled(process.stdout.isTTY, process.env, settings.noColor),
  })
  const end = args.indexOf("--")
  const options = end < 0 ? args : args.slice(0, end)
  const width = process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80
  if (args[0] === "__complete") return void process.stdout.write(await runCompletion(tree, args.slice(1)))
  if (options.includes("--completions")) {
    const shell = options[options.indexOf("--completions") + 1]
    return void process.stdout.write(await runCompletion(tree, [], shell ?? ""))
  }
  if (args.length === 0 || options.includes("--help") || options.includes("-h")) {
    const { path, unknown } = helpPath(options)
    if (unknown !== null) return fail([unknownCommandLine(path, unknown)], 2)
    return void process.stdout.write(renderHelp(path, width, outputSettings.color))
  }
  // @effect/cli prints its own parse errors through the Console: keep them, to print as one line of ours.
  const printed: string[] = []
  const run = Effect.gen(function* () {
    const base = yield* Console.consoleWith(Effect.succeed)
    const capture: Console.Console = { ...base, error: (...parts: readonly unknown[]) => Effect.sync(() => void printed.push(parts.map(String).join(" "))) }
    return yield* Command.run(reckon, { name: "reckon", version: "0.1.0" })(["node", "reckon", ...args]).pipe(Console.withConsole(capture))
  }).pipe(
    settings.logLevel === null ? (e) => e : Logger.withMinimumLogLevel(LEVELS[settings.logLevel]),
    // Logs (a busy ledger retried, a killed run recovered) go to stderr: stdout is for data.
    // What @effect/cli needs, not all of NodeContext: its command executor and worker manager
    // would load child_process, net and worker_threads into every command's start-up.
    Effect.provide(Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer, jobsLoggerLayer)),
  )
  const exit = await Effect.runPromiseExit(run)
  if (Exit.isFailure(exit)) {
    const { lines, exitCode } = renderFailure(exit.cause)
    const usage = printed.length > 0 ? renderUsageText(printed.join("\n"), helpPath(options)) : []
    fail([...usage, ...lines], exitCode)
  }
}

/** The command whose help is asked for: the leading subcommand names, and the first word that is none. */
const helpPath = (options: readonly string[]) => {
  const path = [tree]
  for (const w of options) {
    if (w.startsWith("-")) break
    const next = path[path.length - 1]!.subcommands.find((c) => c.name === w)
    if (!next) return { path, unknown: path[path.length - 1]!.subcommands.length > 0 ? w : null }
    path.push(next)
  }
  return { path, unknown: null }
}

void main()
