import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { CLI } from "../support/run-cli.js"
import { waitFor } from "../support/spawn-cli.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe("jobs serve under a supervisor (README)", () => {
  it("the bin itself, started as the README's unit starts it, stops cleanly on SIGTERM and leaves no process behind", async () => {
    const dir = writeFiles(tempDir(), {
      "small/dataset.yaml": SMALL_CATALOG,
      "inbox/.keep": "",
      "jobs.yaml": "jobs:\n  - { name: inbox, schedule: every 1h, from: { dir: ./inbox }, dataset: small }\n",
    })
    // node_modules/.bin/reckon is a symlink to the bin; the supervisor execs it directly (its shebang runs node)
    const bin = path.join(dir, "node_modules", ".bin")
    fs.mkdirSync(bin, { recursive: true })
    fs.symlinkSync(CLI, path.join(bin, "reckon"))
    const child = spawn(path.join(bin, "reckon"), ["jobs", "serve", "--config", path.join(dir, "jobs.yaml")], {
      cwd: dir, env: { ...process.env, RECKON_DB: path.join(dir, "reckon.db") }, stdio: ["ignore", "pipe", "pipe"],
    })
    let stderr = ""
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
    await waitFor("the service started", () => /serving 1 job/.test(stderr), 30_000)
    // the supervisor's pid is the service itself: no npm or npx in between to swallow the signal
    expect(fs.readFileSync(`/proc/${child.pid}/cmdline`, "utf8")).toMatch(/node/)
    child.kill("SIGTERM")
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(alive(child.pid!)).toBe(false)
    expect(stderr).toMatch(/SIGTERM: finishing the batch in hand/)
  }, 60_000)

  it("the README's systemd unit runs the bin, not npx, and gives SIGTERM time to finish the batch", () => {
    const readme = fs.readFileSync(path.resolve("README.md"), "utf8")
    const unit = /```ini\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("### Running the service under a supervisor")))?.[1] ?? ""
    expect(unit).toMatch(/^ExecStart=\S+\/node_modules\/\.bin\/reckon jobs serve --config \S+$/m)
    expect(unit).not.toMatch(/npx|npm /)
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m)
    expect(unit).toMatch(/^TimeoutStopSec=\d+$/m)
  })
})
