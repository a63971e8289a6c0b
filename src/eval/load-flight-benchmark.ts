import { readdirSync } from "node:fs"
import { join } from "node:path"
import { dateOfFlightFile } from "../adapters/flight/flight-attributes.js"
import { type FlightClaimRecord, flightRowClaims } from "../adapters/flight/flight-claims.js"
import { type FlightGoldCell, flightGoldRow } from "../adapters/flight/flight-gold.js"
import { type RejectionCount, rejectionTally } from "../adapters/flight/flight-rejections.js"
import { readFlightFile } from "../adapters/flight/read-flight-file.js"
import type { Observation } from "../reliability/observation.js"

export type { RejectionCount }

export interface FlightBenchmark {
  readonly days: readonly string[]
  /** Every readable claim, as (cell, source, minutes): what reliability learning reads. */
  readonly observations: readonly Observation[]
  /** The full claim records of the cells that have a gold value (what the engine reconciles). */
  readonly goldClaims: ReadonlyMap<string, readonly FlightClaimRecord[]>
  /** Gold cells with one unambiguous gold value, keyed by cell ("event|metric"). */
  readonly gold: ReadonlyMap<string, FlightGoldCell>
  /** Gold cells left out because a flight listed twice in a day has two different gold values there. */
  readonly ambiguousGold: number
  readonly rowsRead: number
  readonly claimsRead: number
  readonly rejections: readonly RejectionCount[]
  readonly sources: readonly string[]
}

/** The key of a cell: event and metric (the Flight cells have no scope). */
export const cellKey = (event: string, metric: string): string => `${event}|${metric}`

/**
 * Reads the Flight benchmark folder (claims/YYYYMMDD.txt.gz, truth/YYYYMMDD.txt), streaming each file
 * line by line. Keeps every claim as a light observation, the full records only for gold cells, and
 * counts the rejected cells per source, format and reason.
 */
export const loadFlightBenchmark = async (dataDir: string): Promise<FlightBenchmark> => {
  const goldByCell = new Map<string, FlightGoldCell>()
  const ambiguous = new Set<string>()
  const truthDir = join(dataDir, "truth")
  const claimsDir = join(dataDir, "claims")
  const truthFiles = readdirSync(truthDir).filter((f) => dateOfFlightFile(f) !== null).sort()
  for (const f of truthFiles) {
    const date = dateOfFlightFile(f)!
    for await (const row of readFlightFile(join(truthDir, f))) {
      for (const cell of flightGoldRow(row.fields, date).cells) {
        const key = cellKey(cell.event, cell.metric)
        const seen = goldByCell.get(key)
        if (seen !== undefined && seen.minutes !== cell.minutes) ambiguous.add(key)
        else goldByCell.set(key, cell)
      }
    }
  }
  for (const key of ambiguous) goldByCell.delete(key)

  const observations: Observation[] = []
  const goldClaims = new Map<string, FlightClaimRecord[]>()
  const interned = new Map<string, string>()
  const rejections = rejectionTally()
  const sources = new Set<string>()
  const days: string[] = []
  let rowsRead = 0
  let claimsRead = 0
  for (const f of readdirSync(claimsDir).filter((n) => dateOfFlightFile(n) !== null).sort()) {
    const date = dateOfFlightFile(f)!
    days.push(date)
    for await (const row of readFlightFile(join(claimsDir, f))) {
      rowsRead += 1
      const { claims, rejected } = flightRowClaims(row.fields, date, row.line)
      for (const c of claims) {
        claimsRead += 1
        sources.add(c.source)
        const raw = cellKey(c.event, c.metric)
        let item = interned.get(raw)
        if (item === undefined) interned.set(raw, (item = raw))
        observations.push({ item, source: c.source, value: c.value, metric: c.metric })
        if (goldByCell.has(item) || ambiguous.has(item)) {
          const list = goldClaims.get(item) ?? []
          list.push(c)
          goldClaims.set(item, list)
        }
      }
      for (const r of rejected) {
        sources.add(r.source)
        rejections.add(r)
      }
    }
  }
  return {
    days,
    observations,
    goldClaims,
    gold: goldByCell,
    ambiguousGold: ambiguous.size,
    rowsRead,
    claimsRead,
    rejections: rejections.counts(),
    sources: [...sources].sort(),
  }
}
