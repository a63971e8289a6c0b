import { Effect } from "effect"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import { loadStoredReliability } from "../reliability/stored-reliability.js"

export interface SourceRecord {
  readonly id: string
  /** The dataset whose catalog declares it: the same id in two datasets is two sources. */
  readonly dataset: string
  readonly name: string
  readonly kind: string
  readonly side: string | null
  readonly aliases: readonly string[]
  /** The catalog's prior weight. */
  readonly weight: number
  /**
   * The weight reconciliation uses when reliability was learned (`reckon learn`): the learned
   * weight × the copy discount. It replaces the prior; null when none was learned.
   */
  readonly learned: number | null
  /** The learned weight before the copy discount. */
  readonly learnedWeight: number | null
  /** The learned error rate (share of wrong values, shrunk toward the mean). */
  readonly error: number | null
  /** 1/(k+1) for a source found copying k others, else 1; null when none was learned. */
  readonly discount: number | null
  /** The copy group the source was found in, or null. */
  readonly copyGroup: string | null
  /** Claims whose origin is this source. */
  readonly claims: number
  /** Claims this source passed on as an outlet. */
  readonly relayed: number
}

/** Every source the ledger knows (one row per dataset that declares it), with its weights (prior and learned) and how many claims it stands behind there. */
export const querySources: Effect.Effect<SourceRecord[], LedgerError, Ledger> = Effect.gen(function* () {
  const ledger = yield* Ledger
  const learned = yield* loadStoredReliability
  return (yield* ledger.sources).map((s) => {
    const r = learned.get(s.id)
    return {
      ...s,
      learned: r?.weight ?? null,
      learnedWeight: r?.learnedWeight ?? null,
      error: r?.error ?? null,
      discount: r?.discount ?? null,
      copyGroup: r?.copyGroup ?? null,
    }
  })
})
