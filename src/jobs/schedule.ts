import { CronExpressionParser } from "cron-parser"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { parseDuration } from "./parse-duration.js"

/** When a job runs: a cron expression (UTC), or every fixed interval. */
export type JobSchedule =
  | { readonly kind: "cron"; readonly expression: string }
  | { readonly kind: "every"; readonly millis: number; readonly text: string }

/**
 * Reads a schedule as written in a jobs config: `every <duration>` (`every 15m`, `every 30s`,
 * `every 2h`) or a 5- or 6-field cron expression, evaluated in UTC. Returns the reason when the
 * text is neither.
 * @example parseSchedule("every 15m") → { ok: true, schedule: { kind: "every", millis: 900000, text: "every 15m" } }
 */
export const parseSchedule = (text: string): { ok: true; schedule: JobSchedule } | { ok: false; reason: string } => {
  const t = text.trim()
  const every = /^every\s+(.+)$/i.exec(t)
  if (every) {
    const millis = parseDuration(every[1]!)
    if (millis === null || millis <= 0) {
      return { ok: false, reason: `"${t}": expected "every <duration>" with a duration like 30s, 15m, 2h` }
    }
    return { ok: true, schedule: { kind: "every", millis, text: t } }
  }
  const fields = t.split(/\s+/).length
  if (fields < 5 || fields > 6) {
    return { ok: false, reason: `"${t}": expected a cron expression (5 fields, UTC, e.g. "0 6 * * *") or "every <duration>"` }
  }
  try {
    CronExpressionParser.parse(t, { tz: "UTC", currentDate: 0 }).next()
    return { ok: true, schedule: { kind: "cron", expression: t } }
  } catch (e) {
    return { ok: false, reason: `"${t}": not a valid cron expression (${e instanceof Error ? e.message : String(e)})` }
  }
}

/**
 * When a job next runs, in epoch milliseconds, given when it last finished (or null before its
 * first run) and the time now. `every` jobs run at once when started, then the interval after each
 * run ends (so a slow run never piles up behind itself); cron jobs at the next matching UTC time
 * strictly after now.
 */
export const nextRunAt = (schedule: JobSchedule, lastFinished: number | null, now: number): number => {
  if (schedule.kind === "every") return lastFinished === null ? now : lastFinished + schedule.millis
  return CronExpressionParser.parse(schedule.expression, { tz: "UTC", currentDate: now }).next().getTime()
}

/**
 * Runs `run` on `schedule` until `shutdown` completes, waiting on the Effect Clock (so the
 * TestClock drives it in tests). A shutdown while waiting ends the loop at once; a shutdown
 * during a run lets the run finish (the run itself stops after the batch in hand).
 */
export const runOnSchedule = <E, R>(
  schedule: JobSchedule,
  run: Effect.Effect<void, E, R>,
  shutdown: Deferred.Deferred<void>,
): Effect.Effect<void, E, R> =>
  Effect.gen(function* () {
    let lastFinished: number | null = null
    for (;;) {
      const now = yield* Clock.currentTimeMillis
      const wait = Math.max(0, nextRunAt(schedule, lastFinished, now) - now)
      const woke = yield* Effect.raceFirst(
        Effect.sleep(wait).pipe(Effect.as("time" as const)),
        Deferred.await(shutdown).pipe(Effect.as("shutdown" as const)),
      )
      if (woke === "shutdown" || (yield* Deferred.isDone(shutdown))) return
      yield* run
      lastFinished = yield* Clock.currentTimeMillis
    }
  })
