import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { tempDir } from "./temp-dir.js"

/** The built, bundled CLI — what `npx reckon` runs (`npm test` builds first, through `pretest`). */
export const CLI = path.resolve(import.meta.dirname, "../../dist/reckon.mjs")

/** The bundle the launcher runs: every module of the CLI, in one file (src/cli/launcher.ts). */
export const CLI_BUNDLE = path.resolve(path.dirname(CLI), "chunks/reckon-cli.cjs")


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

/**
 * The packages from node_modules that a CLI run required (Node's module cache at its exit): what
 * the bundle keeps out of itself (pg, the NLP model, jsdom) is loaded only by the runs that need it.
 */
export const packagesLoadedBy = (args: readonly string[], options: { cwd?: string } = {}): { readonly run: CliResult; readonly packages: ReadonlySet<string> } => {
  const dir = tempDir("reckon-loaded-")
  const out = path.join(dir, "loaded.json")
  const hook = path.join(dir, "hook.cjs")
  fs.writeFileSync(hook, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))))\n`)
  const run = runCli(args, { ...options, env: { NODE_OPTIONS: `--require ${hook}` } })
  const files = JSON.parse(fs.readFileSync(out, "utf8")) as string[]
  const packages = new Set(files.flatMap((f) => {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)
    return m ? [m[1]!] : []
  }))
  return { run, packages }
}
