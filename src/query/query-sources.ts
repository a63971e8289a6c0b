import * as Effect from "effect/Effect"
import { Ledger } from "../ledger/ledger.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import { loadStoredReliability, type StoredMetricReliability } from "../reliability/stored-reliability.js"

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
   * The learned weight reconciliation uses in place of the prior (`reckon learn`); null when none
   * was learned, or when the source had too few contested cells and keeps its prior.
   */
  readonly learned: number | null
  /** Cells the source shared with another independent voice when it was learned (its only evidence). */
  readonly contested: number | null
  /** Share of those where it agreed with the consensus of the others. */
  readonly agreement: number | null
  /** The copy group the source was found in, or null. */
  readonly copyGroup: string | null
  /** Its learned record per metric: a weight of its own where it had enough contested cells of the metric. */
  readonly metrics: readonly StoredMetricReliability[]
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
      contested: r?.contested ?? null,
      agreement: r?.agreement ?? null,
      copyGroup: r?.copyGroup ?? null,
      metrics: r?.metrics ?? [],
    }
  })
})
