import type { FlightRejection } from "./flight-claims.js"

/** Rejected cells of one source in one format, with one example reason. */
export interface RejectionCount {
  readonly source: string
  readonly format: string
  readonly reason: string
  readonly count: number
}

/**
 * Tallies rejected cells by source, format and kind of reason (the reason without the cell's own
 * text or times, so that like rejections add up).
 * @example const tally = rejectionTally(); tally.add(r); tally.counts() → [{ source: "ok", format: "status", reason: 'status "Not Available", not a time', count: 2 }]
 */
export const rejectionTally = () => {
  const counts = new Map<string, RejectionCount>()
  return {
    add: (r: FlightRejection): void => {
      const reason = r.reason.replace(/: ".*"$/, "").replace(/\s*\([^)]*\)/g, "").replace(/ \d{4}-\d{2}-\d{2}$/, "")
      const key = `${r.source}\t${r.format}\t${reason}`
      const seen = counts.get(key)
      counts.set(key, { source: r.source, format: r.format, reason, count: (seen?.count ?? 0) + 1 })
    },
    counts: (): RejectionCount[] => [...counts.values()].sort((a, b) => (a.source + a.format < b.source + b.format ? -1 : 1)),
  }
}
