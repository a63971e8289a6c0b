import type { Observation } from "./observation.js"

/**
 * Observations packed by item for the learning loops: sources and items numbered, each item's
 * observations contiguous. A source giving several values on one item (a flight number listed twice
 * in a day) has each value count for 1/k of its voice there.
 */
export interface ObservationIndex {
  readonly sources: readonly string[]
  readonly items: readonly string[]
  /** The metrics the items are cells of, sorted ("" for observations without one). */
  readonly metrics: readonly string[]
  /** Per item: its metric's number in `metrics`. */
  readonly itemMetric: Int32Array
  /** Observations of item i are at [itemStart[i], itemStart[i + 1]). */
  readonly itemStart: Int32Array
  readonly source: Int32Array
  readonly value: Float64Array
  /** 1/k for a source with k distinct values on the item, else 1. */
  readonly share: Float64Array
}

/**
 * Packs observations by item (sorted by item, then source, then value, so results never depend on
 * input order). Takes any iterable, so a generator over ledger rows is packed without an array of
 * a million observations in between.
 */
export const indexObservations = (observations: Iterable<Observation>): ObservationIndex => {
  const byItem = new Map<string, Map<string, Set<number>>>()
  const metricOf = new Map<string, string>()
  const sourceSet = new Set<string>()
  for (const o of observations) {
    if (!Number.isFinite(o.value)) continue
    sourceSet.add(o.source)
    // An item is one cell, so of one metric; the smallest name wins should inputs disagree (order-free).
    const metric = o.metric ?? ""
    const known = metricOf.get(o.item)
    if (known === undefined || metric < known) metricOf.set(o.item, metric)
    let m = byItem.get(o.item)
    if (m === undefined) byItem.set(o.item, (m = new Map()))
    let vs = m.get(o.source)
    if (vs === undefined) m.set(o.source, (vs = new Set()))
    vs.add(o.value)
  }
  const sources = [...sourceSet].sort()
  const sourceNo = new Map(sources.map((s, i) => [s, i]))
  const items = [...byItem.keys()].sort()
  const metrics = [...new Set(metricOf.values())].sort()
  const metricNo = new Map(metrics.map((m, i) => [m, i]))
  const itemMetric = Int32Array.from(items, (item) => metricNo.get(metricOf.get(item)!)!)
  let total = 0
  for (const m of byItem.values()) for (const vs of m.values()) total += vs.size
  const itemStart = new Int32Array(items.length + 1)
  const source = new Int32Array(total)
  const value = new Float64Array(total)
  const share = new Float64Array(total)
  let k = 0
  items.forEach((item, i) => {
    itemStart[i] = k
    const m = byItem.get(item)!
    for (const s of [...m.keys()].sort()) {
      const vs = [...m.get(s)!].sort((a, b) => a - b)
      for (const v of vs) {
        source[k] = sourceNo.get(s)!
        value[k] = v
        share[k] = 1 / vs.length
        k += 1
      }
    }
  })
  itemStart[items.length] = k
  return { sources, items, metrics, itemMetric, itemStart, source, value, share }
}
