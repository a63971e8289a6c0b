import * as fs from "node:fs"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { MAX_RECORD_BYTES, OVERSIZED_RAW_BYTES, type ReadItem, readRecords, readRecordsFrom } from "../../src/ingest/read-records.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

const collect = async (items: AsyncIterable<ReadItem>): Promise<ReadItem[]> => {
  const out: ReadItem[] = []
  for await (const item of items) out.push(item)
  return out
}
const readAll = (file: string) => collect(readRecords(file))

/** A CSV whose second row has one cell of `size` bytes, streamed: the cell is never in memory as a whole. */
async function* csvWithHugeCell(size: number, quoted: boolean): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(1 << 16, "a")
  yield Buffer.from(`id,value\nbefore,1\nhuge,${quoted ? '"' : ""}`)
  for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left)
  yield Buffer.from(`${quoted ? '"' : ""}\nafter,2\n`)
}

/** gzip of `data`, cut `cut` bytes before its end: a download or disk that broke off. */
const truncatedGzip = (data: string, cut = 30): Buffer => {
  const gz = gzipSync(data)
  return gz.subarray(0, gz.length - cut)
}

describe("CSV records have the same 1 MB limit as NDJSON and JSON", () => {
  it("rejects a 600 MB cell without building it, keeps the head of its raw text, and reads the rows after it", async () => {
    for (const quoted of [true, false]) {
      const items = await collect(readRecordsFrom(csvWithHugeCell(600 * 1024 * 1024, quoted), "csv"))
      expect(items.map((i) => [i.kind, i.line])).toEqual([["record", 2], ["bad", 3], ["record", 4]])
      expect(items[1]).toMatchObject({ reason: expect.stringMatching(/^record too long \(629145\d{3} bytes; the limit is 1048576\)/) })
      expect(items[1]!.raw).toHaveLength(OVERSIZED_RAW_BYTES)
      expect(items[1]!.raw.startsWith("huge,")).toBe(true)
      expect(items[2]).toMatchObject({ value: { id: "after", value: "2" } })
    }
  })

  it("takes a record of exactly the limit, and rejects one byte more", async () => {
    const row = (n: number) => `x,${"b".repeat(n - 2)}`
    const dir = writeFiles(tempDir(), { "c.csv": `a,b\n${row(MAX_RECORD_BYTES)}\n${row(MAX_RECORD_BYTES + 1)}\nok,1\n` })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items.map((i) => i.kind)).toEqual(["record", "bad", "record"])
  })

  it("counts the lines of a multi-line quoted cell and gives each record the line it starts on", async () => {
    const dir = writeFiles(tempDir(), { "c.csv": 'id,quote\r\nq1,"one\r\ntwo, ""three"""\r\n\r\nq2,plain\r\n' })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items).toEqual([
      { kind: "record", line: 2, raw: 'q1,"one\r\ntwo, ""three"""', value: { id: "q1", quote: 'one\r\ntwo, "three"' } },
      { kind: "record", line: 5, raw: "q2,plain", value: { id: "q2", quote: "plain" } },
    ])
  })
})

describe("a bad quote is the fault of its own row only", () => {
  it('rejects `"x"y` with its raw text whole and reads the next row', async () => {
    const bad = `b1,e,"x"y,${"long text ".repeat(50)}`
    const dir = writeFiles(tempDir(), { "c.csv": `id,event,value,note\n${bad}\nb2,e,7,fine\n` })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items).toEqual([
      { kind: "bad", line: 2, raw: bad, reason: 'malformed CSV: cell 3 has "y" after its closing quote' },
      { kind: "record", line: 3, raw: "b2,e,7,fine", value: { id: "b2", event: "e", value: "7", note: "fine" } },
    ])
  })

  it("keeps a quote inside an unquoted cell as it is, and rejects an unclosed quote at the end of the file", async () => {
    const dir = writeFiles(tempDir(), { "c.csv": 'id,note\nq1,5" screen\nq2,"never closed\nq3,x\n' })
    const items = await readAll(path.join(dir, "c.csv"))
    expect(items.map((i) => [i.kind, i.line])).toEqual([["record", 2], ["bad", 3]])
    expect(items[0]).toMatchObject({ value: { note: '5" screen' } })
    expect(items[1]).toMatchObject({ raw: 'q2,"never closed\nq3,x\n', reason: "malformed CSV: cell 2 opens a quote that is never closed" })
  })
})

describe("CSV keys cannot reach the prototype", () => {
  it("keeps a __proto__ column as a plain field (for the schema to reject) and pollutes nothing", async () => {
    const dir = writeFiles(tempDir(), { "c.csv": "id,__proto__.polluted,scope.__proto__\nx,yes,belaya\n" })
    const [item] = await readAll(path.join(dir, "c.csv"))
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
    const value = (item as { value: Record<string, unknown> }).value
    expect(Object.keys(value)).toEqual(["id", "__proto__", "scope"])
    expect(Object.keys(value["scope"] as object)).toEqual(["__proto__"])
  })

  it("refuses a header that names a column twice, and a row that fills both a column and its nested columns", async () => {
    const dir = writeFiles(tempDir(), { "twice.csv": "id,value,id\n1,2,3\n", "nested.csv": "id,value,value.lo\na,3,\nb,,2\nc,3,2\n" })
    await expect(readAll(path.join(dir, "twice.csv"))).rejects.toThrow('cannot use the CSV header on line 1: column "id" appears twice')
    expect(await readAll(path.join(dir, "nested.csv"))).toEqual([
      { kind: "record", line: 2, raw: "a,3,", value: { id: "a", value: "3" } },
      { kind: "record", line: 3, raw: "b,,2", value: { id: "b", value: { lo: "2" } } },
      { kind: "bad", line: 4, raw: "c,3,2", reason: 'malformed CSV: cell "value.lo" and another cell both set "value"' },
    ])
  })
})

describe("a file that breaks off mid-way", () => {
  const csv = "id,event,value\nr1,e,1\nr2,e,2\nr3,e,412\n"
  const ndjson = '{"a":1}\n{"a":2}\n{"a":3}\n'
  const json = '[{"a":1},\n{"a":2},\n{"a":3}]\n'

  it("ends with one rejected record where it broke off, never a half record read as a whole one", async () => {
    for (const [name, text] of [["c.csv", csv], ["c.ndjson", ndjson], ["c.json", json]] as const) {
      let halfRecords = 0
      for (let cut = 1; cut < 25; cut++) {
        const dir = writeFiles(tempDir(), { [`${name}.gz`]: truncatedGzip(text, cut) })
        const items = await readAll(path.join(dir, `${name}.gz`))
        const last = items[items.length - 1]!
        expect(last).toMatchObject({ kind: "bad", reason: expect.stringMatching(/^the file breaks off here \(.+\)/) })
        // every record before the break is read as it is in the whole file, nothing else
        const whole = writeFiles(tempDir(), { [name]: text })
        const complete = await readAll(path.join(whole, name))
        expect(items.slice(0, -1)).toEqual(complete.slice(0, items.length - 1))
        expect(items.filter((i) => i.kind === "bad")).toHaveLength(1)
        if (last.raw !== "" && !complete.some((c) => c.raw === last.raw)) halfRecords++
      }
      // the cuts do land inside records ("r3,e,41" of "r3,e,412"), and those are rejected
      expect(halfRecords).toBeGreaterThan(3)
    }
  })

  it("fails before any record when the file is not gzip at all, or its CSV header breaks off", async () => {
    const dir = writeFiles(tempDir(), { "plain.ndjson.gz": ndjson, "h.csv.gz": truncatedGzip("id,event,value,quote,url,note,scope.location\n", 20) })
    await expect(readAll(path.join(dir, "plain.ndjson.gz"))).rejects.toThrow(/incorrect header check/)
    await expect(readAll(path.join(dir, "h.csv.gz"))).rejects.toThrow(/cannot read the CSV header/)
  })

  it("reports a missing gzip file as an error, not an uncaught event", async () => {
    await expect(readAll(path.join(tempDir(), "gone.ndjson.gz"))).rejects.toThrow(/ENOENT/)
    expect(fs.existsSync(path.join(tempDir(), "gone.ndjson.gz"))).toBe(false)
  })
})
