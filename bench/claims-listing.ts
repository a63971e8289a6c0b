import { spawn } from "node:child_process"
import { CLI } from "./run-child.js"

export interface ClaimsListing {
  /** `reckon claims` (a table, into a pipe): spawn to the first bytes of its first row. */
  readonly firstRowMs: number
  /** `reckon claims | head -3`: spawn until the pipeline has ended. */
  readonly headMs: number
  /** `reckon claims --format csv` of the whole ledger, read to the end. */
  readonly fullCsvMs: number
  readonly rows: number
}

/** Runs `reckon ARGS…` into a pipe; resolves with the time to the first stdout bytes and to the end, and the lines seen. */
const timed = (command: string, args: readonly string[]): Promise<{ firstMs: number; endMs: number; lines: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, RECKON_DB: "" } })
    let firstMs = -1
    let lines = 0
    child.stdout.on("data", (d: Buffer) => {
      if (firstMs < 0) firstMs = performance.now() - start
      for (const b of d) if (b === 10) lines++
    })
    child.on("error", reject)
    child.on("close", (code) => (code === 0 ? resolve({ firstMs, endMs: performance.now() - start, lines }) : reject(new Error(`${args.join(" ")} exited ${code}`))))
  })

/**
 * How `reckon claims` behaves on a big ledger (SPEC §6: lists stream): the first row of a table in
 * a pipe (widths come from its first 1,000 rows), `| head` ending the command at once, and the
 * whole ledger as CSV.
 */
export const measureClaimsListing = async (db: string): Promise<ClaimsListing> => {
  const first = await timed(CLI, ["claims", "--db", db])
  const head = await timed("sh", ["-c", `"${CLI}" claims --db "${db}" | head -3`])
  const full = await timed(CLI, ["claims", "--db", db, "--format", "csv"])
  return { firstRowMs: first.firstMs, headMs: head.endMs, fullCsvMs: full.endMs, rows: full.lines - 1 }
}
