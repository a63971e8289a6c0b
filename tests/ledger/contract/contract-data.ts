import * as fs from "node:fs"
import * as path from "node:path"
import type { Catalog } from "../../../src/domain/catalog.js"
import { parseCatalog } from "../../../src/ingest/parse-catalog.js"

/**
 * A small world for the contract suite: events with metric parts (hit = damaged + destroyed,
 * exhaustive, so claims on three metrics form one component) and a type hierarchy, and claim
 * records spread over them, some of them disagreeing, some superseding others.
 */
export const contractCatalogYaml = (events: number, withParts = true): string => [
  "name: contract",
  "events:",
  ...Array.from({ length: events }, (_, e) => `  - { id: ev${e} }`),
  "sources: [{ id: s1 }, { id: s2 }, { id: s3, weight: 2 }, { id: relay, kind: media }]",
  "metrics:",
  withParts ? "  - { id: hit, parts: [damaged, destroyed], exhaustive: true }" : "  - { id: hit }",
  "  - { id: damaged }",
  "  - { id: destroyed }",
  "dimensions:",
  "  - id: type",
  "    values: [{ id: bomber }, { id: tu95, parent: bomber }, { id: tu22, parent: bomber }]",
  "",
].join("\n")

export const contractCatalog = (events: number, withParts = true): Catalog => {
  const parsed = parseCatalog(contractCatalogYaml(events, withParts))
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
  return parsed.catalog
}

const METRICS = ["hit", "damaged", "destroyed"] as const
const TYPES = [null, "bomber", "tu95", "tu22"] as const

/** Record i: deterministic, valid, spread over `events` events; its id says which it is. */
export const contractRecord = (i: number, events: number): Record<string, unknown> => {
  // A hash of i (murmur3's finalizer), so that event, metric, scope and source vary independently of each other.
  let h = (i + 1) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h = (h ^ (h >>> 16)) >>> 0
  const type = TYPES[(h >>> 4) % TYPES.length]!
  return {
    id: `r${i}`, event: `ev${i % events}`, metric: METRICS[(h >>> 8) % METRICS.length], source: ["s1", "s2", "s3"][(h >>> 12) % 3],
    ...(type === null ? {} : { scope: { type } }),
    ...(i % 5 === 0 ? { via: ["relay"] } : {}),
    value: i % 7 === 0 ? `at least ${i % 40}` : i % 11 === 0 ? `up to ${10 + (i % 30)}` : i % 40,
    stated: `2025-06-${String(1 + (i % 28)).padStart(2, "0")}`,
    quote: `record ${i}`,
  }
}

/** NDJSON lines of records [from, to). */
export const contractLines = (from: number, to: number, events: number): string => {
  const out: string[] = []
  for (let i = from; i < to; i++) out.push(JSON.stringify(contractRecord(i, events)))
  return `${out.join("\n")}\n`
}

/** A dataset folder `contract/` (catalog only) and claim files next to it, in a fresh temp dir. */
export const writeContractFiles = (dir: string, events: number, files: Record<string, string>, withParts = true): string => {
  fs.mkdirSync(path.join(dir, "contract"), { recursive: true })
  fs.writeFileSync(path.join(dir, "contract", "dataset.yaml"), contractCatalogYaml(events, withParts))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return path.join(dir, "contract")
}
