import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Start-up (issue 17): every command reads and compiles what dist/reckon.mjs imports statically,
 * so that is the command definitions alone; a handler and what it needs (the ledger, zod, yaml…)
 * load when its command runs. Checked on the build's own record of which source went into which
 * chunk (esbuild's metafile), not on timings.
 */

const DIST = path.resolve(import.meta.dirname, "../../dist")
interface Output { readonly imports: readonly { readonly path: string; readonly kind: string }[]; readonly inputs: Record<string, unknown> }
const meta = (): Record<string, Output> => JSON.parse(fs.readFileSync(path.join(DIST, "reckon.meta.json"), "utf8")).outputs

/** The sources bundled into `entry` and every chunk it imports statically (what loading it evaluates). */
const staticInputs = (outputs: Record<string, Output>, entry: string): string[] => {
  const seen = new Set<string>()
  const visit = (o: string): void => {
    if (seen.has(o)) return
    seen.add(o)
    for (const i of outputs[o]!.imports) if (i.kind === "import-statement" && outputs[i.path]) visit(i.path)
  }
  visit(entry)
  return [...seen].flatMap((o) => Object.keys(outputs[o]!.inputs))
}

const outputNamed = (outputs: Record<string, Output>, pattern: RegExp): string => {
  const found = Object.keys(outputs).filter((k) => pattern.test(k))
  expect(found).toHaveLength(1)
  return found[0]!
}

const packages = (inputs: readonly string[]): Set<string> =>
  new Set(inputs.flatMap((i) => {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)
    return m ? [m[1]!] : []
  }))

/** What only some commands need: never loaded at start-up, nor by `reckon figures`. */
const HEAVY = ["zod", "yaml", "toml", "luxon", "cron-parser", "csv-parse", "cli-progress"]

describe("what a command loads", () => {
  const outputs = meta()
  const startup = staticInputs(outputs, outputNamed(outputs, /(^|\/)dist\/reckon\.mjs$/))
  const figures = staticInputs(outputs, outputNamed(outputs, /\/chunks\/figures-run-[^/]*\.mjs$/))

  it("start-up (help, completions, parsing) loads the command definitions and no handler", () => {
    expect(packages(startup).has("@effect/cli")).toBe(true) // the scan sees the bundle's sources
    expect(startup.some((i) => i.endsWith("src/cli/commands/figures-command.js"))).toBe(true)
    expect(startup.filter((i) => /-run\.js$|\/src\/(ledger|ingest|domain)\/|\/src\/query\/query-/.test(i))).toEqual([])
    expect(HEAVY.filter((p) => packages(startup).has(p))).toEqual([])
    expect(packages(startup).has("kysely")).toBe(false)
  })

  it("`reckon figures` loads the ledger and the core, not the parsers of other commands", () => {
    expect(packages(figures).has("kysely")).toBe(true)
    expect(figures.some((i) => i.endsWith("src/domain/reconcile.js"))).toBe(true)
    expect(HEAVY.filter((p) => packages(figures).has(p))).toEqual([])
  })
})
