import { createHash } from "node:crypto"

/** JSON with object keys sorted at every level, so equal records hash equally whatever their key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

/**
 * The content hash that makes ingestion idempotent: the same record in the same dataset hashes the
 * same whether it came from NDJSON, CSV or JSON, and whatever its key order.
 */
export const contentHash = (dataset: string, record: unknown): string =>
  createHash("sha256").update(dataset).update("\u0000").update(canonicalJson(record)).digest("hex")
