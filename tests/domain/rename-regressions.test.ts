import { describe, expect, it } from "vitest"
import type { Claim } from "../../src/domain/claim.js"
import { reconcile } from "../../src/domain/reconcile.js"
import { claim, metric, source } from "./fixtures.js"

// Counterexamples fast-check found for "renaming sources does not change a figure", kept as examples.
const catalog = (names: readonly string[]) => ({
  name: "p", events: [{ id: "ev" }], sources: names.map((s) => source(s, 0.5)),
  metrics: [metric("w", { parts: ["x", "y"], exhaustive: true }), metric("x"), metric("y")],
  dimensions: [{ id: "d", exhaustive: true, values: [{ id: "p" }, { id: "q" }, { id: "q1", parent: "q" }] }],
})
const core = (claims: Claim[], names: string[]) =>
  reconcile({ catalog: catalog(names), claims }).map((f) => [f.metric, f.scope, f.status, f.range, f.best])

describe("renaming sources", () => {
  it("credits every voice that gives the same bound, not the first by name", () => {
    const mk = (a: string, b: string) => [
      claim({ id: "c0", metric: "w", scope: { d: "q" }, source: b, lo: 7, hi: 9 }),
      claim({ id: "c1", metric: "w", scope: { d: "q1" }, source: a, lo: 7, hi: 9 }),
      claim({ id: "c2", metric: "w", scope: { d: "q" }, source: a, lo: 9, hi: 9 }),
    ]
    expect(core(mk("a", "b"), ["a", "b"])).toEqual(core(mk("z", "b"), ["z", "b"]))
    expect(reconcile({ catalog: catalog(["a", "b"]), claims: mk("a", "b") }).find((f) => f.scope["d"] === "q1")!.status).toBe("consistent")
  })

  it("sees that an unbounded range differs from a bounded one in every order of the tied sets", () => {
    const mk = (a: string, b: string) => [
      claim({ id: "c0", metric: "w", scope: { d: "p" }, source: a, lo: 1, hi: Infinity }),
      claim({ id: "c1", metric: "w", scope: { d: "p" }, source: b, lo: 0, hi: 0 }),
      claim({ id: "c2", metric: "w", scope: { d: "q1" }, source: a, lo: 0, hi: 0 }),
      claim({ id: "c3", metric: "x", scope: {}, source: a, lo: 0, hi: Infinity }),
    ]
    for (const [a, b] of [["a", "b"], ["b", "a"], ["z", "a"]] as const) {
      const x = reconcile({ catalog: catalog([a, b]), claims: mk(a, b) }).find((f) => f.metric === "x")!
      expect([x.status, x.best]).toEqual(["conflict", null])
    }
  })
})
