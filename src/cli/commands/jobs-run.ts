import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { HttpFetcherLive } from "../../jobs/http-fetcher.js"
import { JobUnavailable } from "../../jobs/job-errors.js"
import { loadJobsConfig } from "../../jobs/parse-jobs-config.js"
import { runJob } from "../../jobs/run-job.js"
import { serveJobs, stopOnSignals } from "../../jobs/serve-jobs.js"
import { Ledger } from "../../ledger/ledger.js"
import type { JobRunRow } from "../../ledger/ledger-rows.js"
import { jobsLoggerLayer } from "../log-lines.js"
import { renderRecords } from "../output.js"
import { ledgerFor, printOut, setExitCode } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { JobsRunArgs, JobsServeArgs, JobsStatusArgs } from "./jobs-command.js"

const servicesFor = (db: Option.Option<string>) => Layer.mergeAll(ledgerFor(db), HttpFetcherLive, jobsLoggerLayer)

/** `reckon jobs serve`: every job of the config on its schedule until SIGINT/SIGTERM. */
export const runJobsServe = ({ config, db }: JobsServeArgs) =>
  Effect.gen(function* () {
    const jobs = yield* loadJobsConfig(config)
    yield* Effect.scoped(Effect.gen(function* () {
      const shutdown = yield* Deferred.make<void>()
      yield* stopOnSignals(shutdown)
      // One identity for this process's job leases, job runs and writer lease: a killed server's runs are told from a live one's.
      yield* serveJobs(jobs, { holder: (yield* Ledger).holder, leaseMs: jobs.leaseMs, shutdown })
    })).pipe(Effect.provide(servicesFor(db)))
  })

/** `reckon jobs run NAME`: one job now, with its retries and timeout; exit 1 when it did not succeed. */
export const runJobsRun = ({ name, config, db, format }: JobsRunArgs) =>
  Effect.gen(function* () {
    const jobs = yield* loadJobsConfig(config)
    const job = jobs.jobs.find((j) => j.name === name)
    if (!job) {
      return yield* Effect.fail(new UsageError({ message: `no job "${name}" in ${config} (jobs: ${jobs.jobs.map((j) => j.name).join(", ")})` }))
    }
    const result = yield* Effect.scoped(Effect.gen(function* () {
      const shutdown = yield* Deferred.make<void>()
      yield* stopOnSignals(shutdown)
      return yield* runJob(job, { holder: (yield* Ledger).holder, leaseMs: jobs.leaseMs, shutdown })
    })).pipe(Effect.provide(servicesFor(db)))
    if (result.kind === "skipped") {
      return yield* Effect.fail(new JobUnavailable({ message: `job "${name}" is running in another process now (${result.heldBy ?? "unknown"})` }))
    }
    yield* printOut(renderRecords([{
      run: result.runId, job: result.job, outcome: result.outcome, ...result.tally, attempts: result.attempts,
      error: result.error, detail: result.detail,
    }], format, [
      { header: "run", value: (r) => r.run },
      { header: "job", value: (r) => r.job },
      { header: "read", value: (r) => r.read },
      { header: "inserted", value: (r) => r.inserted },
      { header: "duplicates", value: (r) => r.duplicates },
      { header: "rejected", value: (r) => r.rejected },
      { header: "attempts", value: (r) => r.attempts },
      { header: "outcome", value: (r) => r.outcome },
      { header: "error", value: (r) => r.error },
      { header: "detail", value: (r) => r.detail },
    ]))
    if (result.outcome !== "ok" && result.outcome !== "interrupted") yield* setExitCode(1)
  })

/** `1.2s`, `340ms`, `3m05s`: how long a run took. */
const tookText = (ms: number | null): string => {
  if (ms === null) return ""
  if (ms < 1000) return `${ms}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`
}

const statusRecord = (r: JobRunRow) => {
  const took = r.finished === null ? null : Date.parse(r.finished) - Date.parse(r.started)
  return {
    run: r.id, job: r.job, started: r.started, finished: r.finished, took_ms: took, attempts: r.attempts,
    read: r.read, inserted: r.inserted, duplicates: r.duplicates, rejected: r.rejected,
    outcome: r.outcome, error: r.error, detail: r.detail, holder: r.holder,
  }
}

/** `reckon jobs status`: the recent job runs recorded in the ledger. */
export const runJobsStatus = ({ job, limit, db, format }: JobsStatusArgs) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const runs = (yield* ledger.recentJobRuns(limit, Option.getOrUndefined(job))).map(statusRecord)
    yield* printOut(renderRecords(runs, format, [
      { header: "run", value: (r) => r.run },
      { header: "job", value: (r) => r.job },
      { header: "started", value: (r) => r.started },
      { header: "took", value: (r) => (r.outcome === "running" ? "running" : tookText(r.took_ms)) },
      { header: "read", value: (r) => r.read },
      { header: "inserted", value: (r) => r.inserted },
      { header: "duplicates", value: (r) => r.duplicates },
      { header: "rejected", value: (r) => r.rejected },
      { header: "outcome", value: (r) => r.outcome },
      { header: "error", value: (r) => r.error },
      { header: "detail", value: (r) => r.detail },
    ]))
  }).pipe(Effect.provide(ledgerFor(db, { writer: false })))
