import type { LedgerHandle } from "../ledger/ledger.js"
import { loadStoredReliability } from "../reliability/stored-reliability.js"
import { groupBy } from "../domain/group-by.js"

export interface SourceRecord {
  readonly id: string
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
  /** Claims whose origin is this source. */
  readonly claims: number
  /** Claims this source passed on as an outlet. */
  readonly relayed: number
}

/** Every source the ledger knows, with its weights (prior and learned) and how many claims it stands behind. */
export const querySources = (handle: LedgerHandle): SourceRecord[] => {
  const db = handle.sqlite
  const learned = loadStoredReliability(handle)
  const counts = new Map((db.prepare("SELECT source, COUNT(*) AS n FROM claims GROUP BY source").all() as { source: string; n: number }[])
    .map((r) => [r.source, r.n]))
  const relayed = new Map<string, number>()
  for (const r of db.prepare("SELECT via_json FROM claims WHERE via_json <> '[]'").all() as { via_json: string }[]) {
    for (const s of JSON.parse(r.via_json) as string[]) relayed.set(s, (relayed.get(s) ?? 0) + 1)
  }
  const aliasRows = db.prepare("SELECT alias, source_id FROM source_aliases ORDER BY alias").all() as { alias: string; source_id: string }[]
  const aliases = new Map([...groupBy(aliasRows, (a) => a.source_id)].map(([id, rows]) => [id, rows.map((a) => a.alias)]))
  return (db.prepare("SELECT id, name, kind, side, weight FROM sources ORDER BY id").all() as
    { id: string; name: string; kind: string; side: string | null; weight: number }[]).map((s) => {
    const r = learned.get(s.id)
    return {
      ...s,
      aliases: aliases.get(s.id) ?? [],
      learned: r?.weight ?? null,
      contested: r?.contested ?? null,
      agreement: r?.agreement ?? null,
      copyGroup: r?.copyGroup ?? null,
      claims: counts.get(s.id) ?? 0,
      relayed: relayed.get(s.id) ?? 0,
    }
  })
}
