import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { parse as parseCsv } from "csv-parse/sync"
import { parse as parseYaml } from "yaml"
import { describe, expect, it } from "vitest"
import { z } from "zod"
import { looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { query } from "../support/run-with-ledger.js"
import { GOOD_CLAIMS, line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const ANSI = /\x1b\[/

const setup = () => {
  const dir = tempDir()
  writeFiles(dir, { "small/dataset.yaml": SMALL_CATALOG, "small/claims.ndjson": GOOD_CLAIMS.join("\n") })
  return { dir, db: path.join(dir, "l.db") }
}

const ingested = () => {
  const s = setup()
  expect(runCli(["ingest", "small", "--db", s.db], { cwd: s.dir }).code).toBe(0)
  return s
}

describe("global options before or after the subcommand (SPEC §6)", () => {
  it("takes --db and --format before the subcommand, between subcommands, and as --db=PATH", () => {
    const { dir, db } = setup()
    const first = runCli(["--db", db, "--format", "json", "ingest", "small"], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject([{ read: 4, inserted: 4 }])
    const before = runCli(["--format", "ndjson", `--db=${db}`, "claims", "--metric", "aircraft.hit"], { cwd: dir })
    expect(before.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(["sbu-hit-41"])
    const after = runCli(["claims", "--metric", "aircraft.hit", "--format", "ndjson", "--db", db], { cwd: dir })
    expect(after.stdout).toBe(before.stdout)
    const between = runCli(["jobs", "--db", db, "status", "--format", "json"], { cwd: dir })
    expect(between.code, between.stderr).toBe(0)
    expect(JSON.parse(between.stdout)).toEqual([])
    // nothing was created in the working folder: the ledger named before the subcommand was used
    expect(fs.existsSync(path.join(dir, "reckon.db"))).toBe(false)
  })

  it("takes --quiet, --log-level and --no-color anywhere, and names a bad level", () => {
    const { dir, db } = setup()
    const quiet = runCli(["-q", "ingest", "small", "--db", db, "--log-level", "warning"], { cwd: dir })
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe("")
    const loud = runCli(["ingest", "small", "--db", db, "--no-color"], { cwd: dir })
    expect(loud.stderr).toMatch(/^read 4 = inserted 0 \+ duplicates 4 \+ rejected 0/)
    const bad = runCli(["--log-level", "loud", "figures", "--db", db], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe("reckon: --log-level loud: expected one of all, trace, debug, info, warning, error, fatal, none\n")
  })
})

describe("help, usage errors and colour", () => {
  const commands = [[], ["ingest"], ["figures"], ["conflicts"], ["explain"], ["claims"], ["sources"], ["audit"], ["migrate"], ["jobs"],
    ["jobs", "serve"], ["jobs", "run"], ["jobs", "status"], ["learn"], ["extract"], ["schema"], ["parse"], ["report"], ["web"], ["add"],
    ["reconcile"]]

  it("fits every command's help on one screen (24 lines of 80; the list of commands: one line each), with usage and an example, no ANSI in a pipe", () => {
    const dir = tempDir()
    for (const words of commands) {
      const r = runCli([...words, "--help"], { cwd: dir })
      const label = `reckon ${words.join(" ")} --help`
      expect(r.code, label).toBe(0)
      const lines = r.stdout.trimEnd().split("\n")
      // the list of commands: one line per command, and at most 12 more
      const commandLines = r.stdout.split("\n").filter((l) => /^ {2}[a-z]+ {2,}/.test(l)).length
      expect(lines.length, `${label}:\n${r.stdout}`).toBeLessThanOrEqual(words.length === 0 ? commandLines + 12 : 24)
      for (const l of lines) expect(l.length, `${label}: ${l}`).toBeLessThanOrEqual(80)
      expect(r.stdout, label).toMatch(/^Usage: reckon/m)
      expect(r.stdout, label).toMatch(/^Examples?:\n {2}reckon /m)
      expect(r.stdout, label).not.toMatch(ANSI)
    }
    // the help tells the options of the command with their descriptions
    const figures = runCli(["figures", "-h"], { cwd: dir }).stdout
    expect(figures).toMatch(/--status STATUS +only figures with this status; one of single-source,/)
    expect(figures).toMatch(/--scope DIM=VALUE… +the exact cell, one per dimension/)
    expect(figures).toMatch(/^Anywhere: --db FILE, --format table\|json\|ndjson\|csv, -q, --wide, --no-color$/m)
    expect(runCli(["--help"], { cwd: dir }).stdout.replace(/\n/g, " ")).toMatch(/--csv-raw, --log-level L, -h\/--help/)
    expect(runCli([], { cwd: dir }).stdout).toBe(runCli(["--help"], { cwd: dir }).stdout)
  })

  it("answers an unknown command or option with one plain line naming the closest, exit 2", () => {
    const dir = tempDir()
    const cmd = runCli(["figurs"], { cwd: dir })
    expect(cmd.code).toBe(2)
    expect(cmd.stderr).toBe('reckon: unknown command "figurs" (did you mean figures?); reckon --help lists them\n')
    const sub = runCli(["jobs", "stats", "--help"], { cwd: dir })
    expect(sub.code).toBe(2)
    expect(sub.stderr).toMatch(/^reckon jobs: unknown command "stats" \(did you mean status\?\)/)
    const opt = runCli(["figures", "--evnt", "x"], { cwd: dir })
    expect(opt.code).toBe(2)
    expect(opt.stderr).toMatch(/^reckon figures: .*--evnt/)
    expect(opt.stderr).toMatch(/did you mean --event\?/)
    expect(opt.stderr).not.toMatch(ANSI)
    const missing = runCli(["explain", "--metric", "m"], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^reckon explain: Expected to find option: '--event'\n\(reckon explain --help shows the options\)\n$/)
    for (const r of [cmd, sub, opt, missing]) expect(looksLikeStackTrace(r.stderr)).toBe(false)
  })
})

describe("completions", () => {
  it("completes a choice's values one by one, subcommands, options once, and files where a path goes", () => {
    const dir = tempDir()
    const words = (args: string[]) => runCli(["__complete", ...args], { cwd: dir }).stdout.split("\n").filter((w) => w !== "")
    expect(words(["figures", "--format", ""])).toEqual(["csv", "json", "ndjson", "table"])
    expect(words(["figures", "--format=n"])).toEqual(["--format=ndjson"])
    expect(words(["figures", "--status", "co"])).toEqual(["conflict", "consistent"])
    expect(words(["jobs", ""])).toEqual(["run", "serve", "status"])
    expect(words(["fig"])).toEqual(["figures"])
    expect(words(["figures", "--event", "x", "--e"])).toEqual([])
    expect(words(["figures", "--scope", "a=b", "--sc"])).toEqual(["--scope"])
    expect(words(["ingest", ""])).toEqual([":files"])
    expect(words(["ingest", "--dataset", ""])).toEqual([":files"])
  })

  it("completes event, metric, source and scope names from the ledger, and never creates one", () => {
    const { dir, db } = ingested()
    const words = (args: string[]) => runCli(["__complete", ...args], { cwd: dir }).stdout.trim().split("\n")
    expect(words(["figures", "--db", db, "--metric", "aircraft.d"])).toEqual(["aircraft.damaged", "aircraft.destroyed"])
    expect(words(["claims", "--db", db, "--event", ""])).toEqual(["strike"])
    expect(words(["claims", "--db", db, "--source", "s"])).toEqual(["sbu", "suspilne"])
    expect(words(["figures", "--db", db, "--scope", "type=Tu"])).toEqual(["type=Tu-95", "type=Tu-95MS"])
    expect(runCli(["__complete", "figures", "--event", ""], { cwd: dir, env: { RECKON_DB: db } }).stdout).toBe("strike\n")
    const none = runCli(["__complete", "figures", "--db", "nope.db", "--event", ""], { cwd: dir })
    expect(none.stdout.trim()).toBe("")
    expect(fs.existsSync(path.join(dir, "nope.db"))).toBe(false)
  })

  it("installs in a real bash: Tab after --format offers four separate words", () => {
    const { dir, db } = ingested()
    const script = runCli(["--completions", "bash"], { cwd: dir }).stdout
    const bin = writeFiles(tempDir(), { "reckon": `#!/bin/sh\nexec "${process.execPath}" "${path.resolve("dist/reckon.mjs")}" "$@"\n` })
    fs.chmodSync(path.join(bin, "reckon"), 0o755)
    const tab = (line: string[]) => {
      const program = `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${line.length - 1}; _reckon_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
      const r = spawnSync("bash", ["-c", program], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env["PATH"]}`, RECKON_DB: db } })
      return r.stdout.trim().split("\n")
    }
    expect(tab(["reckon", "figures", "--format", ""])).toEqual(["csv", "json", "ndjson", "table"])
    expect(tab(["reckon", "explain", "--metric", "aircraft.h"])).toEqual(["aircraft.hit"])
    expect(runCli(["--completions", "zsh"], { cwd: dir }).stdout).toMatch(/^#compdef reckon/)
    expect(runCli(["--completions", "fish"], { cwd: dir }).stdout).toMatch(/complete -c reckon/)
    const bad = runCli(["--completions", "tcsh"], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe("reckon: --completions tcsh: expected one of bash, zsh, fish\n")
  })
})

/** Every key of a JSON value is snake_case, except inside the maps whose keys are data (scope). */
const nonSnakeKeys = (value: unknown, at = ""): string[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonSnakeKeys(v, `${at}[${i}]`))
  if (value === null || typeof value !== "object") return []
  return Object.entries(value).flatMap(([k, v]) => [
    ...(/^[a-z][a-z0-9_]*$/.test(k) ? [] : [`${at}.${k}`]),
    ...(k === "scope" ? [] : nonSnakeKeys(v, `${at}.${k}`)),
  ])
}

describe("CSV and JSON names (SPEC §6)", () => {
  it("prints flat typed CSV: range_lo/range_hi (empty when unbounded), best, scope.<dim>, via as a>b>c", () => {
    const { dir, db } = ingested()
    writeFiles(dir, { "floor.ndjson": line({ id: "f1", event: "strike", metric: "missiles.launched", source: "isw", value: "at least 3", quote: "at least 3" }) })
    expect(runCli(["ingest", "floor.ndjson", "--db", db], { cwd: dir }).code).toBe(0)
    const csv = (args: string[]) => parseCsv(runCli([...args, "--db", db, "--format", "csv"], { cwd: dir }).stdout, { columns: true }) as Record<string, string>[]
    const figures = csv(["figures"])
    expect(Object.keys(figures[0]!)).toEqual(["event", "metric", "scope.location", "scope.type", "at", "status", "range_lo", "range_hi", "best",
      "best_candidates", "direct_lo", "direct_hi", "implied_lo", "implied_hi", "voices", "claims", "conflicts", "heuristic"])
    const json = JSON.parse(runCli(["figures", "--db", db, "--format", "json"], { cwd: dir }).stdout) as { metric: string; scope: Record<string, string>; range: { lo: number | null; hi: number | null } | null; best: number | null }[]
    expect(figures).toHaveLength(json.length)
    json.forEach((f, i) => {
      const row = figures[i]!
      expect([row["metric"], row["scope.location"], row["scope.type"]]).toEqual([f.metric, f.scope["location"] ?? "", f.scope["type"] ?? ""])
      expect([row["range_lo"], row["range_hi"], row["best"]]).toEqual([String(f.range?.lo ?? ""), String(f.range?.hi ?? ""), String(f.best ?? "")])
    })
    // some figure is unbounded above (a floor): its range_hi is empty, never "∞"
    expect(json.some((f) => f.range !== null && f.range.hi === null)).toBe(true)
    expect(figures.every((r) => !/∞|\[|\(/.test(`${r["range_lo"]}${r["range_hi"]}`))).toBe(true)
    const claims = csv(["claims", "--metric", "aircraft.damaged"])
    expect(claims[0]).toMatchObject({ id: "nato-damaged-40", via: "suspilne>isw", lo: "40", hi: "40", quote: "damaged 40", "scope.location": "", "scope.type": "" })
    const scoped = csv(["claims", "--source", "avivector"])
    expect(scoped[0]).toMatchObject({ "scope.location": "olenya", "scope.type": "Tu-95MS" })
  })

  it("uses snake_case names in every JSON output, and claims carry quote and url", () => {
    const { dir, db } = ingested()
    writeFiles(dir, { "more.ndjson": line({ id: "u1", event: "strike", metric: "missiles.launched", source: "isw", value: "at least 3", url: "https://example.org/a" }) })
    expect(runCli(["ingest", "more.ndjson", "--db", db], { cwd: dir }).code).toBe(0)
    for (const args of [["figures"], ["conflicts"], ["claims"], ["sources"], ["jobs", "status"], ["explain", "--event", "strike", "--metric", "aircraft.hit"]]) {
      const out = JSON.parse(runCli([...args, "--db", db, "--format", "json"], { cwd: dir }).stdout)
      expect(nonSnakeKeys(out), args.join(" ")).toEqual([])
    }
    const claims = JSON.parse(runCli(["claims", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    expect(claims.find((c) => c["id"] === "u1")).toMatchObject({ quote: null, url: "https://example.org/a" })
    expect(claims.find((c) => c["id"] === "sbu-hit-41")).toMatchObject({ quote: "hit 41 Russian aircraft", url: null })
    const table = runCli(["claims", "--db", db], { cwd: dir }).stdout
    expect(table.split("\n")[0]).toMatch(/\bquote\s+url$/)
    expect(table).toContain("https://example.org/a")
    const sources = JSON.parse(runCli(["sources", "--db", db, "--format", "json"], { cwd: dir }).stdout) as Record<string, unknown>[]
    expect(Object.keys(sources[0]!)).toEqual(expect.arrayContaining(["prior_weight", "learned_weight", "weight_used", "contested", "agreement", "copy_group"]))
    expect(runCli(["sources", "--db", db, "--format", "csv"], { cwd: dir }).stdout.split("\n")[0]).not.toMatch(/ /)
  })
})

describe("the ledger's views use the CLI's names", () => {
  it("names the columns of claims_readable, figures_readable and conflicts_readable as the JSON and CSV do", () => {
    const { dir, db } = ingested()
    const columns = (view: string) => query<{ name: string }>(db, `SELECT name FROM pragma_table_info('${view}')`).map((c) => c.name)
    const claimKeys = Object.keys(JSON.parse(runCli(["claims", "--db", db, "--format", "json", "--limit", "1"], { cwd: dir }).stdout)[0])
    expect(columns("claims_readable")).toEqual(expect.arrayContaining(claimKeys))
    const header = (args: string[]) => runCli([...args, "--db", db, "--format", "csv"], { cwd: dir }).stdout.split("\n")[0]!.split(",")
    // scope is the key in SQL and one scope.<dim> column per dimension in CSV; computed is the ledger's own
    expect(header(["figures"])).toEqual(expect.arrayContaining(columns("figures_readable").filter((c) => c !== "scope" && c !== "computed")))
    expect(header(["conflicts"])).toEqual(expect.arrayContaining(columns("conflicts_readable").filter((c) => c !== "scope")))
    // the "all" scope is '' in the ledger and an empty cell in tables and CSV
    const row = query<{ id: string; scope: string; value: string }>(db, "SELECT id, scope, value FROM claims_readable WHERE id = 'sbu-hit-41'")[0]!
    expect(row).toEqual({ id: "sbu-hit-41", scope: "", value: "41 aircraft" })
  })
})

describe("reckon schema", () => {
  const schemaOf = (dir: string, name: string) => {
    const r = runCli(["schema", name], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const schema = JSON.parse(r.stdout) as Record<string, unknown>
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema")
    return z.fromJSONSchema(schema as never)
  }

  it("prints JSON Schemas that accept every shipped dataset, claim, expect file and jobs config, and refuse unknown keys", () => {
    const dir = tempDir()
    const dataset = schemaOf(dir, "dataset")
    const claim = schemaOf(dir, "claim")
    const expect_ = schemaOf(dir, "expect")
    const jobs = schemaOf(dir, "jobs")
    const root = path.resolve("datasets")
    let claims = 0
    for (const name of fs.readdirSync(root)) {
      const folder = path.join(root, name)
      if (!fs.existsSync(path.join(folder, "dataset.yaml"))) continue
      const catalog = parseYaml(fs.readFileSync(path.join(folder, "dataset.yaml"), "utf8"), { version: "1.2" })
      expect(dataset.safeParse(catalog).success, `${name}/dataset.yaml`).toBe(true)
      if (fs.existsSync(path.join(folder, "expect.yaml"))) {
        const parsed = expect_.safeParse(parseYaml(fs.readFileSync(path.join(folder, "expect.yaml"), "utf8"), { version: "1.2" }) ?? {})
        expect(parsed.success, `${name}/expect.yaml: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true)
      }
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith(".ndjson"))) {
        for (const l of fs.readFileSync(path.join(folder, file), "utf8").split("\n").filter((x) => x.trim() !== "")) {
          const parsed = claim.safeParse(JSON.parse(l))
          expect(parsed.success, `${name}/${file}: ${l}`).toBe(true)
          claims++
        }
      }
    }
    expect(claims).toBeGreaterThan(50)
    expect(claim.safeParse({ event: "e", metric: "m", source: "s", value: 1, colour: "red" }).success).toBe(false)
    expect(claim.safeParse({ event: "e", metric: "m", source: "s", value: { lo: 1, hi: "3" }, via: "a>b" }).success).toBe(true)
    const config = { jobs: [{ name: "oryx-daily", schedule: "0 6 * * *", from: { dir: "./inbox" }, dataset: "datasets/x", retry: { times: 5, backoff: "2s" } }] }
    expect(jobs.safeParse(config).success).toBe(true)
    expect(jobs.safeParse({ jobs: [{ ...config.jobs[0], every: "1h" }] }).success).toBe(false)
    const bad = runCli(["schema", "catalogue"], { cwd: dir })
    expect(bad.code).toBe(2)
  })
})

describe("audit", () => {
  it("exits 2 for a folder that does not exist or is not a dataset, naming it", () => {
    const dir = tempDir()
    const missing = runCli(["audit", "/nonexistent"], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe("reckon: /nonexistent: no such folder\n")
    fs.mkdirSync(path.join(dir, "empty"))
    const empty = runCli(["audit", "empty"], { cwd: dir })
    expect(empty.code).toBe(2)
    expect(empty.stderr).toBe("reckon: empty: not a dataset folder (no dataset.yaml)\n")
  })
})
