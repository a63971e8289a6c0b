#!/usr/bin/env -S node --max-semi-space-size=4
// The `reckon` executable (dist/reckon.mjs). Start-up (issue 17): most of a short command's time
// was V8 compiling the CLI bundle, the same bytes every run. This runs the bundle (one CommonJS
// file, dist/chunks/reckon-cli.cjs, built from main.ts) through `vm.Script` with V8's code cache,
// the mechanism behind Node 22's `module.enableCompileCache`, which Node 20 lacks.
//
// One cache per command: a cache holds the functions compiled by the run that made it, so each
// command keeps its own. A cache is named after the bundle's size and modification time: V8
// checks only a source's length, and a rebuilt bundle of the same length must not run old code.
// The name carries V8's version tag too, which covers Node's version and V8's flags: `reckon` and
// `node dist/reckon.mjs` run under different flags (below), and each keeps its own cache instead of
// rejecting the other's. A cache V8 still rejects is written again; one that cannot be written (a
// read-only install) is simply not kept.
//
// Memory: the main thread's young generation. The shebang gives it 4 MB semi-spaces instead of
// V8's 16: an ingest's main thread keeps each batch it receives alive until it is written, so V8
// grew its semi-spaces to the maximum, ~48 MB committed for some 25 MB of live data; at 1M claims
// this took peak RSS from 278 to 253 MB at the same speed. It cannot be set from here (the heap is
// configured before any script runs); worker threads get theirs from their resource limits.
import * as fs from "node:fs"
import Module, { createRequire } from "node:module"
import * as path from "node:path"
import * as v8 from "node:v8"
import * as vm from "node:vm"

const BUNDLE = path.join(import.meta.dirname, "chunks", "reckon-cli.cjs")

/**
 * How much V8 lets a heap grow past what survived its last full collection, in percent, for every
 * thread. V8's own factor, meant for interactive pages, let an ingest's heaps grow to several
 * times what they held: at 100k claims the main thread held 34 MB live in 140 MB of heap, and the
 * ingest peaked at 428 MB of RSS; with 25% it peaks at 278 MB, and takes 21.8 s instead of 20.3 s.
 * Unlike a heap limit this can never fail a command that needs more memory: it only collects
 * sooner. Set before the bundle is compiled, so that the code cache is made and read under the
 * same flags (V8 rejects a cache made under others).
 */
const HEAP_GROWING_PERCENT = 25
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)

/** The cache file for this bundle and this command, or null when the command word is not a plain name. */
const cacheFile = (stat: fs.Stats, command: string | undefined): string | null => {
  const name = command !== undefined && /^[a-z][a-z-]{0,30}$/.test(command) ? command : "none"
  return path.join(path.dirname(BUNDLE), `reckon-cli.${stat.size}-${Math.trunc(stat.mtimeMs)}-${v8.cachedDataVersionTag()}.${name}.v8cache`)
}

const readCache = (file: string | null): Buffer | undefined => {
  if (file === null) return undefined
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

const writeCache = (file: string, script: vm.Script): void => {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    fs.writeFileSync(tmp, script.createCachedData())
    fs.renameSync(tmp, file) // atomic: two runs writing at once leave one whole cache
  } catch {
    fs.rmSync(tmp, { force: true })
  }
}

const source = fs.readFileSync(BUNDLE, "utf8")
const file = cacheFile(fs.statSync(BUNDLE), process.argv[2])
const cachedData = readCache(file)
// No `import()` may be left in the bundle: Node 20 serves it in a vm.Script only behind a flag, and
// not at all for a script compiled from a cache. The packages kept out of the bundle (pg, jsdom,
// the NLP model) are required where they are needed; start-up.test.ts checks that none is imported.
const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, ...(cachedData === undefined ? {} : { cachedData }) })
if (file !== null && (cachedData === undefined || script.cachedDataRejected === true)) {
  // At exit, so that the cache holds every function this command compiled; after a run that
  // succeeded, so that a first run cut short by a mistake does not leave a cache of little use.
  process.once("exit", (code) => code === 0 && writeCache(file, script))
}
const module = { exports: {} }
;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE))
