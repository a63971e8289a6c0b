import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/run-cli.js"
import { sharedDataDir } from "../support/shared-data.js"
import { tempDir } from "../support/temp-dir.js"

const DATA = sharedDataDir()

describe("reckon adapt ua-losses-oryx", () => {
  it.skipIf(DATA === null)("writes the dataset the repository ships, byte for byte, and says what it wrote", () => {
    const out = path.join(tempDir(), "ua")
    const r = runCli(["adapt", "ua-losses-oryx", "--data", DATA!, "--out", out])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^wrote 23912 claims \(general-staff 20687, oryx 3225\) on \d+ metrics to /)
    for (const f of fs.readdirSync("datasets/ua-losses-vs-oryx")) {
      if (fs.statSync(path.join("datasets/ua-losses-vs-oryx", f)).isFile()) {
        expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join("datasets/ua-losses-vs-oryx", f))), f).toBe(true)
      }
    }
  })

  it("answers a missing data folder with one line and exit 2", () => {
    const r = runCli(["adapt", "ua-losses-oryx", "--data", path.join(tempDir(), "nope"), "--out", path.join(tempDir(), "o")])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(3)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
