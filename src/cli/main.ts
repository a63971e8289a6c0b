#!/usr/bin/env node
import { Command } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Effect, Exit, Layer } from "effect"
import { jobsLoggerLayer } from "./log-lines.js"
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
import { sourcesCommand } from "./commands/sources-command.js"
import { reportCommand } from "./commands/report-command.js"
import { webCommand } from "./commands/web-command.js"
import { outputSettings } from "./output.js"
import { renderFailure } from "./render-error.js"

const reckon = Command.make("reckon").pipe(
  Command.withDescription("reconcile competing numeric claims: consensus ranges, best estimates, explained conflicts"),
  Command.withSubcommands([
    ingestCommand, figuresCommand, conflictsCommand, explainCommand, claimsCommand, sourcesCommand, auditCommand, adaptCommand, migrateCommand, jobsCommand,
    learnCommand, evalCommand, extractCommand,
    parseCommand, reconcileCommand, reportCommand, webCommand,
  ]),
)

// `reckon claims | head`: the reader leaving early is normal for a command-line tool, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode))
    throw e
  })
}

const cli = Command.run(reckon, { name: "reckon", version: "0.1.0" })

// `--csv-raw` applies to every command that prints CSV, before or after the subcommand (SPEC §8).
const end = process.argv.indexOf("--")
const argv = process.argv.filter((a, i) => !(a === "--csv-raw" && (end < 0 || i < end)))
outputSettings.csvRaw = argv.length < process.argv.length

// Logs (a busy ledger retried, a killed run recovered) go to stderr: stdout is for data.
const exit = await Effect.runPromiseExit(cli(argv).pipe(Effect.provide(Layer.merge(NodeContext.layer, jobsLoggerLayer))))
if (Exit.isFailure(exit)) {
  const { lines, exitCode } = renderFailure(exit.cause)
  for (const line of lines) process.stderr.write(`${line}\n`)
  process.exitCode = exitCode
}
