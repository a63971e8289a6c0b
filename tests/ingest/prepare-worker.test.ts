import Database from "better-sqlite3"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { ASKED_WORKER_MIN_BYTES } from "../../src/ingest/prepared-batches.js"
import { runCli } from "../support/run-cli.js"
import { line, SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

/**
 * Records for a file past the worker threshold: good claims in every value form, with bad ones
 * mixed in (unknown source, unreadable phrase, broken JSON, an id reused with other content) and
 * exact duplicates, so that both ways of preparing have every outcome to get right.
 */
const records = (n: number, padding: () => string = () => "x".repeat(200)): string[] => {
  const out: string[] = []
  const values = ["41 aircraft", "at least 5", "up to 13", "about 40", "between 10 and 15", "dozens", "an estimated 7"]
  for (let i = 0; i < n; i++) {
    const pad = padding()
    if (i % 97 === 13) out.push(line({ id: `c${i}`, event: "strike", metric: "aircraft.hit", source: "nobody", value: 3, quote: pad }))
    else if (i % 89 === 7) out.push(line({ id: `c${i}`, event: "strike", metric: "aircraft.hit", source: "isw", value: "half of them", quote: pad }))
    else if (i % 101 === 3) out.push(`{"id": "c${i}", "event": `)
    else if (i % 103 === 5) out.push(line({ id: "c0", event: "strike", metric: "aircraft.hit", source: "isw", value: i, quote: pad }))
    else if (i % 107 === 9) out.push(out[out.length - 1]!)
    else out.push(line({ id: `c${i}`, event: "strike", metric: i % 2 ? "aircraft.hit" : "aircraft.destroyed", source: ["SBU", "isw", "avivector"][i % 3], value: values[i % values.length], quote: `q${i} ${pad}` }))
  }
  return out
}

const ingest = (dir: string, file: string, env: Record<string, string>) => {
  const db = path.join(dir, `${env["RECKON_WORKERS"] === "0" ? "main" : env["RECKON_WORKERS"] === "" ? "default" : "worker"}.db`)
  const r = runCli(["--log-level", "debug", "ingest", "--db", db, "--dataset", path.join(dir, "small"), file], { env })
  const claims = runCli(["claims", "--db", db, "--format", "ndjson"])
  return { ...r, db, claims: claims.stdout, lines: r.stderr.split("\n").filter((l) => /claims\.ndjson(\.gz)?:\d+:/.test(l)) }
}

describe("reading and preparing on a worker thread", () => {
  it("stores, counts and rejects exactly what preparing on the main thread does", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": SMALL_CATALOG })
    const text = `${records(6000).join("\n")}\n`
    expect(Buffer.byteLength(text)).toBeGreaterThan(ASKED_WORKER_MIN_BYTES)
    const file = path.join(dir, "claims.ndjson")
    fs.writeFileSync(file, text)
    const onWorker = ingest(dir, file, { RECKON_WORKERS: "1" })
    const onMain = ingest(dir, file, { RECKON_WORKERS: "0" })
    expect(onWorker.stderr).toContain("read and prepared on a worker thread")
    expect(onMain.stderr).toContain("read and prepared on the main thread")
    // both threads prepared some of the records: the writing thread its share of each batch
    const shared = Number(/of 6000 record\(s\) read on the worker thread, this thread prepared (\d+)/.exec(onWorker.stderr)?.[1])
    expect(shared).toBeGreaterThan(0)
    expect(shared).toBeLessThan(6000)
    // not asked for, a thread is started only for a file where it pays (32 MiB on the bench machine)
    const byDefault = ingest(dir, file, { RECKON_WORKERS: "" })
    expect(byDefault.stderr).toContain("read and prepared on the main thread")
    expect(onWorker.code).toBe(1)
    expect(onMain.code).toBe(1)
    expect(onWorker.lines.length).toBeGreaterThan(100)
    expect(onWorker.lines).toEqual(onMain.lines)
    const summary = (s: string) => /read \d+ = inserted \d+ \+ duplicates \d+ \+ rejected \d+/.exec(s)?.[0]
    expect(summary(onWorker.stderr)).toBe(summary(onMain.stderr))
    expect(summary(onWorker.stderr)).toMatch(/^read 6000 = inserted \d+ \+ duplicates [1-9]\d* \+ rejected [1-9]\d*$/)
    expect(onWorker.claims.split("\n").length).toBeGreaterThan(5000)
    // the run id and recording time differ between the two ledgers; everything read from the file must not
    const stable = (ndjson: string) => ndjson.trim().split("\n").map((l) => {
      const { recorded: _r, run: _run, ...rest } = JSON.parse(l) as Record<string, unknown>
      return JSON.stringify(rest)
    })
    expect(stable(onWorker.claims)).toEqual(stable(onMain.claims))
    // a rejected record keeps its raw text, a prepared one refused by the ledger (its id reused) too
    const rejected = (db: string) => {
      const sqlite = new Database(db, { readonly: true })
      try {
        return sqlite.prepare("SELECT line, raw, reason FROM rejected_records ORDER BY line").all() as { line: number; raw: string; reason: string }[]
      } finally {
        sqlite.close()
      }
    }
    const refused = rejected(onWorker.db)
    expect(refused).toEqual(rejected(onMain.db))
    expect(refused.filter((r) => /"id":"c0"/.test(r.raw) && r.raw.startsWith("{") && !/unknown source/.test(r.reason)).length).toBeGreaterThan(10)
  }, 120_000)

  it("a file that breaks off (truncated gzip) keeps what was read before, and says where, on either thread", () => {
    const dir = writeFiles(tempDir(), { "small/dataset.yaml": SMALL_CATALOG })
    // random quotes, so that the compressed file is past the worker threshold too
    const gz = gzipSync(`${records(12000, () => crypto.randomBytes(100).toString("hex")).join("\n")}\n`)
    const file = path.join(dir, "claims.ndjson.gz")
    fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.8)))
    expect(fs.statSync(file).size).toBeGreaterThan(ASKED_WORKER_MIN_BYTES)
    const onWorker = ingest(dir, file, { RECKON_WORKERS: "1" })
    const onMain = ingest(dir, file, { RECKON_WORKERS: "0" })
    expect(onWorker.stderr).toContain("on a worker thread")
    expect(onWorker.stderr).toContain("breaks off")
    expect(onWorker.lines).toEqual(onMain.lines)
    expect(onWorker.claims).not.toBe("")
    expect(onWorker.claims.trim().split("\n").length).toBe(onMain.claims.trim().split("\n").length)
  }, 120_000)
})
