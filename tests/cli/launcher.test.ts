import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeEach, describe, expect, it } from "vitest"
import { CLI, CLI_BUNDLE } from "../support/run-cli.js"
import { tempDir } from "../support/temp-dir.js"

/**
 * The launcher (src/cli/launcher.ts) runs the CLI bundle with V8's code cache, one cache per
 * command. Tried on a copy of the launcher and the bundle in a folder of their own, so that
 * spoiling a cache here cannot slow the other tests; `--help` of a command needs no package
 * from node_modules, which the copy cannot reach.
 */

let dir = ""
const chunks = () => path.join(dir, "chunks")
const caches = () => fs.readdirSync(chunks()).filter((f) => f.endsWith(".v8cache")).sort()
const run = (...args: string[]) => runWith([], ...args)
/** Runs the copy with these flags for node (`reckon` itself runs with its shebang's). */
const runWith = (flags: readonly string[], ...args: string[]) => {
  const r = spawnSync(process.execPath, [...flags, path.join(dir, "reckon.mjs"), ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout
}

beforeEach(() => {
  dir = tempDir()
  fs.mkdirSync(chunks())
  fs.copyFileSync(CLI, path.join(dir, "reckon.mjs"))
  fs.copyFileSync(CLI_BUNDLE, path.join(chunks(), "reckon-cli.cjs"))
})

describe("the launcher's code cache", () => {
  it("a command's first run writes its cache, named for the bundle and the command; the next runs read it and print the same", () => {
    const first = run("figures", "--help")
    expect(first).toMatch(/reckon figures/)
    const stat = fs.statSync(path.join(chunks(), "reckon-cli.cjs"))
    expect(caches()).toHaveLength(1)
    expect(caches()[0]).toMatch(new RegExp(`^reckon-cli\\.${stat.size}-${Math.trunc(stat.mtimeMs)}-\\d+\\.figures\\.v8cache$`))
    const cache = path.join(chunks(), caches()[0]!)
    const written = fs.statSync(cache)
    expect(written.size).toBeGreaterThan(100_000)
    expect(run("figures", "--help")).toBe(first)
    // read, not written again: V8 accepted it
    expect(fs.statSync(cache).mtimeMs).toBe(written.mtimeMs)
    expect(fs.statSync(cache).ino).toBe(written.ino)
    run("claims", "--help")
    expect(caches()).toHaveLength(2)
  })

  it("a cache V8 rejects is replaced, and the command runs as without one", () => {
    const first = run("conflicts", "--help")
    const cache = path.join(chunks(), caches()[0]!)
    const good = fs.readFileSync(cache)
    const spoiled = Buffer.alloc(good.length, 7)
    fs.writeFileSync(cache, spoiled)
    expect(run("conflicts", "--help")).toBe(first)
    expect(fs.readFileSync(cache).equals(spoiled)).toBe(false)
    const rewritten = fs.statSync(cache)
    run("conflicts", "--help")
    expect(fs.statSync(cache).ino).toBe(rewritten.ino) // and the new one is read
  })

  it("runs under other V8 flags keep a cache of their own, and each is read again", () => {
    const flags = /^#!\/usr\/bin\/env -S node (.+)$/m.exec(fs.readFileSync(CLI, "utf8"))![1]!.split(" ")
    expect(flags).toEqual(["--max-semi-space-size=4"])
    const plain = run("learn", "--help")
    expect(runWith(flags, "learn", "--help")).toBe(plain)
    expect(caches()).toHaveLength(2)
    const written = caches().map((f) => fs.statSync(path.join(chunks(), f)).ino)
    run("learn", "--help")
    runWith(flags, "learn", "--help")
    // neither rejected the other's: both read, neither written again
    expect(caches().map((f) => fs.statSync(path.join(chunks(), f)).ino)).toEqual(written)
  })

  it("a rebuilt bundle never runs an old cache: the new one has another name", () => {
    run("sources", "--help")
    const before = caches()
    const bundle = path.join(chunks(), "reckon-cli.cjs")
    const later = new Date(Date.now() + 5_000)
    fs.utimesSync(bundle, later, later)
    run("sources", "--help")
    expect(caches()).toHaveLength(2)
    expect(caches()).toEqual(expect.arrayContaining(before))
  })

  it("a run that fails writes no cache: the next one that succeeds does", () => {
    const r = spawnSync(process.execPath, [path.join(dir, "reckon.mjs"), "explain", "--no-such-option"], { encoding: "utf8" })
    expect(r.status).toBe(2)
    expect(caches()).toEqual([])
    run("explain", "--help")
    expect(caches()).toHaveLength(1)
  })

  it("an argument that is not a command name does not name a cache file", () => {
    run("--help")
    run("-q", "--help")
    expect(caches().map((f) => f.split(".").at(-2))).toEqual(["none"])
  })
})
