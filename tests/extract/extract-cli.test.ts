import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { sharedSeedFile } from "../support/shared-data.js"
import { CLI_BUNDLE, looksLikeStackTrace, packagesLoadedBy, runCli } from "../support/run-cli.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const ROOT = path.resolve(import.meta.dirname, "../..")
const FOUND = sharedSeedFile("spider-web-isw-2025-06-05.txt")
const SEED = FOUND ?? "(no seed article: ../shared/seeds is missing)"
const withSeed = it.skipIf(FOUND === null)
const SPIDER = path.join(ROOT, "datasets/spider-web")

const ndjson = (s: string) => s.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>)

describe("reckon extract (child process)", () => {
  withSeed("prints candidates as NDJSON with span and confidence, and every skipped number on stderr as file:line", () => {
    const r = runCli(["extract", SEED, "--dataset", SPIDER, "--publisher", "Fakti", "--stated", "2025-06-05", "--url", "https://fakti.bg/x"])
    expect(r.code).toBe(0)
    const text = fs.readFileSync(SEED, "utf8")
    const records = ndjson(r.stdout)
    expect(records.length).toBeGreaterThanOrEqual(10)
    for (const c of records) {
      const [a, b] = c["span"] as [number, number]
      expect(text.slice(a, b)).toBe(c["quote"])
      expect(c).toMatchObject({ stated: "2025-06-05", url: "https://fakti.bg/x", document: { publisher: "Fakti (fakti.bg)", published: "2025-06-05" } })
      expect((c["via"] as string[]).at(-1)).toBe("fakti")
    }
    expect(records).toContainEqual(expect.objectContaining({ metric: "aircraft.hit", value: "41", source: "sbu", via: ["isw", "fakti"] }))
    expect(r.stderr).toContain(`${SEED}:7: skipped "289": no metric word near "289"`)
    expect(r.stderr).toMatch(/\d+ candidate claim\(s\); \d+ number\(s\) skipped/)
  })

  withSeed("--against prints recall and precision against a curated claim file", () => {
    const r = runCli(["extract", SEED, "--dataset", SPIDER, "--publisher", "fakti", "--against", path.join(SPIDER, "claims.ndjson")])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/recall 1[0-2]\/12 = [01]\.\d\d, precision \d+\/\d+ = [01]\.\d\d/)
  })

  withSeed("--accept ingests the candidates through the normal ingest; a second run finds only duplicates", () => {
    const dir = tempDir()
    const db = path.join(dir, "l.db")
    const first = runCli(["extract", SEED, "--dataset", SPIDER, "--publisher", "fakti", "--accept", "--db", db])
    expect(first.code).toBe(0)
    const n = ndjson(first.stdout).length
    expect(first.stderr).toContain(`accepted: read ${n} = inserted ${n} + duplicates 0 + rejected 0`)
    const claims = runCli(["claims", "--db", db, "--format", "json"])
    expect(JSON.parse(claims.stdout)).toHaveLength(n)
    const again = runCli(["extract", SEED, "--dataset", SPIDER, "--publisher", "fakti", "--accept", "--db", db])
    expect(again.stderr).toContain(`accepted: read ${n} = inserted 0 + duplicates ${n} + rejected 0`)
  })

  it("reads HTML stripped to text; spans refer to the text --text prints", () => {
    const dir = tempDir()
    writeFiles(dir, {
      "page.html": "<!doctype html><html><head><title>T</title><style>p{}</style></head><body><h1>Strikes &amp; losses</h1>" +
        "<p>Some intro.</p><p>The <a href=\"https://x\">SBU</a> said Ukrainian drones hit <b>41</b> Russian aircraft.</p>" +
        "<script>var n = 99</script></body></html>",
    })
    const page = path.join(dir, "page.html")
    const text = runCli(["extract", page, "--dataset", SPIDER, "--text"])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain("Strikes & losses")
    expect(text.stdout).not.toContain("<")
    expect(text.stdout).not.toContain("99")
    const r = runCli(["extract", page, "--dataset", SPIDER])
    const [c] = ndjson(r.stdout)
    expect(c).toMatchObject({ metric: "aircraft.hit", value: "41", source: "sbu", quote: "The SBU said Ukrainian drones hit 41 Russian aircraft." })
    const [a, b] = c!["span"] as [number, number]
    expect(text.stdout.slice(a, b)).toBe(c!["quote"])
  })

  withSeed("--format table shows the candidates for a person", () => {
    const r = runCli(["extract", SEED, "--dataset", SPIDER, "--format", "table"])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/aircraft\.destroyed.*up to 13.*nato-official/)
  })

  withSeed("bad input is one clear line and exit 2, never a stack trace", () => {
    const dir = tempDir()
    writeFiles(dir, { "latin1.txt": Buffer.from([0x53, 0x42, 0x55, 0xe9, 0x0a]) })
    const cases: Array<[string[], RegExp]> = [
      [[path.join(dir, "missing.txt"), "--dataset", SPIDER], /missing\.txt: no such file/],
      [[path.join(dir, "latin1.txt"), "--dataset", SPIDER], /latin1\.txt: not UTF-8 text/],
      [[SEED, "--dataset", dir], /--dataset must name a dataset folder/],
      [[SEED, "--dataset", SPIDER, "--publisher", "nobody"], /--publisher nobody: not a source of spider-web/],
      [[SEED, "--dataset", SPIDER, "--event", "nothing"], /--event nothing: not an event of spider-web/],
      [[SEED, "--dataset", SPIDER, "--stated", "June 5"], /--stated June 5: expected an ISO date/],
    ]
    for (const [args, message] of cases) {
      const r = runCli(["extract", ...args])
      expect(r.code, args.join(" ")).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(looksLikeStackTrace(r.stderr)).toBe(false)
    }
  })

  it("the NLP model is not in the bundle: only `reckon extract` loads it, on demand", () => {
    const dir = writeFiles(tempDir(), { "a.txt": "The SBU said 41 aircraft were hit.\n" })
    const extract = packagesLoadedBy(["extract", path.join(dir, "a.txt"), "--dataset", SPIDER])
    expect(extract.run.code, extract.run.stderr).toBe(0)
    expect(extract.packages).toContain("wink-nlp")
    expect(extract.packages).toContain("wink-eng-lite-web-model")
    const other = packagesLoadedBy(["parse", "about 40"])
    expect(other.run.code, other.run.stderr).toBe(0)
    expect([...other.packages].filter((p) => p.startsWith("wink"))).toEqual([])
    expect(fs.statSync(CLI_BUNDLE).size).toBeLessThan(3_000_000)
  })
})
