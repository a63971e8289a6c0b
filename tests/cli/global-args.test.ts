import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { CommandSpec } from "../../src/cli/command-tree.js"
import { completeWords } from "../../src/cli/completions.js"
import { splitGlobalArgs, STDIN_ARG } from "../../src/cli/global-args.js"

const leaf = (name: string, options: CommandSpec["options"] = []): CommandSpec => ({ name, description: "", options, args: [], subcommands: [] })
const opt = (name: string, value: string | null, choices: string[] | null = null) =>
  ({ name, aliases: [], value, choices, description: "", repeated: false, required: false, defaultValue: null })
const tree: CommandSpec = {
  name: "reckon", description: "", options: [], args: [],
  subcommands: [
    leaf("figures", [opt("--db", "FILE"), opt("--format", "table|json|ndjson|csv", ["table", "json", "ndjson", "csv"]), opt("--event", "EVENT")]),
    { ...leaf("jobs"), subcommands: [leaf("status", [opt("--db", "FILE")]), leaf("run", [opt("--db", "FILE")])] },
  ],
}

const FLAGS = ["-q", "--quiet", "--wide", "--no-color", "--csv-raw"]

describe("splitGlobalArgs", () => {
  it("moves --db and --format written before or between subcommands after them, and takes the run-wide flags out", () => {
    const r = splitGlobalArgs(tree, ["-q", "--db", "x.db", "jobs", "--format=json", "status", "--wide", "--limit", "3"])
    expect(r).toEqual({ ok: true, args: ["jobs", "status", "--limit", "3", "--db", "x.db", "--format=json"],
      settings: { quiet: true, wide: true, noColor: false, csvRaw: false, logLevel: null } })
    expect(splitGlobalArgs(tree, ["figures", "--", "-q"])).toMatchObject({ ok: true, args: ["figures", "--", "-q"], settings: { quiet: false } })
    expect(splitGlobalArgs(tree, ["figures", "--log-level=Warning"])).toMatchObject({ ok: true, args: ["figures"], settings: { logLevel: "warning" } })
    expect(splitGlobalArgs(tree, ["--log-level"])).toEqual({ ok: false, message: "--log-level: expected one of all, trace, debug, info, warning, error, fatal, none" })
    expect(splitGlobalArgs(tree, ["figures", "-"])).toMatchObject({ args: ["figures", STDIN_ARG] })
  })

  const word = fc.constantFrom("figures", "jobs", "status", "run", "x", "--event", "e1", "--limit", "3", ...FLAGS)
  const pair = fc.tuple(fc.constantFrom("--db", "--format"), fc.constantFrom("a.db", "json", "figures"))
  const line = fc.array(fc.oneof(word.map((w) => [w]), pair.map(([o, v]) => [o, v])), { maxLength: 12 }).map((parts) => parts.flat())

  test.prop([line])("keeps every word but the flags, in order but for the lifted --db/--format pairs, which stay whole", (args) => {
    const r = splitGlobalArgs(tree, args)
    if (!r.ok) throw new Error(r.message)
    const kept = args.filter((a) => !FLAGS.includes(a))
    expect([...r.args].sort()).toEqual([...kept].sort())
    expect(r.settings.quiet).toBe(args.includes("-q") || args.includes("--quiet"))
    expect(r.settings.wide).toBe(args.includes("--wide"))
    // whatever moved, an option and its value are still next to each other
    for (let i = 0; i < r.args.length; i++) {
      if ((r.args[i] === "--db" || r.args[i] === "--format") && i + 1 < r.args.length) expect(["a.db", "json", "figures"]).toContain(r.args[i + 1])
    }
    // the words other than the lifted pairs keep their order
    const unlifted = (xs: readonly string[]) => xs.filter((a, i) => !(a === "--db" || a === "--format" || xs[i - 1] === "--db" || xs[i - 1] === "--format"))
    expect(unlifted(r.args)).toEqual(unlifted(kept))
  })
})

describe("completeWords", () => {
  test.prop([fc.constantFrom("", "t", "j", "n", "c", "x")])("offers the choices of --format one by one, those starting with what is typed", (typed) => {
    const got = completeWords(tree, ["figures", "--format", typed])
    expect(got.words).toEqual(["csv", "json", "ndjson", "table"].filter((c) => c.startsWith(typed)))
    for (const w of got.words) expect(w).not.toContain(",")
  })

  it("offers subcommands, unused options, ledger names and files", () => {
    expect(completeWords(tree, ["jobs", ""]).words).toEqual(["run", "status"])
    expect(completeWords(tree, ["figures", "--event", "a", "--"]).words).not.toContain("--event")
    expect(completeWords(tree, ["figures", "--event", "sp"], { "--event": ["spider-web", "strike"] }).words).toEqual(["spider-web"])
    expect(completeWords(tree, ["figures", "--db", ""])).toEqual({ words: [], files: true })
  })
})
