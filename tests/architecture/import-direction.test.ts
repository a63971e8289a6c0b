import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Imports point one way (the brief's architecture): the CLI uses everything, the pure core
 * nothing; the ledger is the only door to the database. Read from the source files themselves.
 */

const SRC = path.resolve("src")

/** How far up a folder sits: a folder may import only folders of a lower rank (or its own). */
const RANK: Readonly<Record<string, number>> = {
  domain: 0,
  ledger: 1,
  adapters: 2, ingest: 2, reliability: 2,
  query: 3,
  audit: 4, eval: 4, jobs: 4,
  cli: 9,
}
/** Packages that talk to a database: only src/ledger/ may import them. */
const DRIVERS = new Set(["better-sqlite3", "pg", "pg-cursor", "pg-copy-streams", "kysely"])

interface Import { readonly file: string; readonly from: string; readonly folder: string | null; readonly pkg: string | null }

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [])

/** Every import of every file under src/: the project folder it reaches (or the package). */
const imports = (): Import[] =>
  sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8")
    const from = path.relative(SRC, file).split(path.sep)[0]!
    return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"'`;]*?from\s+["']([^"']+)["']|(?:import|[rR]equire)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => {
      const spec = (m[1] ?? m[2])!
      if (!spec.startsWith(".")) return { file, from, folder: null, pkg: spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]! }
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec))
      return { file, from, folder: target.startsWith("..") ? `../${target.split(path.sep)[1]}` : target.split(path.sep)[0]!, pkg: null }
    })
  })

const where = (i: Import) => `${path.relative(process.cwd(), i.file)} imports ${i.folder ?? i.pkg}`

describe("import direction in src/", () => {
  const all = imports()
  const crossing = all.filter((i) => i.folder !== null && i.folder !== i.from)

  it("finds the imports it checks (the scan reads the code)", () => {
    expect(all.length).toBeGreaterThan(300)
    expect(crossing.some((i) => i.from === "cli" && i.folder === "ledger")).toBe(true)
  })

  it("domain/ imports no other project folder, no Effect and no I/O", () => {
    expect(all.filter((i) => i.from === "domain" && (i.folder !== null ? i.folder !== "domain" : i.pkg === "effect" || i.pkg!.startsWith("node:"))).map(where)).toEqual([])
  })

  it("ledger/ imports no project folder but domain/ (and its migrations)", () => {
    expect(crossing.filter((i) => i.from === "ledger" && i.folder !== "domain" && i.folder !== "../migrations").map(where)).toEqual([])
  })

  it("no file outside ledger/ imports a database driver or kysely", () => {
    expect(all.filter((i) => i.from !== "ledger" && i.pkg !== null && DRIVERS.has(i.pkg)).map(where)).toEqual([])
  })

  it("no file outside ledger/ writes SQL", () => {
    const SQL = /\b(SELECT\s+[\w*(][^\n]*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TABLE|INDEX|VIEW)|PRAGMA\s)/
    const writers = sourceFiles(SRC).filter((f) => !path.relative(SRC, f).startsWith(`ledger${path.sep}`) && SQL.test(fs.readFileSync(f, "utf8")))
    expect(writers.map((f) => path.relative(process.cwd(), f))).toEqual([])
    expect(sourceFiles(path.join(SRC, "ledger")).some((f) => SQL.test(fs.readFileSync(f, "utf8")))).toBe(true) // the pattern finds SQL
  })

  it("no folder imports one above it", () => {
    const upward = crossing.filter((i) => i.folder! in RANK && i.from in RANK && RANK[i.folder!]! > RANK[i.from]!)
    expect(upward.map(where)).toEqual([])
    expect(crossing.filter((i) => i.folder === "cli").map(where)).toEqual([])
  })

  it("the folders form no cycle (folders not ranked yet included)", () => {
    const edges = new Map<string, Set<string>>()
    for (const i of crossing) if (!i.folder!.startsWith("..")) edges.set(i.from, (edges.get(i.from) ?? new Set()).add(i.folder!))
    const cycles: string[] = []
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(" -> "))
        return
      }
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node])
    }
    for (const node of edges.keys()) visit(node, [])
    expect(cycles).toEqual([])
  })
})
