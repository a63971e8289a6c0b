import type { SearchVoice } from "./consensus.js"
import type { Interval } from "./interval.js"
import { applyVoice, emptyTrace, propagate, scratchBounds } from "./propagate-bounds.js"
import type { Network } from "./relations.js"

/** A cell's bounds under one kept set, and why its implied bounds are where they are. */
export interface CellOutcome {
  /** ∩ of the cell's own kept voices (rounded into the domain), null when none is kept. */
  readonly direct: Interval | null
  /** Bounds the relations give from the other cells' kept voices; null when the cell has no relation. */
  readonly implied: Interval | null
  /** direct ∩ implied (whichever exist), null when neither. */
  readonly range: Interval | null
  /** Voices (indices) behind the implied lower / upper bound, and the relation that last moved it. */
  readonly loWhy: readonly number[]
  readonly hiWhy: readonly number[]
  readonly loRel: number
  readonly hiRel: number
}

/**
 * The outcome of one cell under a kept set (SPEC §4.5): `direct` from its own kept voices, `implied`
 * by propagating the other cells' kept voices to a fixpoint, `range` = direct ∩ implied.
 */
export const evaluateCell = (net: Network, voices: readonly SearchVoice[], kept: ArrayLike<number>, cell: number): CellOutcome => {
  let direct: Interval | null = null
  const int = net.integer[cell]!
  for (let i = 0; i < voices.length; i++) {
    const v = voices[i]!
    if (!kept[i] || v.cell !== cell) continue
    const lo = Math.max(int ? Math.ceil(v.lo - 1e-9) : v.lo, direct?.lo ?? net.domLo[cell]!)
    const hi = Math.min(int ? Math.floor(v.hi + 1e-9) : v.hi, direct?.hi ?? net.domHi[cell]!)
    direct = { lo, hi }
  }
  if (net.relationsOf[cell]!.length === 0) {
    return { direct, implied: null, range: direct, loWhy: [], hiWhy: [], loRel: -1, hiRel: -1 }
  }
  const { lo, hi } = scratchBounds(net)
  const trace = emptyTrace(net.cells.length)
  for (let i = 0; i < voices.length; i++) {
    const v = voices[i]!
    if (kept[i] && v.cell !== cell) applyVoice(net, lo, hi, v.cell, v.lo, v.hi, i, trace)
  }
  propagate(net, lo, hi, trace)
  const implied = { lo: lo[cell]!, hi: hi[cell]! }
  const range = direct === null ? implied : { lo: Math.max(direct.lo, implied.lo), hi: Math.min(direct.hi, implied.hi) }
  return {
    direct, implied, range,
    loWhy: trace.loWhy[cell]!, hiWhy: trace.hiWhy[cell]!, loRel: trace.loRel[cell]!, hiRel: trace.hiRel[cell]!,
  }
}
