import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Runtime from "effect/Runtime"
import * as Schedule from "effect/Schedule"
import { buildCatalogIndex } from "../ingest/catalog-index.js"
import { registerDatasetFolder } from "../ingest/ingest-paths.js"
import { Ledger, type LedgerService } from "../ledger/ledger.js"
import { fileSource } from "./file-source.js"
import { folderSource } from "./folder-source.js"
import type { HttpFetcher } from "./http-fetcher.js"
import type { JobConfig } from "./job-config.js"
import { isTransient, type JobError, RunStopped, SourceError } from "./job-errors.js"
import { formatDuration } from "./parse-duration.js"
import type { RunContext, Tally } from "./run-context.js"
import { urlSource } from "./url-source.js"

/** What the scheduler and `jobs run` need beyond the job itself. */
export interface RunEnv {
  /** This process's identity in leases and job runs (host:pid:random). */
  readonly holder: string
  readonly leaseMs: number
  /** Completed on SIGINT/SIGTERM: running jobs stop after the batch in hand. */
  readonly shutdown: Deferred.Deferred<void>
}

/** How a job run ended (the job_runs row, as returned to the caller). */
export type RunResult =
  | { readonly kind: "skipped"; readonly job: string; readonly heldBy: string | null }
  | {
    readonly kind: "ran"
    readonly job: string
    readonly runId: number
    readonly outcome: "ok" | "rejected" | "failed" | "interrupted" | "timed-out"
    readonly error: string | null
    readonly attempts: number
    readonly tally: Tally
    readonly detail: string
    readonly components: number
  }

const messageOf = (e: unknown): string =>
  typeof e === "object" && e !== null && "message" in e && typeof (e as { message: unknown }).message === "string"
    ? (e as { message: string }).message
    : String(e)

/** The source function of a job's `from:`. */
const sourceOf = (ctx: RunContext): Effect.Effect<void, JobError | RunStopped, HttpFetcher> =>
  ctx.job.source.kind === "dir" ? folderSource(ctx) : ctx.job.source.kind === "file" ? fileSource(ctx) : urlSource(ctx)

/**
 * Loads the job's catalog (its dataset folder, re-read every run since it may change: a changed
 * one leaves its components stale in the ledger) and indexes every catalog.
 */
const prepareCatalogs = (ledger: LedgerService, job: JobConfig) =>
  Effect.gen(function* () {
    let dataset: string | null = null
    if (job.dataset !== null) {
      const d = yield* registerDatasetFolder(job.dataset).pipe(
        Effect.provideService(Ledger, ledger),
        Effect.catchTags({
          CatalogError: (e) => Effect.fail(new SourceError({ job: job.name, message: `${e.file}: ${e.problems.join("; ")}` })),
          InputError: (e) => Effect.fail(new SourceError({ job: job.name, message: `${e.file}: ${e.message}` })),
        }),
      )
      dataset = d.name
    }
    const catalogs = yield* ledger.catalogs
    if (catalogs.length === 0) {
      return yield* Effect.fail(new SourceError({ job: job.name, message: "the ledger has no catalog yet: give the job a dataset: folder" }))
    }
    return { dataset, index: buildCatalogIndex(catalogs) }
  })

/**
 * Runs one job once: takes its lease (or skips, when another process runs it), closes runs a
 * killed process left open, records a job run, reads what is new from its source with retries
 * (exponential backoff, transient failures only), a timeout, and a stop on shutdown that lets the
 * batch in hand finish; then reconciles what it made stale (only the components it touched), and records how it
 * ended. Never fails: a failing job is recorded and logged, and the other jobs go on.
 */
export const runJob = (job: JobConfig, env: RunEnv): Effect.Effect<RunResult, never, Ledger | HttpFetcher> =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const clock = yield* Effect.clock
    const nowMs = () => clock.unsafeCurrentTimeMillis()
    const now = () => new Date(nowMs()).toISOString()
    if (!(yield* ledger.acquireLease(job.name, env.holder, env.leaseMs, nowMs()))) {
      const heldBy = yield* ledger.leaseHolder(job.name, nowMs())
      yield* Effect.logInfo(`skipped: another process runs this job now (${heldBy ?? "lease just released"})`)
      return { kind: "skipped", job: job.name, heldBy } as const
    }
    return yield* Effect.ensuring(runHeld(job, env, ledger, nowMs, now), ledger.releaseLease(job.name, env.holder).pipe(Effect.ignore))
  }).pipe(
    Effect.catchAllCause((cause) => Effect.gen(function* () {
      // Only a bug gets here (runHeld records every failure it expects): log it, keep the others running.
      yield* Effect.logError(`internal error: ${Cause.pretty(cause).split("\n")[0]}`)
      return { kind: "ran", job: job.name, runId: 0, outcome: "failed", error: Cause.pretty(cause).split("\n")[0] ?? "internal error",
        attempts: 0, tally: { read: 0, inserted: 0, duplicates: 0, rejected: 0 }, detail: "", components: 0 } as const
    })),
    Effect.annotateLogs({ job: job.name }),
  )

const runHeld = (job: JobConfig, env: RunEnv, ledger: LedgerService, nowMs: () => number, now: () => string) =>
  Effect.gen(function* () {
    const crashed = yield* ledger.closeCrashedJobRuns(job.name, now())
    const runId = yield* ledger.startJobRun(job.name, env.holder, now())
    const controller = new AbortController()
    const runtime = yield* Effect.runtime<never>()
    const ctx: RunContext = {
      ledger, job, holder: env.holder, runId, index: buildCatalogIndex([]), dataset: null, signal: controller.signal,
      tally: { read: 0, inserted: 0, duplicates: 0, rejected: 0 }, details: [], attempts: 0,
      leaseMs: env.leaseMs, nowMs, now,
      // Callbacks of a running ingest log through the logger this effect runs with (the CLI's: stderr).
      log: (message) => Runtime.runSync(runtime)(Effect.logInfo(message).pipe(Effect.annotateLogs({ job: job.name, run: runId }))),
    }
    return yield* Effect.gen(function* () {
      yield* Effect.logInfo(`started (${describeSource(job)})${crashed > 0 ? `; closed ${crashed} run(s) a killed process left running` : ""}`)
      // Keep the lease while running; losing it (this process stalled past the lease) stops the run.
      const heartbeat = yield* Effect.suspend(() => ledger.renewLease(job.name, env.holder, env.leaseMs, nowMs())).pipe(
        Effect.catchAll(() => Effect.succeed(true)),
        Effect.flatMap((held) => held ? Effect.void : Effect.fail(new RunStopped({ reason: "lease-lost", message: "the job's lease was taken over" }))),
        Effect.repeat(Schedule.spaced(Duration.millis(Math.max(50, Math.floor(env.leaseMs / 3))))),
        Effect.delay(Duration.millis(Math.max(50, Math.floor(env.leaseMs / 3)))),
        Effect.tapError((e) => Effect.sync(() => controller.abort(e))),
        Effect.forkScoped,
      )
      const attempt = Effect.gen(function* () {
        ctx.attempts++
        const prepared = yield* prepareCatalogs(ledger, job)
        ctx.index = prepared.index
        ctx.dataset = prepared.dataset
        yield* sourceOf(ctx)
      }).pipe(
        Effect.tapError((e) => e._tag === "RunStopped" ? Effect.void
          : Effect.logWarning(`attempt ${ctx.attempts} failed: ${e.message}${isTransient(e) && ctx.attempts <= job.retry.times ? " (transient: retrying)" : ""}`)),
      )
      const retried = attempt.pipe(Effect.retry({
        schedule: Schedule.exponential(Duration.millis(job.retry.backoffMs)).pipe(Schedule.intersect(Schedule.recurs(job.retry.times))),
        while: (e) => e._tag !== "RunStopped" && isTransient(e) && !controller.signal.aborted,
      }))
      // Remembered apart from the race: an aborted fetch may fail before the stopper's failure lands.
      let stopped: RunStopped | null = null
      const stop = (reason: RunStopped["reason"], message: string) =>
        Effect.sync(() => {
          stopped ??= new RunStopped({ reason, message })
          controller.abort()
        }).pipe(Effect.zipRight(Effect.fail(new RunStopped({ reason, message }))))
      const stopper = Effect.raceFirst(
        Deferred.await(env.shutdown).pipe(Effect.zipRight(stop("interrupted", "stopped by a signal after the batch in hand"))),
        job.timeoutMs === null ? Effect.never
          : Effect.sleep(Duration.millis(job.timeoutMs)).pipe(Effect.zipRight(stop("timed-out", `timed out after ${formatDuration(job.timeoutMs)}`))),
      )
      const leaseLost = Effect.async<never, RunStopped>((resume) => {
        const onAbort = () => {
          const reason = controller.signal.reason
          if (reason instanceof RunStopped) resume(Effect.fail(reason))
        }
        controller.signal.addEventListener("abort", onAbort)
        return Effect.sync(() => controller.signal.removeEventListener("abort", onAbort))
      })
      const exit = yield* Effect.exit(Effect.raceFirst(retried, Effect.raceFirst(stopper, leaseLost)))
      yield* Fiber.interrupt(heartbeat)
      // The claims committed are there whatever happened: reconcile what they (and a changed catalog) made stale.
      const reconciled = yield* ledger.reconcileStale().pipe(
        Effect.catchAll((e) => Effect.logError(`reconciliation failed: ${messageOf(e)}`).pipe(Effect.as({ components: 0, figures: 0 }))),
      )
      const failure = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : null
      const defect = Exit.isFailure(exit) && failure !== null && failure._tag === "None" ? Cause.pretty(exit.cause).split("\n")[0]! : null
      const signalled = controller.signal.reason instanceof RunStopped ? controller.signal.reason : null
      const error = stopped ?? signalled ?? (failure !== null && failure._tag === "Some" ? failure.value : null)
      const outcome: Extract<RunResult, { kind: "ran" }>["outcome"] = Exit.isSuccess(exit) && error === null
        ? (ctx.tally.rejected > 0 ? "rejected" : "ok")
        : error?._tag === "RunStopped" ? (error.reason === "lease-lost" ? "failed" : error.reason)
        : "failed"
      const errorText = error !== null ? error.message : defect
      const detail = ctx.details.join("; ")
      yield* ledger.finishJobRun(runId, ctx.tally, ctx.attempts, outcome, errorText, detail || null, now()).pipe(
        Effect.catchAll((e) => Effect.logError(`could not record the run's end: ${e.message}`)))
      const t = ctx.tally
      yield* (outcome === "failed" ? Effect.logError : Effect.logInfo)(
        `finished ${outcome}${errorText ? ` (${errorText})` : ""}: read ${t.read} = inserted ${t.inserted} + duplicates ${t.duplicates} + rejected ${t.rejected}; ` +
        `${ctx.attempts} attempt(s); reconciled ${reconciled.components} component(s), ${reconciled.figures} figure(s)${detail ? `; ${detail}` : ""}`,
      )
      return { kind: "ran", job: job.name, runId, outcome, error: errorText, attempts: ctx.attempts, tally: { ...t }, detail, components: reconciled.components } as const
    }).pipe(Effect.scoped, Effect.annotateLogs({ run: runId }))
  })

/** `dir ./inbox`, `file ./feed.ndjson`, `url http://…`, for logs. */
export const describeSource = (job: JobConfig): string =>
  job.source.kind === "url" ? `url ${job.source.url}` : `${job.source.kind} ${job.source.path}`
