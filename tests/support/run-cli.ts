import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

/** The built, bundled CLI — what `npx reckon` runs (`npm test` builds first, through `pretest`). */
export const CLI = path.resolve(import.meta.dirname, "../../dist/reckon.mjs")

/** The text of the built CLI: its entry and every chunk it may load (esbuild code splitting, dist/chunks). */
export const cliBundleText = (): string => {
  const chunks = path.join(path.dirname(CLI), "chunks")
  return [CLI, ...fs.readdirSync(chunks).filter((f) => f.endsWith(".mjs")).map((f) => path.join(chunks, f))]
    .map((f) => fs.readFileSync(f, "utf8")).join("\n")
}

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `reckon ARGS…` as a real child process. */
export const runCli = (args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, RECKON_DB: "", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
    // A whole ledger's claims as JSON is megabytes (the default buffer of 1 MB cut it off).
    maxBuffer: 1 << 28,
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** No stack trace, no internal error dump: what a user must never see. */
export const looksLikeStackTrace = (text: string): boolean => /\n\s+at .+\(.*:\d+:\d+\)|\bat file:\/\/|FiberFailure|Error: .*\n\s+at /.test(text)
