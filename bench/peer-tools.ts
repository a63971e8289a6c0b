import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

export interface PeerInsert {
  /** null: sqlite-utils could not be had (the row is skipped, with `note` saying why). */
  readonly ms: number | null
  readonly rows: number
  readonly note: string
}

const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0

/** sqlite-utils from Debian's packages, installed if missing and this process may (root, apt-get). */
const ensureSqliteUtils = (install: boolean, log: (s: string) => void): string | null => {
  if (has("sqlite-utils")) return null
  if (!install) return "sqlite-utils is not installed (--no-install)"
  if (process.getuid?.() !== 0 || !has("apt-get")) return "sqlite-utils is not installed and cannot be installed here (needs root and apt-get)"
  log("installing sqlite-utils from Debian's packages…")
  const r = spawnSync("apt-get", ["install", "-y", "sqlite-utils"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, encoding: "utf8" })
  return r.status === 0 && has("sqlite-utils") ? null : `apt-get install sqlite-utils failed: ${(r.stderr ?? "").trim().split("\n").pop() ?? ""}`
}

/**
 * The peer tool a data person would load the same NDJSON with: `sqlite-utils insert DB claims FILE
 * --nl --alter` (records differ in their fields) into a fresh file. It stops at the first line
 * that is not a JSON object, so it gets the file's valid lines only (the bench file has ~0.5%
 * broken records on purpose); it validates, normalizes and reconciles nothing.
 */
export const sqliteUtilsInsert = (ndjson: string, workDir: string, install: boolean, log: (s: string) => void): PeerInsert => {
  const missing = ensureSqliteUtils(install, log)
  if (missing !== null) return { ms: null, rows: 0, note: missing }
  const lines = fs.readFileSync(ndjson, "utf8").split("\n").filter((l) => {
    try {
      const v: unknown = JSON.parse(l)
      return typeof v === "object" && v !== null && !Array.isArray(v)
    } catch {
      return false
    }
  })
  const file = path.join(workDir, "peer-valid.ndjson")
  const db = path.join(workDir, "peer.db")
  fs.writeFileSync(file, `${lines.join("\n")}\n`)
  fs.rmSync(db, { force: true })
  const t = performance.now()
  const r = spawnSync("sqlite-utils", ["insert", db, "claims", file, "--nl", "--alter"], { encoding: "utf8" })
  const ms = performance.now() - t
  fs.rmSync(file, { force: true })
  fs.rmSync(db, { force: true })
  if (r.status !== 0) return { ms: null, rows: 0, note: `sqlite-utils failed: ${(r.stderr ?? "").trim().split("\n").pop() ?? ""}` }
  return { ms, rows: lines.length, note: `sqlite-utils insert … --nl --alter of the ${lines.length} valid lines (it stops at a broken one)` }
}

/** Wall time of one `node -e 0` (the yardstick of the CLI's start-up), spawned as `timeReckon` spawns. */
export const nodeStartOnceMs = (): number => {
  const t = performance.now()
  spawnSync(process.execPath, ["-e", "0"])
  return performance.now() - t
}
