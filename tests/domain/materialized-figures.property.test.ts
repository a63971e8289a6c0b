import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { Catalog } from "../../src/domain/catalog.js"
import type { Claim } from "../../src/domain/claim.js"
import type { Figure } from "../../src/domain/figure.js"
import { materializedFigures, reconcile } from "../../src/domain/reconcile.js"
import { scopeKey } from "../../src/domain/scope.js"
import { claim, metric, source } from "./fixtures.js"

const SOURCES = ["s0", "s1", "s2", "s3"]
const catalog: Catalog = {
  name: "m",
  events: [{ id: "e1" }, { id: "e2" }],
  sources: SOURCES.map((s, i) => source(s, [1, 1, 0.5, 2][i]!)),
  metrics: [
    // a cumulative whole with parts, a cumulative metric alone, and a plain one
    metric("t", { parts: ["t.a", "t.b"], exhaustive: true, cumulative: true }),
    metric("t.a", { cumulative: true }), metric("t.b", { cumulative: true }),
    metric("k", { cumulative: true }), metric("p"),
  ],
  dimensions: [{ id: "d", exhaustive: false, values: [{ id: "x" }, { id: "y" }, { id: "y1", parent: "y" }] }],
}
const AT = [null, "2025-01-01", "2025-01-02", "2025-01-05", "2025-02-01"]

const claimsArb = fc.array(fc.record({
  event: fc.constantFrom("e1", "e1", "e2"),
  metric: fc.constantFrom("t", "t.a", "t.b", "k", "p"),
  scope: fc.constantFrom({}, { d: "x" }, { d: "y" }, { d: "y1" }),
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
  lo: fc.integer({ min: 0, max: 30 }),
  width: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.constant(Infinity)),
  at: fc.integer({ min: 0, max: AT.length - 1 }),
  certainty: fc.constantFrom("asserted", "asserted", "estimated", "possible"),
  stated: fc.constantFrom(null, "2025-03-01", "2025-03-02"),
  via: fc.constantFrom<string[]>([], [], ["o1"]),
  supersedes: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 6 }),
}), { minLength: 1, maxLength: 24 }).map((rs) => rs.map((r, i): Claim => claim({
  id: `c${String(i).padStart(2, "0")}`, event: r.event, metric: r.metric, scope: r.scope, source: SOURCES[r.source]!,
  lo: r.lo, hi: r.lo + r.width, at: AT[r.at]!, certainty: r.certainty as Claim["certainty"], stated: r.stated, via: r.via,
  ...(r.supersedes !== null ? { supersedes: `c${String(r.supersedes).padStart(2, "0")}` } : {}),
})))
const weightsArb = fc.constantFrom<ReadonlyMap<string, number>>(new Map(), new Map([["s1", 0.25], ["s3", 3]]))
const copyGroupsArb = fc.constantFrom<ReadonlyMap<string, string>>(new Map(), new Map([["s0", "g"], ["s2", "g"]]))

const stripped = (fs: readonly Figure[]) => fs.map(({ explanation: _e, ...f }) => f)

/** What the ledger stored before the one-pass version: every figure, then a query at the latest `at`'s extra tally figures. */
const slowPath = (claims: readonly Claim[], weights: ReadonlyMap<string, number>, copyGroups: ReadonlyMap<string, string> = new Map()): Figure[] => {
  const cumulative = new Set(catalog.metrics.filter((m) => m.cumulative).map((m) => m.id))
  const figures = reconcile({ catalog, claims, weights, copyGroups })
  let latest: string | null = null
  for (const c of claims) if (c.at !== null && cumulative.has(c.metric) && (latest === null || c.at > latest)) latest = c.at
  if (latest === null) return figures
  const have = new Set(figures.filter((f) => f.at === latest).map((f) => `${f.metric}\u0000${scopeKey(f.scope)}`))
  const extra = reconcile({ catalog, claims, weights, copyGroups, at: latest })
    .filter((f) => cumulative.has(f.metric) && !have.has(`${f.metric}\u0000${scopeKey(f.scope)}`))
  return [...figures, ...extra]
}

describe("materializedFigures (the figures the ledger stores, in one pass)", () => {
  // per event: the old way keyed "has a figure at latest" by metric and scope only, which was right
  // for the one component the ledger reconciles at a time
  test.prop([claimsArb, weightsArb, copyGroupsArb])("equals reconcile followed by a query at the latest valid time, without explanations", (claims, weights, copyGroups) => {
    for (const event of ["e1", "e2"]) {
      const own = claims.filter((c) => c.event === event)
      const fast = materializedFigures({ catalog, claims: own, weights, copyGroups })
      expect(stripped(fast)).toEqual(stripped(slowPath(own, weights, copyGroups)))
      for (const f of fast) expect(f.explanation).toEqual([])
    }
  })

  test.prop([claimsArb, weightsArb])("explain: false changes nothing but the explanation", (claims, weights) => {
    const at = claims[0]!.at
    for (const input of [{ catalog, claims, weights }, { catalog, claims, weights, at }, { catalog, claims, weights, asOf: "2025-03-01" }]) {
      expect(stripped(reconcile({ ...input, explain: false }))).toEqual(stripped(reconcile(input)))
    }
  })

  test.prop([claimsArb])("adds figures at the latest time only for tallies that have none there", (claims) => {
    const cumulative = new Set(["t", "t.a", "t.b", "k"])
    const fast = materializedFigures({ catalog, claims })
    const base = reconcile({ catalog, claims })
    const extra = fast.slice(base.length)
    const latest = claims.filter((c) => c.at !== null && cumulative.has(c.metric)).map((c) => c.at!).sort().at(-1)
    for (const f of extra) {
      expect(f.at).toBe(latest)
      expect(cumulative.has(f.metric)).toBe(true)
      expect(base.some((b) => b.event === f.event && b.metric === f.metric && scopeKey(b.scope) === scopeKey(f.scope) && b.at === latest)).toBe(false)
    }
  })

  it("carries a tally that last changed earlier up to the component's latest time, in every event", () => {
    const claims = [
      claim({ id: "a", event: "e1", metric: "k", source: "s0", lo: 5, hi: 5, at: "2025-01-01" }),
      claim({ id: "b", event: "e1", metric: "k", scope: { d: "x" }, source: "s1", lo: 2, hi: 2, at: "2025-01-05" }),
      claim({ id: "c", event: "e2", metric: "k", source: "s0", lo: 9, hi: 9, at: "2025-01-02" }),
    ]
    const extra = materializedFigures({ catalog, claims }).slice(reconcile({ catalog, claims }).length)
    expect(extra.map((f) => [f.event, scopeKey(f.scope), f.at, f.range])).toEqual([
      ["e1", "", "2025-01-05", { lo: 5, hi: null }],
      ["e2", "", "2025-01-05", { lo: 9, hi: null }],
    ])
    expect(stripped(materializedFigures({ catalog, claims }))).toEqual(stripped(slowPath(claims, new Map())))
  })
})
