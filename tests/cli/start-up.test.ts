import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Start-up (issue 17): every command evaluates what the CLI's entry imports statically, so that is
 * the command definitions alone; a handler and what it needs (the ledger, zod, yaml…) is reached
 * through `import()`, which the bundle turns into a module initialized when its command runs.
 * Checked on the build's own record of which source imports which, and how (esbuild's metafile),
 * not on timings.
 */

const DIST = path.resolve(import.meta.dirname, "../../dist")
interface Input { readonly imports: readonly { readonly path: string; readonly kind: string; readonly external?: boolean }[] }
interface Meta {
  readonly inputs: Record<string, Input>
  readonly outputs: Record<string, { readonly inputs: Record<string, { readonly bytesInOutput: number }> }>
}

const readMeta = (): Meta => JSON.parse(fs.readFileSync(path.join(DIST, "reckon.meta.json"), "utf8")) as Meta

/** The sources that are in the bundle, with their imports (what tree shaking dropped is not there to run). */
const bundledInputs = (m: Meta): Record<string, Input> => {
  const bundled = new Set(Object.values(m.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([name]) => name)))
  return Object.fromEntries(Object.entries(m.inputs).filter(([name]) => bundled.has(name)))
}

/** Kinds of import evaluated when the importing module is: everything but `import()`. */
const EAGER = new Set(["import-statement", "require-call"])

/** The sources evaluated when `entry` is: it and what it imports, statically, transitively. */
const staticInputs = (inputs: Record<string, Input>, entry: string): string[] => {
  expect(inputs[entry], entry).toBeDefined()
  const seen = new Set<string>()
  const visit = (i: string): void => {
    if (seen.has(i) || !inputs[i]) return
    seen.add(i)
    for (const dep of inputs[i]!.imports) if (EAGER.has(dep.kind) && dep.external !== true) visit(dep.path)
  }
  visit(entry)
  return [...seen]
}

const packages = (inputs: readonly string[]): Set<string> =>
  new Set(inputs.flatMap((i) => {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)
    return m ? [m[1]!] : []
  }))

/** What only some commands need: never loaded at start-up, nor by `reckon figures`. */
const HEAVY = ["zod", "yaml", "toml", "luxon", "cron-parser", "csv-parse", "cli-progress"]

describe("what a command loads", () => {
  const all = readMeta()
  const inputs = bundledInputs(all)
  const startup = staticInputs(inputs, "dist/src/cli/main.js")
  const figures = staticInputs(inputs, "dist/src/cli/commands/figures-run.js")

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

  it("nothing in the bundle is left to `import()`, which the launcher's vm.Script cannot serve from a code cache", () => {
    const raw = all.inputs
    const left = Object.entries(raw).flatMap(([name, i]) => i.imports.filter((d) => d.kind === "dynamic-import" && d.external === true).map((d) => `${name} imports ${d.path}`))
    expect(left).toEqual([])
    // the scan sees dynamic imports: the handlers are reached through them, inside the bundle
    expect(Object.values(raw).some((i) => i.imports.some((d) => d.kind === "dynamic-import" && d.path.endsWith("figures-run.js")))).toBe(true)
  })

  it("no module of ours imports effect's index, which evaluates all of effect (its Schema, its fast-check) on every start", () => {
    const index = Object.entries(inputs).filter(([, i]) => i.imports.some((d) => d.path === "node_modules/effect/dist/esm/index.js"))
    expect(index.map(([name]) => name).filter((n) => !n.includes("node_modules/"))).toEqual([])
  })
})

