import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { openSqlite, withBulkCache } from "../../../src/ledger/sqlite/open-sqlite.js"
import { tempDir } from "../../support/temp-dir.js"

describe("a bulk write's page cache", () => {
  it("is smaller while the write runs, and the connection's own again afterwards, also when the write fails", () => {
    const sqlite = openSqlite(path.join(tempDir(), "ledger.db"))
    try {
      const own = sqlite.pragma("cache_size", { simple: true }) as number
      const during = withBulkCache(sqlite, () => sqlite.pragma("cache_size", { simple: true }) as number)
      expect(-during).toBeLessThan(-own)
      expect(sqlite.pragma("cache_size", { simple: true })).toBe(own)
      expect(() => withBulkCache(sqlite, () => { throw new Error("write failed") })).toThrow("write failed")
      expect(sqlite.pragma("cache_size", { simple: true })).toBe(own)
    } finally {
      sqlite.close()
    }
  })
})
