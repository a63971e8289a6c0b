import { Effect, Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import type { Rejection } from "../../src/ingest/ingest-file.js"
import { ingestPaths } from "../../src/ingest/ingest-paths.js"
import { querySources } from "../../src/query/query-sources.js"
import { GOOD_CLAIMS, line, SMALL_CATALOG } from "../support/small-dataset.js"
import { query, runWithLedger } from "../support/run-with-ledger.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const setup = (files: Record<string, string | Buffer>) => {
  const dir = tempDir()
  const dataset = path.join(dir, "small")
  writeFiles(dataset, { "dataset.yaml": SMALL_CATALOG, ...files })
  return { dir, dataset, db: path.join(dir, "ledger.db") }
}

const ingest = async (db: string, paths: string[], options: Parameters<typeof ingestPaths>[1] = {}) => {
  const rejections: Rejection[] = []
  const summary = await runWithLedger(db, ingestPaths(paths, { ...options, onRejection: (r) => rejections.push(r) }))
  return { summary, rejections }
}

const rows = async (db: string, sql: string) => query(db, sql)
const accounted = (f: { read: number; inserted: number; duplicates: number; rejected: number }) =>
  expect(f.read).toBe(f.inserted + f.duplicates + f.rejected)

/** NDJSON lines of n valid claims with distinct values. */
const claims = (n: number) =>
  Array.from({ length: n }, (_, i) => line({ id: `c${i}`, event: "strike", metric: "missiles.launched", source: "sbu", value: i, quote: `${i} missiles` }))

describe("--strict on a file that breaks off accounts for every record", () => {
  it("rolls the whole file back and rejects every record read, the broken one included", async () => {
    const gz = gzipSync(`${claims(600).join("\n")}\n`)
    const { dataset, db } = setup({ "claims.ndjson.gz": gz.subarray(0, Math.floor(gz.length * 0.8)) })
    const { summary, rejections } = await ingest(db, [dataset], { strict: true })
    const f = summary.files[0]!
    expect(f.outcome).toBe("rolled-back")
    expect(f.read).toBeGreaterThan(100)
    expect(f).toMatchObject({ inserted: 0, duplicates: 0, rejected: f.read })
    accounted(f)
    expect(rejections).toEqual([{ file: path.join(dataset, "claims.ndjson.gz"), line: f.read, reason: expect.stringMatching(/^the file breaks off here/) }])
    expect(await rows(db, "SELECT COUNT(*) AS n FROM rejected_records")).toEqual([{ n: f.read }])
    expect(await rows(db, "SELECT COUNT(*) AS n FROM claims")).toEqual([{ n: 0 }])
  })

  it("holds back every record of a one-line JSON array, not only those on other lines than the bad one", async () => {
    const { dataset, db } = setup({ "claims.json": `[${JSON.parse("[" + GOOD_CLAIMS.slice(0, 2).join(",") + "]").map((c: unknown) => JSON.stringify(c)).join(",")},{"oops"}]` })
    const f = (await ingest(db, [dataset], { strict: true })).summary.files[0]!
    expect(f).toMatchObject({ outcome: "rolled-back", read: 3, inserted: 0, rejected: 3 })
    expect(await rows(db, "SELECT COUNT(*) AS n FROM rejected_records")).toEqual([{ n: 3 }])
  })

  it("without --strict stores what was read before the break", async () => {
    const gz = gzipSync(`${claims(600).join("\n")}\n`)
    const { dataset, db } = setup({ "claims.ndjson.gz": gz.subarray(0, Math.floor(gz.length * 0.8)) })
    const f = (await ingest(db, [dataset])).summary.files[0]!
    expect(f).toMatchObject({ outcome: "rejected", inserted: f.read - 1, rejected: 1 })
  })
})

describe("re-reading a file records its rejections once", () => {
  it("keeps 2 rejected rows after three ingests of a file with 2 bad lines, while each run counts them", async () => {
    const bad1 = line({ event: "strike", metric: "aircraft.hit", source: "nobody", value: 3 })
    const { dataset, db } = setup({ "claims.ndjson": [GOOD_CLAIMS[0], bad1, "{oops", GOOD_CLAIMS[1]].join("\n") })
    for (let run = 0; run < 3; run++) {
      const { summary } = await ingest(db, [dataset])
      expect(summary.files[0]).toMatchObject({ rejected: 2 })
    }
    expect(await rows(db, "SELECT line, raw FROM rejected_records ORDER BY line")).toEqual([{ line: 2, raw: bad1 }, { line: 3, raw: "{oops" }])
    expect(await rows(db, "SELECT rejected FROM ingest_runs ORDER BY id")).toEqual([{ rejected: 2 }, { rejected: 2 }, { rejected: 2 }])
  })

  it("records a new rejection when the line's text changes", async () => {
    const { dataset, db } = setup({ "claims.ndjson": "{oops" })
    await ingest(db, [dataset])
    fs.writeFileSync(path.join(dataset, "claims.ndjson"), "{oops again")
    await ingest(db, [dataset])
    expect(await rows(db, "SELECT raw FROM rejected_records ORDER BY id")).toEqual([{ raw: "{oops" }, { raw: "{oops again" }])
  })
})

describe("the same claim as NDJSON and then as CSV is one claim", () => {
  it("finds the CSV row a duplicate of the NDJSON line (41 = \"41\")", async () => {
    const { dir, dataset, db } = setup({
      "claims.ndjson": line({ id: "sbu-41", event: "strike", metric: "aircraft.hit", source: "sbu", value: 41, via: ["isw", "suspilne"], scope: { location: "belaya" } }),
    })
    await ingest(db, [dataset])
    writeFiles(dir, { "again.csv": "id,event,metric,source,value,via,scope.location\nsbu-41,strike,aircraft.hit,sbu,41,isw>suspilne,belaya\n" })
    const { summary, rejections } = await ingest(db, [path.join(dir, "again.csv")])
    expect(rejections).toEqual([])
    expect(summary.files[0]).toMatchObject({ read: 1, inserted: 0, duplicates: 1, rejected: 0 })
  })
})

describe("the same source id in two datasets", () => {
  it("keeps each dataset's own sources row", async () => {
    const dir = tempDir()
    writeFiles(dir, {
      "a/dataset.yaml": "name: a\nevents: [{ id: ea }]\nsources: [{ id: shared, name: Source as A knows it, kind: media, weight: 2, aliases: [S] }]\n",
      "b/dataset.yaml": "name: b\nevents: [{ id: eb }]\nsources: [{ id: shared, name: Source as B knows it, kind: official }]\n",
    })
    const db = path.join(dir, "l.db")
    await ingest(db, [path.join(dir, "a"), path.join(dir, "b")])
    await ingest(db, [path.join(dir, "b")])
    expect(await rows(db, "SELECT dataset, id, name, kind, weight FROM sources ORDER BY dataset")).toEqual([
      { dataset: "a", id: "shared", name: "Source as A knows it", kind: "media", weight: 2 },
      { dataset: "b", id: "shared", name: "Source as B knows it", kind: "official", weight: 1 },
    ])
    const listed = await runWithLedger(db, querySources)
    expect(listed.map((s) => [s.dataset, s.id, s.name, s.aliases])).toEqual([
      ["a", "shared", "Source as A knows it", ["S"]],
      ["b", "shared", "Source as B knows it", []],
    ])
  })

  it("drops a source a changed catalog no longer declares, in that dataset only", async () => {
    const dir = tempDir()
    writeFiles(dir, {
      "a/dataset.yaml": "name: a\nsources: [{ id: s1 }, { id: s2 }]\n",
      "b/dataset.yaml": "name: b\nsources: [{ id: s2 }]\n",
    })
    const db = path.join(dir, "l.db")
    await ingest(db, [path.join(dir, "a"), path.join(dir, "b")])
    fs.writeFileSync(path.join(dir, "a/dataset.yaml"), "name: a\nsources: [{ id: s1 }]\n")
    await ingest(db, [path.join(dir, "a")])
    expect(await rows(db, "SELECT dataset, id FROM sources ORDER BY dataset, id")).toEqual([{ dataset: "a", id: "s1" }, { dataset: "b", id: "s2" }])
  })
})

describe("symlinks", () => {
  it("reads a symlinked claim file inside a dataset folder like the file it points to", async () => {
    const { dir, dataset, db } = setup({})
    writeFiles(dir, { "elsewhere/real.ndjson": GOOD_CLAIMS.join("\n") })
    fs.symlinkSync(path.join(dir, "elsewhere/real.ndjson"), path.join(dataset, "linked.ndjson"))
    const { summary } = await ingest(db, [dataset])
    expect(summary.files).toEqual([expect.objectContaining({ file: path.join(dataset, "linked.ndjson"), read: 4, inserted: 4 })])
  })

  it("names a symlink loop and a broken link, instead of 'no such file'", async () => {
    const { dir, dataset, db } = setup({})
    fs.symlinkSync(path.join(dir, "b.ndjson"), path.join(dir, "a.ndjson"))
    fs.symlinkSync(path.join(dir, "a.ndjson"), path.join(dir, "b.ndjson"))
    const loop = await runWithLedger(db, Effect.either(ingestPaths([path.join(dir, "a.ndjson")], { dataset })))
    expect(Either.isLeft(loop) && loop.left).toMatchObject({
      _tag: "InputError", message: `symlink loop: ${path.join(dir, "a.ndjson")} → ${path.relative(process.cwd(), path.join(dir, "b.ndjson"))} → ${path.relative(process.cwd(), path.join(dir, "a.ndjson"))}`,
    })
    fs.symlinkSync(path.join(dir, "gone.ndjson"), path.join(dataset, "broken.ndjson"))
    const broken = await runWithLedger(db, Effect.either(ingestPaths([dataset])))
    expect(Either.isLeft(broken) && broken.left).toMatchObject({
      _tag: "InputError", file: path.join(dataset, "broken.ndjson"), message: `broken symlink: it points to ${path.join(dir, "gone.ndjson")}, which does not exist`,
    })
  })
})
