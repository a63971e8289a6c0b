import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { copyField } from "../../../src/ledger/postgres/claim-store.js"
import { fromPgText, toPgText } from "../../../src/ledger/postgres/pg-context.js"
import { DEFAULT_SCHEMA, isPostgresUrl, parsePgLocation } from "../../../src/ledger/postgres/pg-location.js"

/** Reads a COPY text-format field back as PostgreSQL does (the inverse of copyField for text). */
const readCopyField = (field: string): string | null =>
  field === "\\N" ? null : field.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c] ?? c)

const odd = fc.string({ unit: fc.constantFrom("a", "\u0000", "\uFFFF", "0", "\\", "\n", "\t", "\r", "N", "é") })

describe("text on PostgreSQL", () => {
  test.prop([fc.oneof(fc.string({ unit: "grapheme" }), odd)])("comes back as it went in, and holds no U+0000", (s) => {
    const stored = toPgText(s)
    expect(stored).not.toContain("\u0000")
    expect(fromPgText(stored)).toBe(s)
  })

  test.prop([odd, odd])("keeps distinct strings distinct (the escape is one to one)", (a, b) => {
    fc.pre(a !== b)
    expect(toPgText(a)).not.toBe(toPgText(b))
  })

  it("leaves text without U+0000 and U+FFFF alone", () => {
    expect(toPgText("Tu-95MS «41»")).toBe("Tu-95MS «41»")
  })
})

describe("a COPY field", () => {
  test.prop([odd])("frames no row or field and reads back to the stored text", (s) => {
    const field = copyField(s)
    expect(field).not.toMatch(/[\n\r\t]/)
    expect(readCopyField(field)).toBe(toPgText(s))
  })

  it("writes null as \\N and numbers as JavaScript prints them (shortest round trip)", () => {
    expect([copyField(null), copyField(undefined), copyField(0.1), copyField(-3), copyField(1e21), copyField("\\N")])
      .toEqual(["\\N", "\\N", "0.1", "-3", "1e+21", "\\\\N"])
  })
})

describe("a postgres:// ledger location", () => {
  it("names a schema (default reckon) and keeps the rest for the driver", () => {
    expect(parsePgLocation("postgres://root@127.0.0.1:5432/test")).toEqual({
      connectionString: "postgres://root@127.0.0.1:5432/test", schema: DEFAULT_SCHEMA, display: "postgres://root@127.0.0.1:5432/test?schema=reckon",
    })
    expect(parsePgLocation("postgresql://u:secret@h/db?schema=ledger_2&sslmode=disable")).toEqual({
      connectionString: "postgresql://u:secret@h/db?sslmode=disable", schema: "ledger_2", display: "postgresql://u:***@h/db?sslmode=disable&schema=ledger_2",
    })
  })

  it("refuses a URL without a database, or a schema name that is not a plain identifier", () => {
    expect(parsePgLocation("postgres://root@127.0.0.1:5432")).toMatchObject({ problem: expect.stringMatching(/no database/) })
    for (const schema of ["Reckon", "1st", "a-b", "x;drop", "a".repeat(64)]) {
      expect(parsePgLocation(`postgres://h/db?schema=${schema}`), schema).toMatchObject({ problem: expect.stringMatching(/^schema/) })
    }
  })

  it("is told from a SQLite path by its scheme only", () => {
    expect(["postgres://h/db", "POSTGRESQL://h/db"].map(isPostgresUrl)).toEqual([true, true])
    expect(["reckon.db", "./postgres/ledger.db", "postgres.db", "file:postgres://x"].map(isPostgresUrl)).toEqual([false, false, false, false])
  })
})
