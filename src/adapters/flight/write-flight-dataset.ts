import { mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { dateOfFlightFile } from "./flight-attributes.js"
import { buildFlightCatalog } from "./flight-catalog.js"
import { type FlightClaimRecord, flightRowClaims } from "./flight-claims.js"
import { type RejectionCount, rejectionTally } from "./flight-rejections.js"
import { readFlightFile } from "./read-flight-file.js"

export interface WrittenFlightDataset {
  readonly folder: string
  readonly days: readonly string[]
  readonly files: readonly string[]
  readonly rows: number
  readonly claims: number
  readonly events: number
  readonly sources: readonly string[]
  /** Cells that held text but no readable time, by source, format and kind of reason. */
  readonly rejections: readonly RejectionCount[]
  /**
   * Records whose adapter id was already used that day by a record with another wording (a flight
   * listed twice by one source with the same time written differently): stored under `id~Lline`.
   */
  readonly renamed: number
}

/**
 * The record as a claim file line (SPEC §2.2): null `at`/`stated` are left out, since a claim
 * record has no nulls.
 */
export const flightRecordLine = (r: FlightClaimRecord, id: string = r.id): string =>
  JSON.stringify({ id, event: r.event, metric: r.metric, source: r.source, value: r.value, certainty: r.certainty, quote: r.quote, note: r.note })

/**
 * Turns a Flight benchmark folder (claims/YYYYMMDD.txt.gz) into a reckon dataset folder: one
 * claims-YYYYMMDD.ndjson per day with the adapter's claim records, and a dataset.yaml (written as
 * JSON, which YAML 1.2 reads) declaring every flight-day event and every source seen. `reckon
 * ingest` — or `ingestPaths` — then stores it through the normal path. Cells that cannot be read as
 * a time are not written; they are tallied in `rejections`.
 */
export const writeFlightDataset = async (
  dataDir: string,
  outDir: string,
  options: { readonly onDay?: (day: string, claims: number) => void } = {},
): Promise<WrittenFlightDataset> => {
  mkdirSync(outDir, { recursive: true })
  const claimsDir = join(dataDir, "claims")
  const tally = rejectionTally()
  const events = new Set<string>()
  const sources = new Set<string>()
  const days: string[] = []
  const files: string[] = []
  let rows = 0
  let claims = 0
  let renamed = 0
  for (const f of readdirSync(claimsDir).filter((n) => dateOfFlightFile(n) !== null).sort()) {
    const date = dateOfFlightFile(f)!
    days.push(date)
    const lines: string[] = []
    // id → wording: the adapter's id names (source, flight-day, metric, minutes), so a second
    // row of the same flight gives the same id; only a different wording needs its own id.
    const wordingOf = new Map<string, string>()
    let dayClaims = 0
    for await (const row of readFlightFile(join(claimsDir, f))) {
      rows += 1
      const { claims: records, rejected } = flightRowClaims(row.fields, date, row.line)
      for (const r of records) {
        events.add(r.event)
        sources.add(r.source)
        const seen = wordingOf.get(r.id)
        let id = r.id
        if (seen === undefined) wordingOf.set(r.id, r.quote)
        else if (seen !== r.quote) {
          id = `${r.id}~L${row.line}`
          renamed += 1
        }
        lines.push(flightRecordLine(r, id))
        dayClaims += 1
      }
      for (const r of rejected) {
        if (r.source !== "") sources.add(r.source)
        tally.add(r)
      }
    }
    const file = join(outDir, `claims-${f.slice(0, 8)}.ndjson`)
    writeFileSync(file, lines.length === 0 ? "" : `${lines.join("\n")}\n`)
    files.push(file)
    claims += dayClaims
    options.onDay?.(date, dayClaims)
  }
  const catalog = buildFlightCatalog(events, sources)
  writeFileSync(join(outDir, "dataset.yaml"), JSON.stringify(catalog))
  return { folder: outDir, days, files, rows, claims, events: events.size, sources: [...sources].sort(), rejections: tally.counts(), renamed }
}
