import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { CLI, looksLikeStackTrace, runCli } from "../support/run-cli.js"
import { runInPty, screenLines } from "../support/run-in-pty.js"
import { GOOD_CLAIMS, line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const ingested = (extra: string[] = []) => {
  const dir = tempDir()
  writeFiles(dir, { "small/dataset.yaml": SMALL_CATALOG, "small/claims.ndjson": [...GOOD_CLAIMS, ...extra].join("\n") })
  const db = path.join(dir, "l.db")
  const r = runCli(["ingest", "small", "--db", db], { cwd: dir })
  expect(r.code, r.stderr).toBe(0)
  return { dir, db }
}

/** Claims of many sources and dates, to sort and page through. */
const many = (n: number) => Array.from({ length: n }, (_, i) => line({
  id: `m${String(i).padStart(5, "0")}`, event: "strike", metric: "missiles.launched", source: ["sbu", "isw", "avivector"][i % 3],
  scope: { ...(i % 3 === 0 ? {} : { location: i % 3 === 1 ? "belaya" : "olenya" }), ...(i % 4 === 0 ? {} : { type: ["bomber", "Tu-95", "Tu-95MS"][i % 4 - 1] }) },
  value: i, stated: `2025-06-${String(1 + (i * 7) % 28).padStart(2, "0")}`, quote: `launched ${i}`,
}))

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, unknown>[]

describe("a filter naming what the ledger does not know is a usage error with the closest names (SPEC §6)", () => {
  it("answers the typos of the issue with exit 2 and one line, never (none)", () => {
    const { dir, db } = ingested()
    const cases: [string[], string][] = [
      [["figures", "--event", "nosuch"], "reckon: --event nosuch: no such event in the ledger\n"],
      [["figures", "--metric", "aircraft.destroyd"], "reckon: --metric aircraft.destroyd: no such metric in the ledger (did you mean aircraft.destroyed?)\n"],
      [["figures", "--scope", "typo=Tu-95"], 'reckon: --scope typo=Tu-95: no dimension "typo" in the ledger (did you mean type?)\n'],
      [["figures", "--scope", "type=Tu-96"], 'reckon: --scope type=Tu-96: type has no value "Tu-96" (did you mean Tu-95?)\n'],
      [["explain", "--event", "strike", "--metric", "aircraft.destroyd"], "reckon: --metric aircraft.destroyd: no such metric in the ledger (did you mean aircraft.destroyed?)\n"],
      [["explain", "--event", "strik", "--metric", "aircraft.hit"], "reckon: --event strik: no such event in the ledger (did you mean strike?)\n"],
      [["conflicts", "--metric", "aircraft.hitt"], "reckon: --metric aircraft.hitt: no such metric in the ledger (did you mean aircraft.hit?)\n"],
      [["claims", "--source", "nato"], "reckon: --source nato: no such source in the ledger (did you mean nato-official?)\n"],
      [["claims", "--dataset", "smal"], "reckon: --dataset smal: no such dataset in the ledger (did you mean small?)\n"],
      [["claims", "--scope", "type=Tu-95", "--scope", "type=bomber"], "reckon: --scope type=bomber: type is already Tu-95; give each dimension once\n"],
      [["figures", "--scope", "location=olenya", "--scope", "location=belaya"], "reckon: --scope location=belaya: location is already olenya; give each dimension once\n"],
      [["claims", "--scope", "__proto__=x"], 'reckon: --scope __proto__=x: no dimension "__proto__" in the ledger\n'],
    ]
    for (const [args, want] of cases) {
      const r = runCli([...args, "--db", db], { cwd: dir })
      expect(r.code, args.join(" ")).toBe(2)
      expect(r.stderr, args.join(" ")).toBe(want)
      expect(r.stdout, args.join(" ")).toBe("")
    }
    // a source's alias is a name the ledger knows: it selects the source's claims
    expect(json(runCli(["claims", "--source", "SBU", "--db", db, "--format", "json"], { cwd: dir })).map((c) => c["id"])).toEqual(["sbu-hit-41"])
  })

  it("never creates a ledger by reading: a missing file is exit 2 and stays missing", () => {
    const dir = tempDir()
    for (const args of [["figures"], ["claims"], ["conflicts"], ["sources"], ["explain", "--event", "e", "--metric", "m"], ["jobs", "status"]]) {
      const r = runCli([...args, "--db", "typo.db"], { cwd: dir })
      expect(r.code, args.join(" ")).toBe(2)
      expect(r.stderr, args.join(" ")).toMatch(/^reckon: ledger typo\.db: no such ledger/)
      expect(fs.existsSync(path.join(dir, "typo.db")), args.join(" ")).toBe(false)
    }
  })
})

describe("lists: --limit, --offset, --sort, streaming", () => {
  it("pages and sorts claims in the ledger, and figures and sources in the same way", () => {
    const { dir, db } = ingested(many(30))
    const all = json(runCli(["claims", "--db", db, "--format", "json"], { cwd: dir }))
    expect(all).toHaveLength(34)
    const page = json(runCli(["claims", "--db", db, "--format", "json", "--limit", "5", "--offset", "3"], { cwd: dir }))
    expect(page).toEqual(all.slice(3, 8))
    const byStated = json(runCli(["claims", "--db", db, "--format", "json", "--sort", "stated:desc", "--metric", "missiles.launched"], { cwd: dir }))
    const stated = byStated.map((c) => c["stated"] as string)
    expect(stated).toEqual([...stated].sort().reverse())
    // ties keep the order stored (reversed with :desc)
    const ties = byStated.filter((c) => c["stated"] === stated[0]).map((c) => c["id"] as string)
    expect(ties).toEqual([...ties].sort().reverse())
    const figures = json(runCli(["figures", "--db", db, "--format", "json"], { cwd: dir }))
    const byVoices = json(runCli(["figures", "--db", db, "--format", "json", "--sort", "voices:desc", "--limit", "3"], { cwd: dir }))
    expect(byVoices.map((f) => f["voices"])).toEqual(figures.map((f) => f["voices"] as number).sort((a, b) => b - a).slice(0, 3))
    const sources = json(runCli(["sources", "--db", db, "--format", "json", "--sort", "claims:desc", "--offset", "1", "--limit", "2"], { cwd: dir }))
    const counts = json(runCli(["sources", "--db", db, "--format", "json"], { cwd: dir })).map((s) => s["claims"] as number).sort((a, b) => b - a)
    expect(sources.map((s) => s["claims"])).toEqual(counts.slice(1, 3))
    const bad = runCli(["figures", "--db", db, "--sort", "vocies"], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^reckon: --sort vocies: expected FIELD or FIELD:desc with FIELD one of .* \(did you mean voices\?\)\n$/)
    expect(runCli(["claims", "--db", db, "--offset", "-1"], { cwd: dir }).code).toBe(2)
  })

  it("streams claims: the first rows arrive while the command still reads, and | head ends it", async () => {
    const { dir, db } = ingested(many(20_000))
    const child = spawn(process.execPath, [CLI, "claims", "--db", db, "--format", "ndjson"], { cwd: dir, env: { ...process.env, RECKON_DB: "" } })
    let runningAtFirstData: boolean | null = null
    let bytes = 0
    child.stdout.on("data", (d: Buffer) => {
      if (runningAtFirstData === null) runningAtFirstData = child.exitCode === null
      bytes += d.length
    })
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
    expect(code).toBe(0)
    expect(runningAtFirstData).toBe(true)
    expect(bytes).toBeGreaterThan(4_000_000)
    const head = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" claims --db "${db}" --format csv | head -3`], { cwd: dir, encoding: "utf8" })
    expect(head.status).toBe(0)
    expect(head.stdout.trim().split("\n")).toHaveLength(3)
    expect(head.stderr).toBe("")
  })

  it("shows a screenful on a terminal with '… N more', and everything in a pipe or as JSON", () => {
    const { dir, db } = ingested(many(60))
    const { output } = runInPty(["claims", "--db", db], { cwd: dir, rows: 24 })
    const lines = screenLines(output).filter((l) => l !== "")
    expect(lines.filter((l) => /^(sbu|nato|avi|m\d)/.test(l))).toHaveLength(20)
    expect(lines[lines.length - 1]).toBe("… 44 more (--limit N and --offset N page through them; --format csv prints all)")
    const paged = screenLines(runInPty(["claims", "--db", db, "--limit", "62"], { cwd: dir, rows: 24 }).output).filter((l) => l !== "")
    expect(paged.filter((l) => /^m\d/.test(l))).toHaveLength(58)
    expect(paged.some((l) => l.startsWith("…"))).toBe(false)
    const asJson = runInPty(["claims", "--db", db, "--format", "json"], { cwd: dir, rows: 24 }).output
    expect(JSON.parse(asJson.replace(/\r\n/g, "\n"))).toHaveLength(64)
    expect(runCli(["claims", "--db", db], { cwd: dir }).stdout.trimEnd().split("\n")).toHaveLength(64 + 2)
    const total = json(runCli(["figures", "--db", db, "--format", "json"], { cwd: dir })).length
    expect(total).toBeGreaterThan(10)
    const figures = screenLines(runInPty(["figures", "--db", db], { cwd: dir, rows: 10 }).output).filter((l) => l !== "")
    expect(figures[figures.length - 1]).toMatch(new RegExp(`^… ${total - 10} more`))
    expect(figures.length).toBe(2 + 10 + 1)
  })
})

describe("reckon add and ingest - record claims exactly as an ingested file does", () => {
  const record = { event: "strike", metric: "aircraft.destroyed", source: "SBU", value: "at least 5", scope: { type: "Tu-95" }, via: ["isw", "suspilne"], quote: "at least 5 Tu-95", url: "https://example.org/x", stated: "2025-06-03" }
  const comparable = (c: Record<string, unknown>) => ({ ...c, file: undefined, line: undefined, recorded: undefined })

  it("stores one claim from the command line as the same record in a file would be stored", () => {
    const a = ingested()
    const added = runCli(["add", "--db", a.db, "--event", "strike", "--metric", "aircraft.destroyed", "--source", "SBU", "--value", "at least 5",
      "--scope", "type=Tu-95", "--via", "isw,suspilne", "--quote", "at least 5 Tu-95", "--url", "https://example.org/x", "--stated", "2025-06-03",
      "--format", "json"], { cwd: a.dir })
    expect(added.code, added.stderr).toBe(0)
    expect(json(added)).toMatchObject([{ file: "<add>", read: 1, inserted: 1, duplicates: 0, rejected: 0 }])
    const b = ingested()
    writeFiles(b.dir, { "one.ndjson": line(record) })
    expect(runCli(["ingest", "one.ndjson", "--db", b.db], { cwd: b.dir }).code).toBe(0)
    const fromAdd = json(runCli(["claims", "--db", a.db, "--format", "json", "--scope", "type=Tu-95"], { cwd: a.dir }))
    const fromFile = json(runCli(["claims", "--db", b.db, "--format", "json", "--scope", "type=Tu-95"], { cwd: b.dir }))
    expect(fromAdd).toHaveLength(1)
    expect(fromAdd.map(comparable)).toEqual(fromFile.map(comparable))
    expect(fromAdd[0]).toMatchObject({ source: "sbu", lo: 5, hi: null, via: ["isw", "suspilne"], file: "<add>", line: 1 })
    // the figures move as they would after the ingest
    expect(runCli(["figures", "--db", a.db, "--format", "json"], { cwd: a.dir }).stdout).toBe(runCli(["figures", "--db", b.db, "--format", "json"], { cwd: b.dir }).stdout)
    // the same claim again is a duplicate
    const again = runCli(["add", "--db", a.db, "--event", "strike", "--metric", "aircraft.destroyed", "--source", "SBU", "--value", "at least 5",
      "--scope", "type=Tu-95", "--via", "isw>suspilne", "--quote", "at least 5 Tu-95", "--url", "https://example.org/x", "--stated", "2025-06-03",
      "--format", "json", "--dataset", "small"], { cwd: a.dir })
    expect(json(again)).toMatchObject([{ read: 1, inserted: 0, duplicates: 1 }])
  })

  it("quarantines an invalid claim with <add>:1: reason and exit 1; an unknown --dataset is a usage error", () => {
    const { dir, db } = ingested()
    const bad = runCli(["add", "--db", db, "--event", "strike", "--metric", "aircraft.hit", "--source", "nobody", "--value", "3"], { cwd: dir })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^<add>:1: unknown source "nobody"/m)
    const date = runCli(["add", "--db", db, "--event", "strike", "--metric", "aircraft.hit", "--source", "sbu", "--value", "3", "--stated", "2025-02-30"], { cwd: dir })
    expect(date.code).toBe(1)
    expect(date.stderr).toMatch(/^<add>:1: field "stated": must be an ISO date/m)
    const ds = runCli(["add", "--db", db, "--event", "strike", "--metric", "aircraft.hit", "--source", "sbu", "--value", "3", "--dataset", "smal"], { cwd: dir })
    expect(ds.code).toBe(2)
    expect(ds.stderr).toMatch(/^reckon: --dataset smal: .*\(did you mean small\?\)/)
    expect(looksLikeStackTrace(bad.stderr + date.stderr + ds.stderr)).toBe(false)
  })

  it("reads NDJSON, CSV and JSON (plain or gzipped) from standard input, accounting for every record", () => {
    const { dir, db } = ingested()
    const stdin = (input: string | Buffer, args: string[]) =>
      spawnSync(process.execPath, [CLI, "ingest", "-", "--db", db, "--format", "json", ...args], { cwd: dir, input, encoding: "utf8", env: { ...process.env, RECKON_DB: "" } })
    const nd = stdin([line({ ...record, id: "s1" }), "{oops", line({ ...record, id: "s2", source: "ghost" })].join("\n"), [])
    expect(nd.status).toBe(1)
    expect(JSON.parse(nd.stdout)).toMatchObject([{ file: "<stdin>", read: 3, inserted: 1, rejected: 2 }])
    expect(nd.stderr).toMatch(/^<stdin>:2: malformed JSON/m)
    expect(nd.stderr).toMatch(/^<stdin>:3: unknown source "ghost"/m)
    const csv = "id,event,metric,source,value,scope.type,via\ns3,strike,aircraft.hit,isw,about 40,,suspilne>isw\n"
    const c = stdin(gzipSync(csv), ["--input-format", "csv"])
    expect(c.status, c.stderr).toBe(0)
    expect(JSON.parse(c.stdout)).toMatchObject([{ read: 1, inserted: 1 }])
    const j = stdin(JSON.stringify([{ ...record, id: "s4" }, { ...record, id: "s1" }]), ["--input-format", "json"])
    expect(JSON.parse(j.stdout)).toMatchObject([{ read: 2, inserted: 1, duplicates: 1 }])
    const stored = json(runCli(["claims", "--db", db, "--format", "json"], { cwd: dir })).filter((x) => /^s\d$/.test(String(x["id"])))
    expect(stored.map((x) => [x["id"], x["file"]])).toEqual([["s1", "<stdin>"], ["s3", "<stdin>"], ["s4", "<stdin>"]])
    expect(stored[1]).toMatchObject({ via: ["suspilne", "isw"], lo: 36, hi: 44 })
    const twice = runCli(["ingest", "-", "-", "--db", db], { cwd: dir })
    expect(twice.code).toBe(2)
  })
})
