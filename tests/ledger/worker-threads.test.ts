import * as os from "node:os"
import { afterEach, describe, expect, it } from "vitest"
import { workerThreads } from "../../src/ledger/worker-threads.js"

const saved = process.env["RECKON_WORKERS"]
afterEach(() => {
  if (saved === undefined) delete process.env["RECKON_WORKERS"]
  else process.env["RECKON_WORKERS"] = saved
})

describe("workerThreads", () => {
  it("takes RECKON_WORKERS as asked, at most 4", () => {
    for (const [asked, threads] of [["0", 0], ["1", 1], ["3", 3], ["16", 4]] as const) {
      process.env["RECKON_WORKERS"] = asked
      expect(workerThreads()).toBe(threads)
    }
  })

  it("unasked (or asked nonsense), uses one thread per core, at most 4, on a machine of more than one core", () => {
    for (const asked of [undefined, "", "two", "-1"]) {
      if (asked === undefined) delete process.env["RECKON_WORKERS"]
      else process.env["RECKON_WORKERS"] = asked
      const cores = os.availableParallelism()
      expect(workerThreads()).toBe(cores > 1 ? Math.min(cores, 4) : 0)
    }
  })
})
