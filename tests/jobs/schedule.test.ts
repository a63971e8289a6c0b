import { Deferred, Effect, Fiber, Ref, TestClock, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { nextRunAt, parseSchedule, runOnSchedule, type JobSchedule } from "../../src/jobs/schedule.js"

const at = (iso: string) => Date.parse(iso)
const schedule = (text: string): JobSchedule => {
  const p = parseSchedule(text)
  if (!p.ok) throw new Error(p.reason)
  return p.schedule
}

describe("nextRunAt", () => {
  it("runs an `every` job at once, then the interval after each run ends", () => {
    const s = schedule("every 15m")
    expect(nextRunAt(s, null, 1000)).toBe(1000)
    expect(nextRunAt(s, 5000, 6000)).toBe(5000 + 900_000)
  })
  it("reads cron in UTC, strictly after now", () => {
    const s = schedule("0 6 * * *")
    expect(nextRunAt(s, null, at("2025-06-01T05:59:00Z"))).toBe(at("2025-06-01T06:00:00Z"))
    expect(nextRunAt(s, null, at("2025-06-01T06:00:00Z"))).toBe(at("2025-06-02T06:00:00Z"))
    expect(nextRunAt(schedule("*/10 * * * *"), null, at("2025-06-01T06:01:30Z"))).toBe(at("2025-06-01T06:10:00Z"))
  })
})

/** Counts the runs of a schedule driven by the TestClock; `steps` adjust the clock and record the count after each. */
const countRuns = (s: JobSchedule, start: number, steps: readonly string[]) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(start)
    const runs = yield* Ref.make(0)
    const shutdown = yield* Deferred.make<void>()
    const fiber = yield* Effect.fork(runOnSchedule(s, Ref.update(runs, (n) => n + 1), shutdown))
    const seen: number[] = []
    for (const step of steps) {
      yield* TestClock.adjust(step)
      seen.push(yield* Ref.get(runs))
    }
    yield* Deferred.succeed(shutdown, undefined)
    yield* Fiber.join(fiber)
    return seen
  }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise)

describe("runOnSchedule (TestClock)", () => {
  it("every 15m: once at start, then every 15 minutes", async () => {
    expect(await countRuns(schedule("every 15m"), 0, ["0 millis", "14 minutes", "1 minute", "15 minutes", "30 minutes"]))
      .toEqual([1, 1, 2, 3, 5])
  })
  it("cron 0 6 * * *: at 06:00 UTC each day, not before", async () => {
    expect(await countRuns(schedule("0 6 * * *"), at("2025-06-01T05:59:00Z"), ["59 seconds", "1 second", "23 hours", "1 hour", "3 days"]))
      .toEqual([0, 1, 1, 2, 5])
  })
  it("a shutdown while waiting ends the loop without another run", async () => {
    const result = await Effect.gen(function* () {
      const runs = yield* Ref.make(0)
      const shutdown = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(runOnSchedule(schedule("every 1h"), Ref.update(runs, (n) => n + 1), shutdown))
      yield* TestClock.adjust("30 minutes")
      yield* Deferred.succeed(shutdown, undefined)
      yield* Fiber.join(fiber)
      yield* TestClock.adjust("5 hours")
      return yield* Ref.get(runs)
    }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise)
    expect(result).toBe(1)
  })
})
