import type { LedgerHandle } from "./ledger.js"

/**
 * Learned source reliability, where computed (SPEC §4.3: it replaces the prior weight). Empty
 * until reliability has been learned for the ledger; the table arrives with a later migration,
 * so its absence means "no learned weights".
 */
export const loadSourceWeights = (handle: LedgerHandle): ReadonlyMap<string, number> => {
  const exists = handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_reliability'").get()
  if (!exists) return new Map()
  const rows = handle.sqlite.prepare("SELECT source, weight FROM source_reliability WHERE weight IS NOT NULL").all() as { source: string; weight: number }[]
  return new Map(rows.map((r) => [r.source, r.weight]))
}

/** Learned copy groups, source id → group id (SPEC §4.3: members stating one value are one voice). Empty until learned. */
export const loadSourceCopyGroups = (handle: LedgerHandle): ReadonlyMap<string, string> => {
  const exists = handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_reliability'").get()
  if (!exists) return new Map()
  const rows = handle.sqlite.prepare("SELECT source, copy_group FROM source_reliability WHERE copy_group IS NOT NULL").all() as
    { source: string; copy_group: string }[]
  return new Map(rows.map((r) => [r.source, r.copy_group]))
}
