import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { parseScopeKey, scopeKey } from "../../src/domain/scope.js"

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/)
const scope = fc.dictionary(name, name, { maxKeys: 4 })
const naive = (s: Record<string, string>) => Object.keys(s).sort().map((k) => `${k}=${s[k]}`).join(";")

describe("scopeKey", () => {
  test.prop([scope])("a frozen scope's key is its contents' key, the first time and every time after", (s) => {
    const frozen = Object.freeze({ ...s })
    expect(scopeKey(frozen)).toBe(naive(s))
    expect(scopeKey(frozen)).toBe(naive(s))
    expect(parseScopeKey(scopeKey(frozen))).toEqual(s)
  })

  test.prop([scope, name, name])("a scope that can still change is keyed as it is now, never as it was", (s, k, v) => {
    const open: Record<string, string> = { ...s }
    expect(scopeKey(open)).toBe(naive(open))
    open[k] = `${v}-changed`
    expect(scopeKey(open)).toBe(naive(open))
  })
})
