import type { LedgerHandle } from "./ledger.js"

/**
 * Learned source reliability, where computed (SPEC §4.3: it replaces the prior weight). Empty
 * until reliability has been learned for the ledger; the table arrives with a later migration,
 * so its absence means "no learned weights".
 */
export const loadSourceWeights = (handle: LedgerHandle): ReadonlyMap<string, number> => {
  const exists = handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_reliability'").get()
  if (!exists) return new Map()
  const rows = handle.sqlite.prepare("SELECT source, weight FROM source_reliability").all() as { source: string; weight: number }[]
  return new Map(rows.map((r) => [r.source, r.weight]))
}
