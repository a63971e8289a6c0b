import type { Claim } from "./claim.js"
import type { ClaimRole, Conflict, FigureStatus } from "./figure.js"
import type { BestHow } from "./best-estimate.js"
import type { Interval } from "./interval.js"
import type { VoiceValue } from "./voices.js"

/** A number as explanations print it; infinities as ∞. */
export const num = (x: number): string => (x === Infinity ? "∞" : x === -Infinity ? "-∞" : String(Math.round(x * 1e9) / 1e9))

/** "[12, 13]", "[12, ∞)". */
export const intervalText = (i: Interval): string =>
  `${i.lo === -Infinity ? "(-∞" : `[${num(i.lo)}`}, ${i.hi === Infinity ? "∞)" : `${num(i.hi)}]`}`

/** What the explanation of one figure is made of. */
export interface ExplainFacts {
  readonly cell: string
  readonly at: string | null
  readonly status: FigureStatus
  readonly range: Interval | null
  readonly direct: Interval | null
  readonly implied: Interval | null
  readonly best: number | null
  readonly bestHow: BestHow | "tie"
  readonly voices: readonly {
    readonly source: string
    readonly weight: number
    readonly role: ClaimRole
    readonly interval: Interval
    readonly primary: readonly Claim[]
    readonly repeats: readonly Claim[]
    readonly note: string | null
    /** What the voice stands for in the best estimate (SPEC §4.6). */
    readonly rep: number | null
    readonly split: readonly number[] | null
    readonly carriedRep: number | null
    readonly relayed: readonly Claim[]
    /** Members of the voice's copy group stating the same value, merged into it (SPEC §4.3). */
    readonly copiedBy?: readonly string[]
    readonly copyGroup?: string | null
  }[]
  /** The median behind the best estimate: the values it was taken over, so it can be redone by hand. */
  readonly median: {
    readonly values: readonly VoiceValue[]
    readonly total: number
    /** The values are those of rows the voices were carried from (no kept voice stood for one). */
    readonly carried: boolean
    /** The two values an exact split left. */
    readonly candidates: readonly number[]
  } | null
  readonly possible: readonly Claim[]
  readonly superseded: readonly { readonly claim: Claim; readonly by: string; readonly how: string }[]
  readonly retractions: readonly { readonly claim: Claim; readonly target: string }[]
  /** Implied bounds that bind, and the relation that last moved each. */
  readonly bounds: readonly { readonly side: "lo" | "hi"; readonly value: number; readonly relation: string | null; readonly claims: readonly string[] }[]
  readonly conflicts: readonly Conflict[]
  readonly tie: { readonly sets: number; readonly weight: number; readonly ranges: readonly (Interval | null)[]; readonly truncated: boolean } | null
  readonly heuristic: string | null
  readonly componentVoices: number
}

const claimText = (c: Claim): string => {
  const bits = [`claim ${c.id}: "${c.value}"`]
  if (c.via.length > 0) bits.push(`via ${c.via.join(" > ")}`)
  if (c.at !== null) bits.push(`at ${c.at}`)
  if (c.stated !== null) bits.push(`stated ${c.stated}`)
  if (c.certainty !== "asserted") bits.push(c.certainty)
  if (c.quote) bits.push(`quote "${c.quote}"`)
  if (c.url) bits.push(`<${c.url}>`)
  return bits.join(", ")
}

const ROLE_WORD: Record<ClaimRole, string> = {
  support: "kept", excluded: "excluded", contested: "contested (kept in some but not all tied sets)",
  possible: "possible", superseded: "superseded", repeat: "repeat", relayed: "relayed",
}

/** What a voice stands for in the best estimate, in words. */
const standsFor = (v: ExplainFacts["voices"][number]): string =>
  v.rep !== null ? `stands for ${num(v.rep)}`
    : v.split !== null ? `stands for ${v.split.map(num).join(" and ")}, half its weight each (its values split evenly)`
      : `stands for no value, a bound only${v.carriedRep !== null ? ` (its row's value ${num(v.carriedRep)} counts only when no kept voice stands for one)` : ""}`

/**
 * How the median was taken: the values in order with their weights and where the cumulative weight
 * passes half the total, so a reader can redo it by hand.
 */
const medianText = (f: ExplainFacts): string => {
  const m = f.median!
  const zero = m.values.every((v) => v.weight <= 0)
  const sorted = [...m.values].sort((a, b) => a.value - b.value)
  const list = sorted.map((v) => `${num(v.value)} (${v.source}, weight ${num(v.weight)})`).join(", ")
  const from = m.carried
    ? "the values of the rows the kept voices are carried from (none of them stands for a value at this time)"
    : "the values the kept voices stand for"
  return `${from}, in order: ${list}; total weight ${num(m.total)}${zero ? " (every weight is 0, so each value counts once)" : ""}, half ${num(m.total / 2)}`
}

/**
 * The sentences `reckon explain` prints for a figure: the voices with weights, wording and
 * provenance, what was excluded and what ruled it out, which relation moved which bound, ties,
 * heuristic use, and how the best estimate was taken. Each sentence can be checked against the claims.
 */
export const explainFigure = (f: ExplainFacts): string[] => {
  const out: string[] = []
  const where = `${f.cell}${f.at !== null ? ` at ${f.at}` : ""}`
  out.push(f.range === null
    ? `${where}: ${f.status}, no range.`
    : `${where}: ${f.status}, range ${intervalText(f.range)}, best ${f.best === null ? "none" : num(f.best)}.`)
  if (f.voices.length === 0) out.push("No source speaks about this cell directly.")
  for (const v of f.voices) {
    out.push(`Voice of ${v.source} (weight ${num(v.weight)}), ${ROLE_WORD[v.role]}: ${intervalText(v.interval)}` +
      `${v.note ? ` (${v.note})` : ""}, ${standsFor(v)} — ${v.primary.map(claimText).join("; ")}.`)
    if (v.copiedBy !== undefined && v.copiedBy.length > 0) {
      out.push(`${v.copiedBy.join(", ")} ${v.copiedBy.length === 1 ? "copies" : "copy"} ${v.source} here: one voice` +
        `${v.copyGroup ? ` (copy group ${v.copyGroup})` : ""}, weighing what its strongest member weighs.`)
    }
    for (const r of v.repeats) out.push(r.source !== v.source
      ? `Claim ${r.id} of ${r.source} states ${v.source}'s value; as a copy it adds no weight. (${claimText(r)})`
      : `Claim ${r.id} repeats ${v.source}'s value ${r.via.length > 0 ? `via ${r.via.join(" > ")}` : "once more"}; it adds no weight. (${claimText(r)})`)
    for (const r of v.relayed) {
      out.push(`Relayed, not counted: ${claimText(r)} gives ${intervalText(r)}, which differs from what ${v.source} says most directly ` +
        `(${v.primary.map((c) => `claim ${c.id}`).join(", ")}); a later or longer chain of outlets does not overrule the source, and the relay may misreport it.`)
    }
  }
  for (const c of f.possible) out.push(`Possible, not counted: ${c.source}, ${claimText(c)}.`)
  for (const s of f.superseded) {
    const how = s.how === "retracted" ? `retracted by claim ${s.by}` : s.how === "superseded" ? `superseded by claim ${s.by}` : `superseded by claim ${s.by}, stated later`
    out.push(`Not counted: ${s.claim.source}'s ${claimText(s.claim)} — ${how}.`)
  }
  for (const r of f.retractions) out.push(`Claim ${r.claim.id} of ${r.claim.source} retracts claim ${r.target}; it carries no value of its own.`)
  if (f.direct !== null) out.push(`Direct (the intersection of this cell's kept voices): ${intervalText(f.direct)}.`)
  if (f.implied !== null) out.push(`Implied by the relations from the other cells: ${intervalText(f.implied)}.`)
  for (const b of f.bounds) {
    out.push(b.relation === null
      ? `The ${b.side === "lo" ? "lower" : "upper"} bound ${num(b.value)} comes from claims ${b.claims.join(", ")}.`
      : `${b.relation} ${b.side === "lo" ? "raised lo" : "lowered hi"} to ${num(b.value)} (from claims ${b.claims.join(", ") || "none"}).`)
  }
  for (const c of f.conflicts) out.push(`Conflict (${c.kind}): ${c.reason}`)
  if (f.tie) {
    out.push(`${f.tie.sets} sets of voices tie for the greatest total weight ${num(f.tie.weight)}${f.tie.truncated ? " (more exist; only the first were enumerated)" : ""}; ` +
      `this cell's range in each: ${f.tie.ranges.map((r) => (r === null ? "none" : intervalText(r))).join(" / ")}.`)
  }
  if (f.heuristic) {
    out.push(`The component has ${f.componentVoices} weighing voices, more than the exact search handles: the heuristic "${f.heuristic}" was used (voices by weight, each kept when feasible with those kept before); the result may not be the heaviest set and ties are not detected.`)
  }
  switch (f.bestHow) {
    case "point": out.push(`Best estimate ${num(f.best!)}: the range is a single value.`); break
    case "median": {
      const m = f.median!
      const sorted = [...m.values].sort((a, b) => a.value - b.value)
      const zero = sorted.every((v) => v.weight <= 0)
      let acc = 0
      const at = sorted.find((v) => (acc += zero ? 1 : v.weight) >= m.total / 2 - 1e-9 * Math.max(1, m.total))?.value ?? null
      const moved = at !== null && at !== f.best ? `, then ${f.range !== null && (at < f.range.lo || at > f.range.hi) ? "clamped into the range" : "rounded to a whole number"}: ${num(f.best!)}` : ""
      out.push(`Best estimate ${num(f.best!)}: the weighted median of ${medianText(f)}; the cumulative weight first reaches half at ${at === null ? "none" : num(at)}${moved}. The median never interpolates.`)
      break
    }
    case "split": {
      const [a, b] = f.median!.candidates
      out.push(`No best estimate: the voices split evenly between ${num(a!)} and ${num(b!)} — the weighted median of ${medianText(f)}; ` +
        `the cumulative weight lands exactly on half at ${num(a!)}, so either value could be the median and the engine does not choose (best_candidates: ${num(a!)}, ${num(b!)}).`)
      break
    }
    case "nearest-zero": out.push(`Best estimate ${num(f.best!)}: no kept voice of its own, so the range's finite bound nearest to zero.`); break
    case "tie": out.push("No best estimate: the range depends on which of the tied sets is right."); break
    case "none": break
  }
  return out
}
