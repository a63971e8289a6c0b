import { describe, expect, it } from "vitest"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"

describe("reckon parse (child process)", () => {
  it("shows how a phrase reads: interval, best, certainty and bounds", () => {
    const r = runCli(["parse", "likely exceeded 5,000", "--format", "json"])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([{
      phrase: "likely exceeded 5,000", kind: "count", ok: true, lo: 5001, hi: null, best: null, certainty: "estimated",
      lo_strict: false, hi_strict: false, reason: null, word: null,
    }])
    const table = runCli(["parse", "2,975 (95% CI 2,658-3,290)"])
    expect(table.code).toBe(0)
    for (const s of ["[2658, 3290]", "2975", "asserted", "lower 2658 included; upper 3290 included"]) expect(table.stdout).toContain(s)
  })

  it("keeps the strictness of a real metric's bounds", () => {
    const r = runCli(["parse", "more than 5.5", "--kind", "real", "--format", "csv"])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('phrase,kind,reading,best,certainty,bounds,reason\nmore than 5.5,real,"(5.5, ∞)",,asserted,lower 5.5 excluded; no upper bound,\n')
  })

  it("accepts the metric's unit as the trailing noun only when told it", () => {
    expect(runCli(["parse", "12 helicopters"]).code).toBe(1)
    expect(runCli(["parse", "12 helicopters", "--unit", "helicopters"]).code).toBe(0)
  })

  it("says why a phrase is rejected, naming the word, and exits 1", () => {
    const r = runCli(["parse", "1_000", "--format", "json"])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ ok: false, reason: 'cannot read value "1_000": "1_000" is not understood', word: "1_000" })
    const big = runCli(["parse", "99999999999999999999"])
    expect(big.code).toBe(1)
    expect(big.stdout).toContain("99999999999999999999")
    expect(looksLikeStackTrace(big.stdout + big.stderr)).toBe(false)
  })

  it("an unknown kind is a usage error", () => {
    const r = runCli(["parse", "41", "--kind", "integer"])
    expect(r.code).toBe(2)
    expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })
})
