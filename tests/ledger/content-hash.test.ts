import { createHash } from "node:crypto"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { canonicalCopy, canonicalHash, canonicalHashOfParts, canonicalJson, contentHash } from "../../src/ledger/content-hash.js"

/** How canonical JSON was first defined (and every stored hash taken): a sorted copy given to JSON.stringify. */
const reference = (value: unknown): string => JSON.stringify(sortedCopy(value))
const sortedCopy = (v: unknown): unknown => {
  if (v === null || typeof v !== "object") return v
  if (Array.isArray(v)) return v.map(sortedCopy)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v).sort()) {
    const x = sortedCopy((v as Record<string, unknown>)[k])
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true })
    else out[k] = x
  }
  return out
}

// Keys that JavaScript orders specially (array indexes, numbers past the index range, "__proto__") next to ordinary ones.
const key = fc.oneof(fc.string(), fc.constantFrom("0", "1", "2", "10", "9", "01", "-1", "4294967294", "4294967295", "1e3", "__proto__", "a", "B", "é"))
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), tie("object"), fc.array(tie("value"), { maxLength: 4 })),
  object: fc.array(fc.tuple(key, tie("value")), { maxLength: 6 })
    .map((entries) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`) as unknown),
})).value

describe("canonicalJson", () => {
  test.prop([json], { numRuns: 2000 })("writes exactly the text the stored hashes were taken of", (v) => {
    expect(canonicalJson(v)).toBe(reference(v))
  })

  test.prop([fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }))])("does not depend on key order", (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse())
    expect(canonicalJson(reversed)).toBe(canonicalJson(o))
  })

  it("orders index keys numerically first, as JSON.stringify of a sorted object did", () => {
    expect(canonicalJson(JSON.parse('{"b":1,"10":2,"a":3,"9":4}'))).toBe('{"9":4,"10":2,"a":3,"b":1}')
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}')
  })

  it("keeps the hash of a claim record as it was", () => {
    // Taken with the first implementation; a change here would turn every stored claim into a new one.
    const record = { event: "e", metric: "aircraft.hit", source: "sbu", value: "41", scope: { type: "Tu-95" }, via: ["a", "b"] }
    expect(contentHash("spider-web", record)).toBe("6c2a1bb9ac522b0bbf7c8a06b6c97add84055cd462cdb4aefd12e93ac71e10f7")
    expect(canonicalJson(record)).toBe('{"event":"e","metric":"aircraft.hit","scope":{"type":"Tu-95"},"source":"sbu","value":"41","via":["a","b"]}')
  })
})

// JSON values as a program holds them: objects may have undefined members and numbers may be -0.
const held = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, json, fc.constant(-0), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
  object: fc.dictionary(key, fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 5 }),
})).value

describe("canonicalCopy", () => {
  test.prop([held], { numRuns: 2000 })("is what JSON.parse gives back of canonicalJson, key order included", (v) => {
    const back = JSON.parse(canonicalJson(v)) as unknown
    const copy = canonicalCopy(v)
    expect(copy).toEqual(back) // Object.is on numbers: a -0 left in the copy fails here
    expect(JSON.stringify(copy)).toBe(JSON.stringify(back))
    expect(JSON.stringify(Object.keys(copy ?? {}))).toBe(JSON.stringify(Object.keys(back ?? {})))
  })

  test.prop([held], { numRuns: 2000 })("is the value canonicalJson writes, undefined members and -0 included", (v) => {
    expect(canonicalJson(v)).toBe(JSON.stringify(canonicalCopy(v)))
  })

  it("leaves out undefined members and writes -0 as 0", () => {
    expect(canonicalCopy({ b: -0, a: undefined, c: [-0] })).toEqual({ b: 0, c: [0] })
    expect(Object.keys(canonicalCopy({ b: 1, a: undefined }) as object)).toEqual(["b"])
  })
})

describe("canonicalHash", () => {
  test.prop([fc.string(), fc.string({ unit: "binary" })])("is sha256 of the dataset, a NUL and the JSON, lone surrogates as UTF-8 writes them", (dataset, json) => {
    const streamed = createHash("sha256").update(dataset).update("\u0000").update(json).digest("hex")
    expect(canonicalHash(dataset, json)).toBe(streamed)
  })
})

describe("canonicalHashOfParts", () => {
  test.prop([fc.array(fc.string(), { maxLength: 6 })])("hashes the pieces as the one text they make", (parts) => {
    expect(canonicalHashOfParts("d", parts)).toBe(canonicalHash("d", parts.join("")))
  })
})
