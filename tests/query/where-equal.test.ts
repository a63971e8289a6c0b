import { describe, expect, it } from "vitest"
import { whereEqual } from "../../src/query/where-equal.js"

describe("whereEqual", () => {
  it("selects on the filters that are set, in order, and on nothing when none is", () => {
    expect(whereEqual({ event: "e", metric: undefined, scope_key: "" })).toEqual({ sql: "WHERE event = ? AND scope_key = ?", params: ["e", ""] })
    expect(whereEqual({ event: undefined })).toEqual({ sql: "", params: [] })
  })
})
