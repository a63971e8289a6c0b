import type { LedgerHandle } from "../ledger/ledger.js"
import { loadStoredReliability } from "../reliability/stored-reliability.js"
import { groupBy } from "../domain/group-by.js"

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
  /** Claims whose origin is this source. */
  readonly claims: number
  /** Claims this source passed on as an outlet. */
  readonly relayed: number
}

/** Every source the ledger knows (one row per dataset that declares it), with its weights (prior and learned) and how many claims it stands behind there. */
export const querySources = (handle: LedgerHandle): SourceRecord[] => {
  const db = handle.sqlite
  const learned = loadStoredReliability(handle)
  const key = (dataset: string, id: string) => `${dataset}\u0000${id}`
  const counts = new Map((db.prepare("SELECT dataset, source, COUNT(*) AS n FROM claims GROUP BY dataset, source").all() as { dataset: string; source: string; n: number }[])
    .map((r) => [key(r.dataset, r.source), r.n]))
  const relayed = new Map<string, number>()
  for (const r of db.prepare("SELECT dataset, via_json FROM claims WHERE via_json <> '[]'").all() as { dataset: string; via_json: string }[]) {
    for (const s of JSON.parse(r.via_json) as string[]) relayed.set(key(r.dataset, s), (relayed.get(key(r.dataset, s)) ?? 0) + 1)
  }
  const aliasRows = db.prepare("SELECT dataset, alias, source_id FROM source_aliases ORDER BY alias").all() as { dataset: string; alias: string; source_id: string }[]
  const aliases = new Map([...groupBy(aliasRows, (a) => key(a.dataset, a.source_id))].map(([k, rows]) => [k, rows.map((a) => a.alias)]))
  return (db.prepare("SELECT id, dataset, name, kind, side, weight FROM sources ORDER BY id, dataset").all() as
    { id: string; dataset: string; name: string; kind: string; side: string | null; weight: number }[]).map((s) => {
    const r = learned.get(s.id)
    const k = key(s.dataset, s.id)
    return {
      ...s,
      aliases: aliases.get(k) ?? [],
      learned: r?.weight ?? null,
      contested: r?.contested ?? null,
      agreement: r?.agreement ?? null,
      copyGroup: r?.copyGroup ?? null,
      claims: counts.get(k) ?? 0,
      relayed: relayed.get(k) ?? 0,
    }
  })
}
