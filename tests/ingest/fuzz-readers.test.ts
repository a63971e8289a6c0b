import { fc, test } from "@fast-check/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { buildCatalogIndex } from "../../src/ingest/catalog-index.js"
import { ingestFile } from "../../src/ingest/ingest-file.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import { type ClaimFileFormat, type ReadItem, readRecords } from "../../src/ingest/read-records.js"
import { runWithLedger } from "../support/run-with-ledger.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir } from "../support/temp-dir.js"

const catalog = parseCatalog(SMALL_CATALOG)
if (!catalog.ok) throw new Error(catalog.problems.join("; "))
const index = buildCatalogIndex([catalog.catalog])

/** How a generated input is stored: its format, plain or gzipped, or gzipped and cut short. */
const packing = fc.constantFrom("plain", "plain", "gzip", "truncated-gzip", "not-gzip")
type Packing = "plain" | "gzip" | "truncated-gzip" | "not-gzip"

const pack = (bytes: Buffer, how: Packing): Buffer => {
  if (how === "plain" || how === "not-gzip") return bytes
  const gz = gzipSync(bytes)
  return how === "gzip" ? gz : gz.subarray(0, Math.max(10, Math.floor(gz.length * 0.7)))
}

/** A valid claim of the small dataset, or one of its near misses (one field spoilt): the readers' input is mostly almost right. */
const validClaim = fc.record({
  id: fc.option(fc.stringMatching(/^[a-z]{1,6}$/), { nil: undefined }),
  event: fc.constant("strike"),
  metric: fc.constantFrom("aircraft.hit", "aircraft.destroyed", "missiles.launched"),
  source: fc.constantFrom("sbu", "SBU", "isw"),
  value: fc.oneof(fc.nat({ max: 100 }), fc.constantFrom("at least 5", "up to 13", "four", "41"), fc.record({ lo: fc.nat({ max: 10 }), hi: fc.integer({ min: 10, max: 20 }) })),
  scope: fc.option(fc.record({ location: fc.constantFrom("belaya", "olenya") }), { nil: undefined }),
  at: fc.option(fc.constantFrom("2025-06-01", "2025-06-02T10:00:00+03:00"), { nil: undefined }),
  quote: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
}, { requiredKeys: ["event", "metric", "source", "value"] })
const spoilt: readonly [string, unknown][] = [
  ["event", "nowhere"], ["event", ""], ["metric", "aircraft.lost"], ["source", "nobody"], ["value", "lots"], ["value", -3],
  ["value", { lo: 15, hi: 10 }], ["scope", { location: "mars" }], ["scope", JSON.parse('{"__proto__":"belaya"}')], ["scope", { constructor: "x" }],
  ["at", "2025-02-30"], ["at", "9999-12-31T23:59:59-12:00"], ["sorce", "x"], ["value", undefined],
]
const claimish = fc.oneof(
  { weight: 2, arbitrary: validClaim },
  { weight: 1, arbitrary: fc.tuple(validClaim, fc.constantFrom(...spoilt)).map(([c, [k, v]]) => ({ ...c, [k]: v })) },
)

const ndjsonText = fc.array(fc.oneof(claimish.map((c) => JSON.stringify(c)), fc.json(), fc.string({ maxLength: 30 }), fc.constant("")), { maxLength: 25 })
  .map((lines) => lines.join("\n"))
const jsonText = fc.oneof(
  fc.array(fc.oneof(claimish, fc.jsonValue()), { maxLength: 25 }).map((a) => JSON.stringify(a, null, 1)),
  fc.tuple(fc.array(claimish, { maxLength: 10 }), fc.nat()).map(([a, cut]) => { const t = JSON.stringify(a); return t.slice(0, cut % (t.length + 1)) }),
)

/** CSV with quotes, doubled quotes, stray quotes, commas, CR and LF inside and between cells. */
const csvCell = fc.oneof(
  fc.constantFrom("strike", "aircraft.hit", "sbu", "41", "at least 5", "belaya", "isw>suspilne", ""),
  fc.string({ unit: fc.constantFrom("a", '"', ",", "\n", "\r", " ", "1", "x"), maxLength: 12 }),
)
const quoteCell = (v: unknown) => (v === undefined ? "" : `"${String(typeof v === "object" ? "" : v).replace(/"/g, '""')}"`)
const claimCsv = fc.tuple(fc.array(claimish, { maxLength: 15 }), fc.constantFrom("\n", "\r\n")).map(([claims, eol]) =>
  ["id,event,metric,source,value,scope.location,at,quote",
    ...claims.map((c) => [c.id, c.event, c.metric, c.source, c.value, (c.scope as { location?: string } | undefined)?.location, c.at, c.quote].map(quoteCell).join(","))].join(eol))
const randomCsv = fc.tuple(
  fc.shuffledSubarray(["id", "event", "metric", "source", "value", "value.lo", "scope.location", "via", "quote", "__proto__", "scope.__proto__"], { minLength: 1 }),
  fc.array(fc.array(fc.tuple(csvCell, fc.constantFrom("bare", "quoted", "broken")), { maxLength: 12 }), { maxLength: 20 }),
  fc.constantFrom("\n", "\r\n"),
).map(([header, rows, eol]) => [header.join(","), ...rows.map((cells) => cells.map(([c, how]) =>
  how === "bare" ? c : how === "quoted" ? `"${c.replace(/"/g, '""')}"` : `"${c}"${c.slice(0, 1)}`).join(","))].join(eol))
const csvText = fc.oneof(claimCsv, randomCsv)

const bytesFor = (format: ClaimFileFormat) => fc.oneof(
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)) },
  { weight: 3, arbitrary: (format === "ndjson" ? ndjsonText : format === "json" ? jsonText : csvText).map((t) => Buffer.from(t)) },
)

/**
 * Inputs that bring every outcome the last test asks for, given to each property besides the
 * generated ones: with 40–60 random inputs, some seeds made no storable claim at all (one did in
 * CI), and the coverage check failed for want of luck, not of a bug.
 */
const good = { event: "strike", metric: "aircraft.hit", source: "sbu", value: 5 }
const bad = { event: "nowhere", metric: "aircraft.hit", source: "sbu", value: 5 }
const knownText = (format: ClaimFileFormat, n: number): Buffer => {
  const records = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? { ...good, id: `k${i}` } : { ...bad, id: `k${i}` }))
  const text = format === "ndjson" ? records.map((r) => JSON.stringify(r)).join("\n")
    : format === "json" ? JSON.stringify(records)
    : ["id,event,metric,source,value", ...records.map((r) => [r.id, r.event, r.metric, r.source, r.value].join(","))].join("\n")
  return Buffer.from(text)
}
const readerExamples = (format: ClaimFileFormat): [Buffer, Packing][] =>
  [[knownText(format, 2), "plain"], [knownText(format, 4000), "truncated-gzip"], [Buffer.from("not gzip at all"), "not-gzip"]]

const write = (dir: string, format: ClaimFileFormat, bytes: Buffer, how: Packing): string => {
  const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.${format}${how === "plain" ? "" : ".gz"}`)
  fs.writeFileSync(file, pack(bytes, how))
  return file
}

/** Reads a file to the end: the items, or the error, and whether the error came before the first item. */
const readThrough = async (file: string): Promise<{ items: ReadItem[]; error: unknown }> => {
  const items: ReadItem[] = []
  try {
    for await (const item of readRecords(file)) items.push(item)
    return { items, error: null }
  } catch (e) {
    return { items, error: e }
  }
}

describe("fuzzing the readers (random bytes, random JSON, random CSV)", () => {
  // one scratch folder (and ledger) per test: the temp-dir helper removes it after each test
  let current: string | null = null
  const scratch = (): string => {
    if (current === null || !fs.existsSync(current)) current = tempDir("reckon-fuzz-")
    return current
  }

  // what the generated inputs led to, per format: the properties mean something only if each came up
  const seen = new Map<string, Set<string>>()
  const saw = (format: string, what: string) => void (seen.get(format) ?? seen.set(format, new Set()).get(format)!).add(what)

  for (const format of ["ndjson", "csv", "json"] as const) {
    test.prop([bytesFor(format), packing], { numRuns: 60, examples: readerExamples(format) })(
      `${format}: the reader throws only before its first record, with an Error; lines never go back`,
      async (bytes, how) => {
        const { items, error } = await readThrough(write(scratch(), format, bytes, how))
        if (error !== null) {
          expect(error).toBeInstanceOf(Error)
          expect(items).toEqual([])
        }
        for (let i = 1; i < items.length; i++) expect(items[i]!.line).toBeGreaterThanOrEqual(items[i - 1]!.line)
        for (const item of items) expect(typeof item.raw).toBe("string")
        saw(format, error !== null ? "thrown" : items.some((i) => i.kind === "record") ? "read" : "none read")
        if (items.some((i) => /^the file breaks off/.test(i.kind === "bad" ? i.reason : ""))) saw(format, "broke off")
      },
    )

    test.prop([bytesFor(format), packing, fc.boolean()], { numRuns: 40, examples: [[knownText(format, 2), "plain", false]] })(
      `${format}: ingest never throws, and read = inserted + duplicates + rejected`,
      async (bytes, how, strict) => {
        const file = write(scratch(), format, bytes, how)
        const summary = await runWithLedger(path.join(scratch(), "fuzz.db"),
          ingestFile(file, { index, dataset: "small", strict, displayName: path.basename(file) }))
        expect(summary.read).toBe(summary.inserted + summary.duplicates + summary.rejected)
        saw(format, summary.outcome)
        if (summary.inserted > 0) saw(format, "inserted")
        expect(["ok", "rejected", "rolled-back", "failed"]).toContain(summary.outcome)
        if (summary.outcome === "failed") expect(summary.read).toBe(0)
        if (strict && summary.rejected > 0) expect(summary).toMatchObject({ outcome: "rolled-back", inserted: 0, duplicates: 0 })
      },
    )
  }

  it("generated inputs that are read, rejected, broken off and stored, in every format", () => {
    for (const format of ["ndjson", "csv", "json"]) {
      expect([format, ...[...seen.get(format)!].sort()]).toEqual(expect.arrayContaining([format, "broke off", "inserted", "read", "rejected", "thrown"]))
    }
  })
})
