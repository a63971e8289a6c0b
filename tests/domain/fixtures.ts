import type { Catalog, MetricDef, SourceDef } from "../../src/domain/catalog.js"
import type { Claim } from "../../src/domain/claim.js"

/** A claim with defaults filled in: asserted, no via, no dates. */
export const claim = (c: Partial<Claim> & Pick<Claim, "id" | "metric" | "source" | "lo" | "hi">): Claim => ({
  event: "ev",
  scope: {},
  via: [],
  value: c.lo === c.hi ? String(c.lo) : `${c.lo}-${c.hi}`,
  best: null,
  certainty: "asserted",
  at: null,
  stated: null,
  ...c,
})

export const metric = (id: string, extra: Partial<MetricDef> = {}): MetricDef => ({
  id, kind: "count", parts: [], exhaustive: false, cumulative: false, ...extra,
})

export const source = (id: string, weight = 1): SourceDef => ({ id, name: id, aliases: [], kind: "unknown", weight })

/** A catalog with one event "ev" and the given metrics and sources. */
export const catalogOf = (metrics: MetricDef[], sources: SourceDef[] = [], dimensions: Catalog["dimensions"] = []): Catalog => ({
  name: "test", events: [{ id: "ev" }], sources, metrics, dimensions,
})

/** The SPEC §4 worked example (Operation Spider Web), `natoWeight` for the senior NATO official. */
export const spiderWeb = (natoWeight = 1): { catalog: Catalog; claims: Claim[] } => {
  const catalog: Catalog = {
    name: "spider-web",
    events: [{ id: "spider-web" }],
    sources: [source("sbu"), source("nato-official", natoWeight), source("avivector"), source("maxar"), source("suspilne"), source("isw")],
    metrics: [
      metric("aircraft.hit", { parts: ["aircraft.damaged", "aircraft.destroyed"], exhaustive: true }),
      metric("aircraft.damaged"),
      metric("aircraft.destroyed"),
    ],
    dimensions: [
      {
        id: "type", exhaustive: false, values: [
          { id: "bomber" }, { id: "transport" },
          { id: "Tu-95", parent: "bomber" }, { id: "Tu-95MS", parent: "Tu-95" },
          { id: "Tu-22", parent: "bomber" }, { id: "Tu-22M3", parent: "Tu-22" },
          { id: "An-12", parent: "transport" },
        ],
      },
      { id: "location", exhaustive: false, values: [{ id: "belaya" }, { id: "olenya" }] },
    ],
  }
  const ev = "spider-web"
  const claims: Claim[] = [
    claim({ id: "sbu-hit-41", event: ev, metric: "aircraft.hit", source: "sbu", lo: 41, hi: 41, value: "41", quote: "41 aircraft hit" }),
    claim({ id: "nato-damaged-40", event: ev, metric: "aircraft.damaged", source: "nato-official", lo: 40, hi: 40, value: "40", via: ["suspilne", "isw"] }),
    claim({ id: "nato-destroyed-13", event: ev, metric: "aircraft.destroyed", source: "nato-official", lo: 0, hi: 13, value: "up to 13", via: ["suspilne", "isw"] }),
    claim({ id: "avi-tu95ms-7", event: ev, metric: "aircraft.destroyed", scope: { type: "Tu-95MS" }, source: "avivector", lo: 7, hi: 7, value: "an estimated 7", certainty: "estimated" }),
    claim({ id: "avi-tu22m3-4", event: ev, metric: "aircraft.destroyed", scope: { type: "Tu-22M3" }, source: "avivector", lo: 4, hi: 4, value: "an estimated 4", certainty: "estimated" }),
    claim({ id: "avi-an12-1", event: ev, metric: "aircraft.destroyed", scope: { type: "An-12" }, source: "avivector", lo: 1, hi: 1, value: "an estimated 1", certainty: "estimated" }),
    claim({ id: "maxar-tu22-belaya", event: ev, metric: "aircraft.destroyed", scope: { type: "Tu-22", location: "belaya" }, source: "maxar", lo: 2, hi: Infinity, value: "at least 2" }),
    claim({ id: "maxar-tu95-belaya", event: ev, metric: "aircraft.destroyed", scope: { type: "Tu-95", location: "belaya" }, source: "maxar", lo: 3, hi: Infinity, value: "at least 3" }),
    claim({ id: "avi-tu95ms-olenya", event: ev, metric: "aircraft.destroyed", scope: { type: "Tu-95MS", location: "olenya" }, source: "avivector", lo: 4, hi: 4, value: "4" }),
    claim({ id: "avi-an12-olenya", event: ev, metric: "aircraft.destroyed", scope: { type: "An-12", location: "olenya" }, source: "avivector", lo: 1, hi: 1, value: "1" }),
    claim({ id: "avi-possible-damaged", event: ev, metric: "aircraft.damaged", scope: { type: "Tu-95MS" }, source: "avivector", lo: 1, hi: 1, value: "possibly damaged a Tu-95MS", certainty: "possible" }),
  ]
  return { catalog, claims }
}
