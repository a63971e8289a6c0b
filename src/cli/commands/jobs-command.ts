import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, formatOption, limitOption } from "../shared-options.js"

const configOption = Options.file("config").pipe(Options.withDescription("the jobs config (YAML): jobs, schedules, sources"))

const serveOptions = { config: configOption, db: dbOption }
/** What `reckon jobs serve` was given. */
export type JobsServeArgs = Command.Command.ParseConfig<typeof serveOptions>

const serveCommand = Command.make("serve", serveOptions, lazyHandler(() => import("./jobs-run.js").then((m) => m.runJobsServe))).pipe(
  Command.withDescription("run every job of the config on its schedule until SIGINT/SIGTERM"))

const runOptions = {
  name: Args.text({ name: "NAME" }).pipe(Args.withDescription("the job to run now")),
  config: configOption,
  db: dbOption,
  format: formatOption,
}
/** What `reckon jobs run` was given. */
export type JobsRunArgs = Command.Command.ParseConfig<typeof runOptions>

const runCommand = Command.make("run", runOptions, lazyHandler(() => import("./jobs-run.js").then((m) => m.runJobsRun))).pipe(
  Command.withDescription("run one job of the config now (once), with its retries and timeout"))

const statusOptions = {
  job: Options.text("job").pipe(Options.withDescription("only this job"), Options.optional),
  limit: limitOption("how many recent runs").pipe(Options.withDefault(20)),
  db: dbOption,
  format: formatOption,
}
/** What `reckon jobs status` was given. */
export type JobsStatusArgs = Command.Command.ParseConfig<typeof statusOptions>

const statusCommand = Command.make("status", statusOptions, lazyHandler(() => import("./jobs-run.js").then((m) => m.runJobsStatus))).pipe(
  Command.withDescription("recent job runs recorded in the ledger"))

export const jobsCommand = Command.make("jobs").pipe(
  Command.withDescription("scheduled ingestion: serve the jobs of a config, run one now, or show recent runs"),
  Command.withSubcommands([serveCommand, runCommand, statusCommand]),
)
