/** An interval with the weight of the voice behind it. */
export interface WeightedInterval {
  readonly lo: number
  readonly hi: number
  readonly weight: number
}

/**
 * The points covered by the greatest total weight (interval stabbing, SPEC §4.5 without relations).
 * Sweeps the endpoints once (O(n log n)); returns one stabbing point per maximal region, the left
 * end of each region, for every region whose weight ties the greatest within `eps`. Every region
 * starts where some interval starts, so the left ends are enough to tell the regions apart.
 * @example stabbingPoints([{lo:1,hi:5,weight:1},{lo:3,hi:9,weight:1},{lo:7,hi:9,weight:1}], 1e-9)
 *          // → [3, 7]: {1–5, 3–9} and {3–9, 7–9} tie at weight 2
 */
export const stabbingPoints = (items: readonly WeightedInterval[], eps: number): number[] => {
  const events: { x: number; dw: number; start: boolean }[] = []
  for (const it of items) {
    if (!(it.lo <= it.hi) || !(it.weight > 0)) continue
    events.push({ x: it.lo, dw: it.weight, start: true }, { x: it.hi, dw: it.weight, start: false })
  }
  // closed intervals: at one coordinate, starts count before ends
  events.sort((a, b) => a.x - b.x || (a.start === b.start ? 0 : a.start ? -1 : 1))
  let cur = 0
  let best = -Infinity
  const candidates: { x: number; w: number }[] = []
  let i = 0
  while (i < events.length) {
    const x = events[i]!.x
    let started = false
    while (i < events.length && events[i]!.x === x && events[i]!.start) {
      cur += events[i]!.dw
      started = true
      i++
    }
    if (started && cur >= best - eps) {
      if (cur > best) best = cur
      candidates.push({ x, w: cur })
    }
    while (i < events.length && events[i]!.x === x && !events[i]!.start) {
      cur -= events[i]!.dw
      i++
    }
  }
  return candidates.filter((c) => c.w >= best - eps).map((c) => c.x)
}
