import { normalizeNumberText, readNumber } from "../domain/number-words.js"

/**
 * Every number written in a text, in digits or in words ("41", "3,000", "forty-one", "a dozen").
 * Used by the audit to check that a quote really contains the number a claim says it does.
 * @example numbersIn("destroyed at least two Tu-22 bombers") // [2, 22]
 */
export const numbersIn = (text: string): number[] => {
  const t = normalizeNumberText(text)
  const found: number[] = []
  let i = 0
  while (i < t.length) {
    const m = readNumber(t, i)
    if (m !== null && m.end > i) {
      found.push(m.value)
      if (m.scale !== 1) found.push(m.bare)
      i = m.end
    } else {
      i++
    }
  }
  return found
}
