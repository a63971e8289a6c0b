import { spawnSync } from "node:child_process"
import { CLI } from "./run-cli.js"

/** Single-quoted for sh. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/**
 * Runs `reckon ARGS…` in a real pseudo-terminal of `columns` × `rows` (util-linux `script`), so
 * that stdout and stderr are terminals, as for a person typing the command. Returns what the
 * terminal received (stdout and stderr together, lines ending in CR LF).
 */
export const runInPty = (
  args: readonly string[], options: { cwd: string; columns?: number; rows?: number; env?: Record<string, string> },
): { code: number; output: string } => {
  const command = `stty cols ${options.columns ?? 100} rows ${options.rows ?? 40}; exec ${[process.execPath, CLI, ...args].map(shellQuote).join(" ")}`
  const r = spawnSync("script", ["-qfec", command, "/dev/null"], {
    cwd: options.cwd, encoding: "utf8", timeout: 120_000,
    env: { ...process.env, RECKON_DB: "", TERM: "xterm-256color", NO_COLOR: "", ...options.env },
  })
  return { code: r.status ?? -1, output: r.stdout }
}

/** The visible lines of terminal output: CR LF as newlines, cursor and colour escapes removed, carriage-return redraws resolved. */
export const screenLines = (output: string): string[] =>
  output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").split(/\r?\n/).map((l) => l.split("\r").pop() ?? "")
