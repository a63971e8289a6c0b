import { fc, test } from "@fast-check/vitest"
import { expect } from "vitest"
import { groupBy } from "../../src/domain/group-by.js"

test.prop([fc.array(fc.integer({ min: -20, max: 20 }))])("groupBy keeps every item once, in input order, under its key", (xs) => {
  const groups = groupBy(xs, (x) => x % 3)
  expect([...groups.values()].flat().sort((a, b) => a - b)).toEqual([...xs].sort((a, b) => a - b))
  for (const [k, g] of groups) expect(g).toEqual(xs.filter((x) => x % 3 === k))
})
