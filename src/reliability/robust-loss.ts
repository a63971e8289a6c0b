/**
 * The bounded (Geman–McClure) loss of an error of `d` at scale `c`: 0 for an exact value, 1/2 at
 * `d = c`, approaching 1 for gross errors, so a source that stamps the wrong day (an error of 1440
 * minutes) costs as much as any other plain mistake and never dominates a source's error.
 * With `c = 0` it is the 0/1 loss.
 * @example robustLoss(0, 5) === 0; robustLoss(5, 5) === 0.5; robustLoss(1440, 5) ≈ 0.99999
 */
export const robustLoss = (d: number, c: number): number => {
  if (d === 0) return 0
  if (c <= 0) return 1
  const d2 = d * d
  return d2 / (d2 + c * c)
}
