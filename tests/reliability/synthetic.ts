import type { Observation } from "../../src/reliability/observation.js"

/** A seeded linear congruential generator: deterministic synthetic data for the tests. */
export const rng = (seed: number): (() => number) => {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export interface SyntheticSource {
  readonly name: string
  readonly accuracy: number
  /** Share of items the source speaks on (default 1). */
  readonly coverage?: number
  /** Copies this source's value (wrong ones included) on every item both speak on. */
  readonly copies?: string
  /** How many different wrong values it picks from (default 60); 1 = always the same mistake. */
  readonly spread?: number
}

/**
 * Items with a known true value (0..1439); each independent source gives the truth with its accuracy,
 * else a wrong value drawn from many; a copier repeats its original.
 */
export const synthesize = (
  sources: readonly SyntheticSource[],
  items: number,
  seed = 1,
): { observations: Observation[]; truth: Map<string, number> } => {
  const r = rng(seed)
  const observations: Observation[] = []
  const truth = new Map<string, number>()
  for (let i = 0; i < items; i += 1) {
    const item = `item-${i}`
    const t = Math.floor(r() * 1440)
    truth.set(item, t)
    const said = new Map<string, number>()
    for (const s of sources) {
      if (s.copies !== undefined) continue
      if (r() >= (s.coverage ?? 1)) continue
      const v = r() < s.accuracy ? t : (t + 1 + Math.floor(r() * (s.spread ?? 60))) % 1440
      said.set(s.name, v)
    }
    for (const s of sources) {
      if (s.copies === undefined) continue
      const v = said.get(s.copies)
      if (v !== undefined) said.set(s.name, v)
    }
    for (const [source, value] of said) observations.push({ item, source, value })
  }
  return { observations, truth }
}
