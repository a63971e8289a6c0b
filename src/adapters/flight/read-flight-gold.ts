import { readdirSync } from "node:fs"
import { join } from "node:path"
import { dateOfFlightFile } from "./flight-attributes.js"
import { type FlightGoldCell, flightGoldRow } from "./flight-gold.js"
import { readFlightFile } from "./read-flight-file.js"

export interface FlightGold {
  /** Gold cells with one unambiguous gold value, keyed "event|metric" (the cell's component). */
  readonly gold: ReadonlyMap<string, FlightGoldCell>
  /** Gold cells left out because a flight listed twice in a day has two different gold values there. */
  readonly ambiguous: ReadonlySet<string>
}

/** Reads every truth/YYYYMMDD.txt of a Flight benchmark folder (streaming, line by line). */
export const readFlightGold = async (dataDir: string): Promise<FlightGold> => {
  const gold = new Map<string, FlightGoldCell>()
  const ambiguous = new Set<string>()
  const truthDir = join(dataDir, "truth")
  for (const f of readdirSync(truthDir).filter((n) => dateOfFlightFile(n) !== null).sort()) {
    const date = dateOfFlightFile(f)!
    for await (const row of readFlightFile(join(truthDir, f))) {
      for (const cell of flightGoldRow(row.fields, date).cells) {
        const key = `${cell.event}|${cell.metric}`
        const seen = gold.get(key)
        if (seen !== undefined && seen.minutes !== cell.minutes) ambiguous.add(key)
        else gold.set(key, cell)
      }
    }
  }
  for (const key of ambiguous) gold.delete(key)
  return { gold, ambiguous }
}
