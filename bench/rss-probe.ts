/**
 * Preloaded into a measured child process (`node --import …/rss-probe.js`): at exit it writes the
 * process's peak resident set size (getrusage maxrss, kB) to the file named by
 * RECKON_BENCH_RSS_FILE. Exact, unlike polling /proc, and it changes nothing in what is measured.
 */
import * as fs from "node:fs"

const target = process.env["RECKON_BENCH_RSS_FILE"]
if (target) {
  process.on("exit", () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS))
  })
}
