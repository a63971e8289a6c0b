import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { mergeCopyVoices } from "../../src/domain/copy-voices.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { buildVoices } from "../../src/domain/voices.js"
import { catalogOf, claim, metric, source } from "./fixtures.js"

const weights: Record<string, number> = { allegiantair: 1.2, flightview: 1.5, foxbusiness: 1.1, aa: 2 }
const voicesOf = (values: Record<string, number>) =>
  buildVoices("c", Object.entries(values).map(([s, v]) => claim({ id: `${s}-${v}`, metric: "m", source: s, lo: v, hi: v })), (s) => weights[s] ?? 1, 0)
const group = (s: string) => (["allegiantair", "flightview", "foxbusiness"].includes(s) ? "copy:allegiantair" : undefined)

describe("mergeCopyVoices", () => {
  it("makes members of a copy group stating one value one voice, with the strongest member's weight", () => {
    const merged = mergeCopyVoices(voicesOf({ aa: 609, allegiantair: 610, flightview: 610, foxbusiness: 610 }), group)
    expect(merged.map((v) => v.source)).toEqual(["aa", "flightview"])
    const fv = merged[1]!
    expect(fv.weight).toBe(1.5)
    expect(fv.copiedBy).toEqual(["allegiantair", "foxbusiness"])
    expect(fv.copyGroup).toBe("copy:allegiantair")
    expect(fv.repeats.map((c) => c.id).sort()).toEqual(["allegiantair-610", "foxbusiness-610"])
    // The source outside the group loses nothing.
    expect(merged[0]!.weight).toBe(2)
  })

  it("keeps a member that states another value as a voice of its own", () => {
    const merged = mergeCopyVoices(voicesOf({ allegiantair: 610, flightview: 610, foxbusiness: 611 }), group)
    expect(merged.map((v) => [v.source, v.lo, v.copiedBy ?? []])).toEqual([["flightview", 610, ["allegiantair"]], ["foxbusiness", 611, []]])
  })

  test.prop([fc.array(fc.record({ s: fc.constantFrom("a", "b", "c", "d", "e"), v: fc.integer({ min: 0, max: 3 }), w: fc.double({ min: 0.1, max: 5, noNaN: true }) }), { maxLength: 12 })])(
    "never adds weight: per value, the merged weight is the sum over groups of each group's strongest member",
    (said) => {
      const bySource = new Map(said.map((x) => [x.s, x]))
      const claims = [...bySource.values()].map((x) => claim({ id: x.s, metric: "m", source: x.s, lo: x.v, hi: x.v }))
      const groupOf = (s: string) => (s === "a" || s === "b" || s === "c" ? "g1" : s === "d" ? "g2" : undefined)
      const voices = buildVoices("c", claims, (s) => bySource.get(s)!.w, 0)
      const merged = mergeCopyVoices(voices, groupOf)
      for (const v of [0, 1, 2, 3]) {
        const at = [...bySource.values()].filter((x) => x.v === v)
        const expected = [...new Set(at.map((x) => groupOf(x.s) ?? x.s))]
          .reduce((sum, g) => sum + Math.max(...at.filter((x) => (groupOf(x.s) ?? x.s) === g).map((x) => x.w)), 0)
        const got = merged.filter((m) => m.lo === v).reduce((sum, m) => sum + m.weight, 0)
        expect(got).toBeCloseTo(expected, 9)
      }
      // Every claim is still accounted for: primary of one voice or a repeat of it.
      expect(merged.flatMap((m) => [...m.primary, ...m.repeats]).map((c) => c.id).sort()).toEqual(claims.map((c) => c.id).sort())
    },
  )
})

describe("reconcile with copy groups", () => {
  const catalog = catalogOf([metric("departure", { kind: "real" })], ["aa", "allegiantair", "flightview", "foxbusiness"].map((s) => source(s)))
  const claims = [
    claim({ id: "aa", metric: "departure", source: "aa", lo: 609, hi: 609 }),
    claim({ id: "ua-relay", metric: "departure", source: "aa", lo: 609, hi: 609, via: ["orbitz"] }),
    claim({ id: "al", metric: "departure", source: "allegiantair", lo: 610, hi: 610 }),
    claim({ id: "fv", metric: "departure", source: "flightview", lo: 610, hi: 610 }),
    claim({ id: "fox", metric: "departure", source: "foxbusiness", lo: 610, hi: 610 }),
  ]
  const copyGroups = new Map(["allegiantair", "flightview", "foxbusiness"].map((s) => [s, "copy:allegiantair"]))
  const weights = new Map([["aa", 2], ["allegiantair", 1], ["flightview", 1], ["foxbusiness", 1]])

  it("counts three copies stating one value as one voice: the original's 2 outweighs it", () => {
    const without = reconcile({ catalog, claims, weights })[0]!
    expect(without.best).toBe(610)
    const f = reconcile({ catalog, claims, weights, copyGroups })[0]!
    expect(f.best).toBe(609)
    expect(f.voices).toBe(2)
    // Equal weights: the first member by id speaks for the group; the others' claims are its repeats.
    expect(f.claims.find((c) => c.id === "al")).toMatchObject({ role: "excluded", weight: 1 })
    expect(f.claims.find((c) => c.id === "fv")).toMatchObject({ role: "repeat", weight: 1 })
    expect(f.claims.find((c) => c.id === "aa")).toMatchObject({ role: "support", weight: 2 })
  })

  it("explains who copies whom on the cell", () => {
    const f = reconcile({ catalog, claims, weights: new Map([...weights, ["flightview", 1.5]]), copyGroups })[0]!
    expect(f.explanation).toContain("allegiantair, foxbusiness copy flightview here: one voice (copy group copy:allegiantair), weighing what its strongest member weighs.")
    expect(f.explanation.some((l) => l.startsWith("Claim fox of foxbusiness states flightview's value; as a copy it adds no weight."))).toBe(true)
  })

  it("lets a tie between a copy group and an independent source stay a tie", () => {
    const f = reconcile({ catalog, claims, weights: new Map([...weights, ["aa", 1]]), copyGroups })[0]!
    expect(f.status).toBe("conflict")
    expect(f.best).toBeNull()
    expect(f.range).toEqual({ lo: 609, hi: 610 })
  })
})

describe("reconcile with copy groups, whatever the order", () => {
  const SOURCES = ["a", "b", "c", "d"]
  const catalog = catalogOf([metric("m", { kind: "real" })], SOURCES.map((s) => source(s)))
  test.prop([
    fc.array(fc.record({ s: fc.constantFrom(...SOURCES), lo: fc.integer({ min: 0, max: 4 }), width: fc.constantFrom(0, 0, 2) }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.constantFrom(undefined, "g1", "g2"), { minLength: 4, maxLength: 4 }),
    fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
  ])("gives the same figures for any order of the claims", (said, gs, ws) => {
    const claims = said.map((x, k) => claim({ id: `c${k}`, metric: "m", source: x.s, lo: x.lo, hi: x.lo + x.width }))
    const copyGroups = new Map(SOURCES.flatMap((s, k) => (gs[k] === undefined ? [] : [[s, gs[k]!] as const])))
    const weights = new Map(SOURCES.map((s, k) => [s, ws[k]!]))
    const forward = reconcile({ catalog, claims, weights, copyGroups })
    const backward = reconcile({ catalog, claims: [...claims].reverse(), weights, copyGroups })
    expect(backward).toEqual(forward)
  })
})
