import { type ChildProcess, spawn } from "node:child_process"
import { afterEach } from "vitest"
import { CLI } from "./run-cli.js"

export interface Started {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL")
})

/** Starts `reckon ARGS…` as a real child process (killed after the test if still running). */
export const startCli = (args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Started => {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, RECKON_DB: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.push(child)
  let out = ""
  let err = ""
  child.stdout!.on("data", (d: Buffer) => { out += d.toString() })
  child.stderr!.on("data", (d: Buffer) => { err += d.toString() })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Polls `check` until it returns true or `timeoutMs` passes (no fixed sleeps: robust on slow machines). */
export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000, everyMs = 50): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let ok = false
    try {
      ok = await check()
    } catch {
      ok = false
    }
    if (ok) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
