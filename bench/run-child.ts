import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/** The built CLI and the RSS probe, next to this file in dist/. */
export const CLI = path.resolve(import.meta.dirname, "../reckon.mjs")
const PROBE = path.resolve(import.meta.dirname, "rss-probe.js")

/** The flags `reckon` runs node with, from its shebang (`#!/usr/bin/env -S node FLAGS`): the bench runs it as the executable does. */
export const CLI_NODE_FLAGS: readonly string[] = /^#!\/usr\/bin\/env -S node (.*)$/m.exec(fs.readFileSync(CLI, "utf8").slice(0, 200))?.[1]?.split(" ") ?? []

export interface ChildResult {
  readonly code: number
  readonly ms: number
  /** Peak RSS of the child in MB (getrusage at exit; /proc VmHWM polling as a fallback). */
  readonly peakRssMb: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `reckon ARGS…` as a child process and measures it end to end: wall time from spawn to exit,
 * and the child's peak RSS. Output is collected (bounded: only the tail is kept, so a run with
 * many rejections does not grow the parent).
 */
export const runReckon = (args: readonly string[], env: Record<string, string> = {}): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const rssFile = path.join(os.tmpdir(), `reckon-bench-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`)
    const start = performance.now()
    const child = spawn(process.execPath, [...CLI_NODE_FLAGS, "--import", PROBE, CLI, ...args], {
      env: { ...process.env, ...env, RECKON_BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    const keep = (s: string, chunk: Buffer) => (s + chunk.toString("utf8")).slice(-64_000)
    child.stdout.on("data", (c: Buffer) => (stdout = keep(stdout, c)))
    child.stderr.on("data", (c: Buffer) => (stderr = keep(stderr, c)))
    let polledKb = 0
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))
        if (m) polledKb = Math.max(polledKb, Number(m[1]))
      } catch {
        // the child has exited between two polls
      }
    }, 50)
    child.on("error", (e) => {
      clearInterval(poll)
      reject(e)
    })
    child.on("close", (code) => {
      const ms = performance.now() - start
      clearInterval(poll)
      let probedKb = 0
      try {
        probedKb = Number(fs.readFileSync(rssFile, "utf8"))
        fs.rmSync(rssFile)
      } catch {
        // no probe output (a crash): fall back to polling
      }
      resolve({ code: code ?? -1, ms, peakRssMb: Math.max(probedKb, polledKb) / 1024, stdout, stderr })
    })
  })

/**
 * Runs `reckon ARGS…` as `node -e 0` is timed next to it (`nodeStartMs`): spawnSync, no RSS probe
 * loaded into the child, no polling of its /proc; the wall time of a start-up measure.
 */
export const timeReckon = (args: readonly string[]): { readonly code: number; readonly ms: number; readonly stderr: string } => {
  const start = performance.now()
  const r = spawnSync(process.execPath, [...CLI_NODE_FLAGS, CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 28 })
  return { code: r.status ?? -1, ms: performance.now() - start, stderr: r.stderr }
}
