import type { CommandSpec } from "./command-tree.js"

/** Settings that hold for the whole run, whatever the command (see `splitGlobalArgs`). */
export interface GlobalSettings {
  /** `--quiet`/`-q`: no progress bars, no summary lines on stderr (errors and rejections still print). */
  readonly quiet: boolean
  /** `--wide`: long table cells wrap instead of being cut with `…`. */
  readonly wide: boolean
  /** `--no-color`: no colour even on a terminal (as `NO_COLOR=1`). */
  readonly noColor: boolean
  /** `--csv-raw`: CSV cells exactly as stored, without the formula-injection guard (SPEC §8). */
  readonly csvRaw: boolean
  /** `--log-level LEVEL`: the least severe log line the jobs print. */
  readonly logLevel: LogLevelName | null
}

export const LOG_LEVELS = ["all", "trace", "debug", "info", "warning", "error", "fatal", "none"] as const
export type LogLevelName = (typeof LOG_LEVELS)[number]

/**
 * A lone `-` (standard input) as @effect/cli receives it: it would take `-` for the end of the
 * options and every later word for an argument.
 */
export const STDIN_ARG = "\u0000stdin"

/** Options that take a value and belong to most commands: accepted before the subcommand too. */
const HOISTED_VALUE_OPTIONS = new Set(["--db", "--format"])
/** Flags for the whole run, removed wherever they appear (before `--`). */
const FLAGS: Readonly<Record<string, keyof Pick<GlobalSettings, "quiet" | "wide" | "noColor" | "csvRaw">>> = {
  "--quiet": "quiet", "-q": "quiet", "--wide": "wide", "--no-color": "noColor", "--csv-raw": "csvRaw",
}

export type GlobalArgs =
  | { readonly ok: true; readonly args: readonly string[]; readonly settings: GlobalSettings }
  | { readonly ok: false; readonly message: string }

/**
 * Takes the run-wide options out of the command line (`args` without node and the script), the
 * way gh and sqlite-utils accept them anywhere: `--quiet`, `--wide`, `--no-color`, `--csv-raw` and
 * `--log-level L` wherever they are (before a `--`); `--db X` and `--format F` written before or
 * between subcommand names are moved after them, where the command's own option parses them
 * (`reckon --db x.db ingest a` → `reckon ingest a --db x.db`).
 * @example splitGlobalArgs(tree, ["-q", "--db", "x", "figures"]).args // ["figures", "--db", "x"]
 */
export const splitGlobalArgs = (root: CommandSpec, args: readonly string[]): GlobalArgs => {
  const settings = { quiet: false, wide: false, noColor: false, csvRaw: false, logLevel: null as LogLevelName | null }
  const end = args.indexOf("--")
  const before = end < 0 ? [...args] : args.slice(0, end)
  const after = end < 0 ? [] : args.slice(end)
  const kept: string[] = []
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!
    const flag = FLAGS[a]
    if (flag !== undefined) {
      settings[flag] = true
      continue
    }
    if (a === "--log-level" || a.startsWith("--log-level=")) {
      const value = a === "--log-level" ? before[++i] : a.slice("--log-level=".length)
      const level = LOG_LEVELS.find((l) => l === value?.toLowerCase())
      if (level === undefined) return { ok: false, message: `--log-level${value === undefined ? "" : ` ${value}`}: expected one of ${LOG_LEVELS.join(", ")}` }
      settings.logLevel = level
      continue
    }
    kept.push(a === "-" ? STDIN_ARG : a)
  }
  // Walk the subcommand names, lifting the value options found between them.
  const words: string[] = []
  const lifted: string[] = []
  let node = root
  let i = 0
  while (i < kept.length) {
    const a = kept[i]!
    const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a
    if (HOISTED_VALUE_OPTIONS.has(name)) {
      if (a.includes("=")) lifted.push(a)
      else if (i + 1 < kept.length) lifted.push(a, kept[++i]!)
      else break
      i++
      continue
    }
    const sub = node.subcommands.find((c) => c.name === a)
    if (!sub) break
    words.push(a)
    node = sub
    i++
  }
  if (lifted.length === 0) return { ok: true, args: [...kept, ...after], settings }
  return { ok: true, args: [...words, ...kept.slice(i), ...lifted, ...after], settings }
}
