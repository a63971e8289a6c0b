import { Deferred, Effect } from "effect"
import * as crypto from "node:crypto"
import * as os from "node:os"
import type { HttpFetcher } from "./http-fetcher.js"
import type { JobsConfig } from "./job-config.js"
import type { Ledger } from "../ledger/ledger.js"
import { describeSource, type RunEnv, runJob } from "./run-job.js"
import { runOnSchedule } from "./schedule.js"

/** This process's name in leases and job runs: host, pid and a random tag (pids are reused). */
export const makeHolderId = (): string => `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`

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

/**
 * Completes `shutdown` on the first SIGINT or SIGTERM (finish the batch in hand, then exit 0);
 * a second signal exits at once with 130. The handlers are removed when the scope closes.
 */
export const stopOnSignals = (shutdown: Deferred.Deferred<void>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      let signalled = false
      const handler = (signal: NodeJS.Signals) => {
        if (signalled) {
          process.stderr.write(`${new Date().toISOString()} WARN  ${signal} again: exiting now\n`)
          process.exit(130)
        }
        signalled = true
        process.stderr.write(`${new Date().toISOString()} INFO  ${signal}: finishing the batch in hand, then exiting\n`)
        Effect.runSync(Deferred.succeed(shutdown, undefined))
      }
      process.on("SIGINT", handler)
      process.on("SIGTERM", handler)
      return handler
    }),
    (handler) => Effect.sync(() => {
      process.off("SIGINT", handler)
      process.off("SIGTERM", handler)
    }),
  )
