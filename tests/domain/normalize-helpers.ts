import { normalizeValue, type NormalizedValue, type NormalizeOptions } from "../../src/domain/normalize-value.js"

export const COUNT: NormalizeOptions = { kind: "count" }
export const REAL: NormalizeOptions = { kind: "real" }

/** The reading of a value the test expects to be accepted (throws with the reason otherwise). */
export const accept = (input: unknown, options: NormalizeOptions = COUNT): NormalizedValue => {
  const r = normalizeValue(input, options)
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted, got: ${r.reason}`)
  return r.value
}

/** The reason a value the test expects to be rejected is rejected (throws with the reading otherwise). */
export const reject = (input: unknown, options: NormalizeOptions = COUNT): string => {
  const r = normalizeValue(input, options)
  if (r.ok) throw new Error(`expected ${String(input)} to be rejected, got [${r.value.lo}, ${r.value.hi}]`)
  return r.reason
}
