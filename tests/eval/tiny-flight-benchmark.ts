import fs from "node:fs"
import path from "node:path"
import { gzipSync } from "node:zlib"

/**
 * A tiny Flight benchmark folder laid out like ../shared/data/flight: two days of gzipped TSV claims
 * and a truth file each. On each day, flight AA-1 has a gold value everywhere; "good" is right, "ok"
 * is right in another format (and says "Not Available" once), "bad" and its copy "bad-copy" repeat the
 * same wrong actual times. Flight UA-2 has no gold: its claims are ingested and learned from, never scored.
 */
export const writeTinyFlightBenchmark = (dir: string): string => {
  fs.mkdirSync(path.join(dir, "claims"), { recursive: true })
  fs.mkdirSync(path.join(dir, "truth"), { recursive: true })
  for (const [file, day, d] of [["20111201", "12/01/2011", "Dec 01"], ["20111202", "12/02/2011", "Dec 02"]] as const) {
    const rows = [
      `good\tAA-1-TPA-MIA\t${day} 01:55 PM\t${day} 02:07 PM\tF7\t${day} 03:00 PM\t${day} 02:57 PM\tD5`,
      `ok\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:07 PM, ${d}\t\t3:00 PM, ${d}\tNot Available\t`,
      `bad\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:30 PM, ${d}\t\t3:00 PM, ${d}\t3:20 PM, ${d}\t`,
      `bad-copy\tAA-1-TPA-MIA\t1:55 PM, ${d}\t2:30 PM, ${d}\t\t3:00 PM, ${d}\t3:20 PM, ${d}\t`,
      `good\tUA-2-ORD-SFO\t${day} 08:00 AM\t${day} 08:10 AM\t\t${day} 10:30 AM\t${day} 10:41 AM\t`,
      `bad\tUA-2-ORD-SFO\t8:00 AM, ${d}\t8:45 AM, ${d}\t\t10:30 AM, ${d}\t11:15 AM, ${d}\t`,
      // The same flight listed again by "good", the same time in another wording: one more claim, same value.
      `good\tUA-2-ORD-SFO\t8:00 AM, ${d}\t\t\t\t\t`,
    ]
    fs.writeFileSync(path.join(dir, "claims", `${file}.txt.gz`), gzipSync(rows.join("\n") + "\n"))
    fs.writeFileSync(path.join(dir, "truth", `${file}.txt`), `AA-1-TPA-MIA\t${day} 01:55 PM\t${day} 02:07 PM\tF7\t${day} 03:00 PM\t${day} 02:57 PM\tD5\n`)
  }
  return dir
}
