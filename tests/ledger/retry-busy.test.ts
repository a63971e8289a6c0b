import { Effect, Fiber, Logger, TestClock, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { LedgerError } from "../../src/ledger/ledger-error.js"
import { BUSY_RETRIES, retryBusy } from "../../src/ledger/retry-busy.js"

const busy = new LedgerError({ path: "l.db", message: "database is locked", retryable: true })
const broken = new LedgerError({ path: "l.db", message: "no such table", retryable: false })

/** Runs `effect` with a test clock moved far ahead, collecting what it logs. */
const runTimed = <A>(effect: Effect.Effect<A, LedgerError>) => {
  const logs: string[] = []
  const logger = Logger.make(({ message }) => void logs.push(String(Array.isArray(message) ? message.join(" ") : message)))
  const program = Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(effect))
    yield* TestClock.adjust("10 minutes")
    return yield* Fiber.join(fiber)
  })
  return Effect.runPromise(program.pipe(Effect.provide(TestContext.TestContext), Effect.provide(Logger.replace(Logger.defaultLogger, logger))))
    .then((result) => ({ result, logs }))
}

/** A unit of work that fails with `errors` in turn, then succeeds; counts its tries. */
const flaky = (errors: readonly LedgerError[]) => {
  let tries = 0
  const effect = Effect.suspend(() => {
    const e = errors[tries++]
    return e === undefined ? Effect.succeed("stored") : Effect.fail(e)
  })
  return { effect, tries: () => tries }
}

describe("retryBusy", () => {
  it("tries a busy unit of work again, logging every retry, until it succeeds", async () => {
    const work = flaky([busy, busy, busy])
    const { result, logs } = await runTimed(retryBusy("storing claims", work.effect))
    expect(result).toMatchObject({ _tag: "Right", right: "stored" })
    expect(work.tries()).toBe(4)
    expect(logs).toEqual([1, 2, 3].map((n) => `ledger busy during storing claims (database is locked); retry ${n}/${BUSY_RETRIES}`))
  })

  it("gives up after a bounded number of retries with the busy error", async () => {
    const work = flaky(Array.from({ length: 100 }, () => busy))
    const { result, logs } = await runTimed(retryBusy("storing claims", work.effect))
    expect(result).toMatchObject({ _tag: "Left", left: { retryable: true } })
    expect(work.tries()).toBe(BUSY_RETRIES + 1)
    expect(logs).toHaveLength(BUSY_RETRIES)
  })

  it("never retries an error that is not busy", async () => {
    const work = flaky([broken])
    const { result, logs } = await runTimed(retryBusy("storing claims", work.effect))
    expect(result).toMatchObject({ _tag: "Left", left: { message: "no such table" } })
    expect(work.tries()).toBe(1)
    expect(logs).toEqual([])
  })
})
