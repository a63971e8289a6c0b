import { fc, test } from "@fast-check/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { MAX_RECORD_BYTES, type ReadItem, readRecords } from "../../src/ingest/read-records.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const readAll = async (file: string): Promise<ReadItem[]> => {
  const out: ReadItem[] = []
  for await (const item of readRecords(file)) out.push(item)
  return out
}

describe("readRecords", () => {
  it("reads NDJSON line by line, skipping blank lines, keeping line numbers and raw text", async () => {
    const dir = writeFiles(tempDir(), { "c.ndjson": '{"a":1}\n\n  \n{"a":2}\r\n{"a":\n' })
    const items = await readAll(path.join(dir, "c.ndjson"))
    expect(items.map((i) => [i.kind, i.line])).toEqual([["record", 1], ["record", 4], ["bad", 5]])
    expect(items[1]).toMatchObject({ raw: '{"a":2}', value: { a: 2 } })
    expect(items[2]).toMatchObject({ reason: expect.stringMatching(/^malformed JSON/) })
  })

  it("reads gzipped files the same as plain ones", async () => {
    const text = '{"a":1}\n{"a":2}\n'
    const dir = writeFiles(tempDir(), { "c.ndjson": text, "c.ndjson.gz": gzipSync(text) })
    expect(await readAll(path.join(dir, "c.ndjson.gz"))).toEqual(await readAll(path.join(dir, "c.ndjson")))
  })

  it("rejects a line longer than the limit without keeping it, and goes on", async () => {
    const huge = `{"a":"${"x".repeat(MAX_RECORD_BYTES + 10)}"}`
    const dir = writeFiles(tempDir(), { "c.ndjson": `${huge}\n{"a":2}\n` })
    const items = await readAll(path.join(dir, "c.ndjson"))
    expect(items[0]).toMatchObject({ kind: "bad", line: 1, reason: expect.stringMatching(/^line too long/) })
    expect(items[1]).toMatchObject({ kind: "record", line: 2, value: { a: 2 } })
  })

  it("rejects invalid UTF-8 per record and refuses UTF-16 files", async () => {
    const dir = writeFiles(tempDir(), {
      "latin1.ndjson": Buffer.concat([Buffer.from('{"q":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"q":"ok"}\n')]),
      "utf16.ndjson": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n', "utf16le")]),
      "bom.ndjson": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n')]),
    })
    const latin = await readAll(path.join(dir, "latin1.ndjson"))
    expect(latin.map((i) => i.kind)).toEqual(["bad", "record"])
    expect(latin[0]).toMatchObject({ reason: "not valid UTF-8" })
    await expect(readAll(path.join(dir, "utf16.ndjson"))).rejects.toThrow(/UTF-16/)
    expect(await readAll(path.join(dir, "bom.ndjson"))).toMatchObject([{ kind: "record", value: { a: 1 } }])
  })

  it("reads nothing from an empty file", async () => {
    const dir = writeFiles(tempDir(), { "e.ndjson": "", "e.csv": "", "e.json": "" })
    for (const f of ["e.ndjson", "e.csv", "e.json"]) expect(await readAll(path.join(dir, f))).toEqual([])
  })

  it("reads CSV with a header, nesting scope.x columns and leaving empty cells out", async () => {
    const dir = writeFiles(tempDir(), {
      "c.csv": 'id,event,metric,source,value,scope.location,via\nx1,e,m,s,"at least 5",belaya,isw>fakti\nx2,e,m,s,7,,\nx3,"unterminated\n',
    })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items[0]).toMatchObject({ kind: "record", line: 2, value: { id: "x1", value: "at least 5", scope: { location: "belaya" }, via: "isw>fakti" } })
    expect(items[1]).toMatchObject({ kind: "record", line: 3, value: { id: "x2", value: "7" } })
    expect((items[1] as { value: Record<string, unknown> }).value["scope"]).toBeUndefined()
    expect(items.slice(2).every((i) => i.kind === "bad")).toBe(true)
    expect(items.length).toBe(3)
  })

  it("rejects a CSV row with the wrong number of cells and reads on", async () => {
    const dir = writeFiles(tempDir(), { "c.csv": "a,b\n1,2\n1,2,3\n4,5\n" })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items.map((i) => [i.kind, i.line])).toEqual([["record", 2], ["bad", 3], ["record", 4]])
  })

  it("reads a JSON array element by element with the line each starts on", async () => {
    const dir = writeFiles(tempDir(), { "c.json": '[\n  {"a": 1},\n  {"b": "x,]}"},\n  {"c": [1, {"d": 2}]}\n]\n' })
    const items = await readAll(path.join(dir, "c.json"))
    expect(items).toMatchObject([
      { kind: "record", line: 2, value: { a: 1 } },
      { kind: "record", line: 3, value: { b: "x,]}" } },
      { kind: "record", line: 4, value: { c: [1, { d: 2 }] } },
    ])
  })

  it("reports a JSON file that is not an array, a bad element, and a truncated array", async () => {
    const dir = writeFiles(tempDir(), { "o.json": '{"a":1}', "b.json": '[{"a":1}, {oops}, {"c":3}]', "t.json": '[{"a":1}, {"b":' })
    expect(await readAll(path.join(dir, "o.json"))).toMatchObject([{ kind: "bad", reason: "expected a JSON array of claim records" }])
    expect((await readAll(path.join(dir, "b.json"))).map((i) => i.kind)).toEqual(["record", "bad", "record"])
    expect((await readAll(path.join(dir, "t.json"))).map((i) => i.kind)).toEqual(["record", "bad"])
  })

  test.prop([fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null))), { maxLength: 30 })], { numRuns: 50 })(
    "a JSON array and NDJSON of the same records read back to the same values, gzipped or not",
    async (records) => {
      const dir = tempDir()
      writeFiles(dir, {
        "a.json": JSON.stringify(records, null, 1),
        "a.json.gz": gzipSync(JSON.stringify(records)),
        "a.ndjson": records.map((r) => JSON.stringify(r)).join("\n"),
      })
      for (const f of ["a.json", "a.json.gz", "a.ndjson"]) {
        const items = await readAll(path.join(dir, f))
        expect(items.map((i) => (i.kind === "record" ? i.value : i))).toEqual(records)
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  )
})
