import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { INITIAL_SHARE, MAX_SHARE, nextShare, SHARE_STEP, sharedCount } from "../../src/ingest/prepared-batches.js"

const share = fc.double({ min: 0, max: MAX_SHARE, noNaN: true })
const wait = fc.double({ min: 0, max: 10_000, noNaN: true })
/** Per-record costs of one thread's work, in µs: reading, writing, preparing. */
const cost = fc.double({ min: 0.5, max: 100, noNaN: true })

describe("how the writing thread's share of preparing moves", () => {
  test.prop([share, wait, wait])("towards the thread that waited, never out of [0, MAX_SHARE]", (s, writer, reader) => {
    const next = nextShare(s, writer, reader)
    expect(next).toBeGreaterThanOrEqual(0)
    expect(next).toBeLessThanOrEqual(MAX_SHARE)
    if (writer > reader) expect(next).toBeCloseTo(Math.min(MAX_SHARE, s + SHARE_STEP), 12)
    else if (reader > writer) expect(next).toBeCloseTo(Math.max(0, s - SHARE_STEP), 12)
    else expect(next).toBe(s)
  })

  // Two threads in step: the reader reads every record and prepares its part, the writer prepares
  // the rest and writes every record; whichever is done first waits for the other.
  test.prop([cost, cost, cost])("settles where both threads are as busy, or at a bound when they cannot be", (read, write, prepare) => {
    let s = INITIAL_SHARE
    for (let batch = 0; batch < 200; batch++) {
      const reader = read + (1 - s) * prepare
      const writer = write + s * prepare
      s = nextShare(s, Math.max(0, reader - writer), Math.max(0, writer - reader))
    }
    const balanced = Math.min(MAX_SHARE, Math.max(0, (read + prepare - write) / (2 * prepare)))
    expect(Math.abs(s - balanced)).toBeLessThanOrEqual(SHARE_STEP + 1e-9)
  })

  test.prop([fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true })])("a whole number of the batch's records", (n, s) => {
    const c = sharedCount(n, s)
    expect(Number.isInteger(c)).toBe(true)
    expect(c).toBeGreaterThanOrEqual(0)
    expect(c).toBeLessThanOrEqual(n)
    expect(Math.abs(c - n * s)).toBeLessThanOrEqual(0.5)
  })
})
