import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as os from "node:os"
import type { HttpFetcher } from "./http-fetcher.js"
import type { JobsConfig } from "./job-config.js"
import type { Ledger } from "../ledger/ledger.js"
import { describeSource, type RunEnv, runJob } from "./run-job.js"
import { runOnSchedule } from "./schedule.js"

/**
 * `reckon jobs serve`: every job on its own schedule, concurrently, until `env.shutdown`
 * completes; then the running jobs finish the batch in hand, record their runs, and this returns.
 * A job that fails is recorded and runs again at its next time; it never stops the others.
 */
export const serveJobs = (config: JobsConfig, env: RunEnv): Effect.Effect<void, never, Ledger | HttpFetcher> =>
  Effect.gen(function* () {
    yield* Effect.logInfo(`serving ${config.jobs.length} job(s) from ${config.file} as ${env.holder}`)
    yield* Effect.forEach(config.jobs, (job) =>
      Effect.logInfo(`scheduled ${job.schedule.kind === "cron" ? `cron "${job.schedule.expression}" (UTC)` : job.schedule.text}: ${describeSource(job)}`).pipe(
        Effect.zipRight(runOnSchedule(job.schedule, runJob(job, env), env.shutdown)),
        Effect.annotateLogs({ job: job.name }),
      ), { concurrency: "unbounded", discard: true })
    yield* Effect.logInfo("stopped")
  })

/** The exit code of a process ended by `signal`, as shells report it: 128 + its number (SIGINT 130, SIGTERM 143). */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (os.constants.signals[signal] ?? 0)

/**
 * Completes `shutdown` on the first SIGINT or SIGTERM (finish the batch in hand, then stop);
 * a second signal exits at once (130 / 143). The handlers are removed when the scope closes.
 * Returns which signal arrived, if any.
 */
export const stopOnSignals = (shutdown: Deferred.Deferred<void>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      let received: NodeJS.Signals | null = null
      const handler = (signal: NodeJS.Signals) => {
        if (received !== null) {
          process.stderr.write(`${new Date().toISOString()} WARN  ${signal} again: exiting now\n`)
          process.exit(signalExitCode(signal))
        }
        received = signal
        process.stderr.write(`${new Date().toISOString()} INFO  ${signal}: finishing the batch in hand, then exiting\n`)
        Effect.runSync(Deferred.succeed(shutdown, undefined))
      }
      process.on("SIGINT", handler)
      process.on("SIGTERM", handler)
      return { handler, received: () => received }
    }),
    ({ handler }) => Effect.sync(() => {
      process.off("SIGINT", handler)
      process.off("SIGTERM", handler)
    }),
  ).pipe(Effect.map(({ received }) => ({ received })))
