import { FLIGHT_ATTRIBUTES } from "../adapters/flight/flight-attributes.js"
import type { FlightGoldCell } from "../adapters/flight/flight-gold.js"
import type { Reliability, ReliabilityOptions } from "../reliability/learn-reliability.js"
import { type CellVoice, medianPrediction, votePrediction } from "./baseline-methods.js"
import { type EvalRow, type Prediction, scoreMethod } from "./eval-metrics.js"

export const METHODS = ["reckon", "reckon-equal", "vote", "median"] as const

/** One way to hold days back: parameters chosen on `choose`'s gold, methods scored on `report`'s. */
export interface DaySplit {
  /** "report 2011-12-10..2011-12-17, chosen on 2011-12-01..2011-12-09". */
  readonly name: string
  readonly choose: readonly string[]
  readonly report: readonly string[]
}

/**
 * The two splits of the benchmark's days (sorted): choose on the first half and report on the
 * second, and the reverse. An odd day goes to the second half.
 * @example halfSplits(["d1", "d2", "d3", "d4"]).map((s) => s.report) → [["d3", "d4"], ["d1", "d2"]]
 */
export const halfSplits = (days: readonly string[]): DaySplit[] => {
  const sorted = [...days].sort()
  if (sorted.length < 2) throw new Error(`a benchmark split needs at least 2 days, found ${sorted.length}`)
  const first = sorted.slice(0, Math.floor(sorted.length / 2))
  const second = sorted.slice(first.length)
  const span = (d: readonly string[]) => (d.length === 1 ? d[0]! : `${d[0]}..${d[d.length - 1]}`)
  return [
    { name: `report ${span(second)}, chosen on ${span(first)}`, choose: first, report: second },
    { name: `report ${span(first)}, chosen on ${span(second)}`, choose: second, report: first },
  ]
}

/** "AA-1-TPA-MIA@2011-12-01|departure.actual" → "2011-12-01". */
export const dayOfFlightCell = (cell: string): string => cell.slice(cell.indexOf("@") + 1, cell.indexOf("|"))

/** How many gold cells a consensus (item → value) gets right, to the minute. */
export const goldHits = (truth: ReadonlyMap<string, number>, gold: Iterable<readonly [string, FlightGoldCell]>): { hits: number; cells: number } => {
  let hits = 0
  let cells = 0
  for (const [cell, g] of gold) {
    cells += 1
    if (truth.get(cell) === g.minutes) hits += 1
  }
  return { hits, cells }
}

/** The grid entry whose learned consensus gets most gold cells right (the first on ties). */
export const chooseSetting = (learned: readonly Reliability[], gold: readonly (readonly [string, FlightGoldCell])[]): { chosen: number; precision: number } => {
  let chosen = 0
  let best = -1
  learned.forEach((r, k) => {
    const { hits, cells } = goldHits(r.truth, gold)
    const p = cells === 0 ? 0 : hits / cells
    if (p > best + 1e-12) { best = p; chosen = k }
  })
  return { chosen, precision: best }
}

/** What the split evaluation needs from a harness (in memory, or through a ledger). */
export interface SplitEvaluationInput {
  readonly days: readonly string[]
  readonly gold: ReadonlyMap<string, FlightGoldCell>
  readonly grid: readonly ReliabilityOptions[]
  /** Learns reliability from the claims of these days only (no gold). */
  readonly learn: (days: ReadonlySet<string>, options: ReliabilityOptions) => Reliability
  /** The engine's predictions for these gold cells, with a learned reliability (null: every weight 1, no copy groups). */
  readonly predict: (cells: readonly string[], reliability: Reliability | null) => ReadonlyMap<string, Prediction>
  /** Every source's point values on a cell (what vote and median read). */
  readonly voices: (cell: string) => readonly CellVoice[]
  readonly log?: (line: string) => void
}

export interface SplitChoice {
  readonly split: string
  /** Index into the grid of the setting chosen on the split's `choose` days. */
  readonly chosen: number
  readonly options: ReliabilityOptions
  /** Precision of the learned consensus on the `choose` days' gold cells (all attributes) with it. */
  readonly choosePrecision: number
  /** …and on the reported days' gold cells: shown, never used to choose. */
  readonly reportPrecision: number
  /** The reliability learned (from the reported days' claims) with the chosen setting: what `reckon` used. */
  readonly reliability: Reliability
}

export interface SplitEvaluation {
  /** One row per split, method and attribute. */
  readonly rows: (EvalRow & { readonly split: string })[]
  readonly choices: readonly SplitChoice[]
  /**
   * The setting `reckon learn` should use on a ledger without gold: the one both splits chose, or
   * when they differ, the one with the most gold cells right over both halves (each learned from
   * its own days' claims).
   */
  readonly defaults: { readonly index: number; readonly options: ReliabilityOptions; readonly agreed: boolean }
}

/**
 * The benchmark without tuning on the answers (SPEC §4.3): every grid setting learns reliability
 * from each half's claims alone; per split, the setting whose consensus is best on the `choose`
 * half's gold is the one `reckon` uses on the `report` half, and only the `report` half's gold
 * scores the methods: `reckon` (the engine with that learned reliability), `reckon-equal` (the
 * engine, every weight 1, no copy groups), `vote` and `median`.
 */
export const evaluateSplits = (input: SplitEvaluationInput): SplitEvaluation => {
  const log = input.log ?? (() => {})
  const splits = halfSplits(input.days)
  const goldOf = (days: readonly string[]) => {
    const keep = new Set(days)
    return [...input.gold].filter(([cell]) => keep.has(dayOfFlightCell(cell)))
  }
  const learned = new Map<string, Reliability[]>()
  for (const s of splits) {
    const key = s.report.join()
    if (learned.has(key)) continue
    learned.set(key, input.grid.map((o, k) => {
      const t = performance.now()
      const r = input.learn(new Set(s.report), o)
      log(`  setting ${k + 1}/${input.grid.length} learned from ${s.report.length} day(s) in ${Math.round(performance.now() - t)} ms`)
      return r
    }))
  }
  const attributeOf = new Map(FLIGHT_ATTRIBUTES.map((a) => [a.metric, a.attribute]))
  const none: Prediction = { best: null, range: null }
  const rows: (EvalRow & { split: string })[] = []
  const choices: SplitChoice[] = []
  for (const s of splits) {
    const chooseGold = goldOf(s.choose)
    const reportGold = goldOf(s.report)
    const { chosen, precision } = chooseSetting(learned.get(s.choose.join())!, chooseGold)
    const reliability = learned.get(s.report.join())![chosen]!
    const reported = goldHits(reliability.truth, reportGold)
    choices.push({
      split: s.name, chosen, options: input.grid[chosen]!, choosePrecision: precision,
      reportPrecision: reported.cells === 0 ? 0 : reported.hits / reported.cells, reliability,
    })
    log(`${s.name}: setting #${chosen} ${JSON.stringify(input.grid[chosen])} (precision ${precision.toFixed(4)} on the days it was chosen on)`)
    const cells = reportGold.map(([cell]) => cell)
    const reckon = input.predict(cells, reliability)
    const equal = input.predict(cells, null)
    const scored = new Map<string, { gold: number; prediction: Prediction }[]>()
    const add = (method: string, attribute: string, g: number, prediction: Prediction): void => {
      const key = `${method}\t${attribute}`
      const list = scored.get(key) ?? []
      list.push({ gold: g, prediction })
      scored.set(key, list)
    }
    for (const [cell, g] of reportGold) {
      const attribute = attributeOf.get(g.metric)!
      const voices = input.voices(cell)
      add("reckon", attribute, g.minutes, reckon.get(cell) ?? none)
      add("reckon-equal", attribute, g.minutes, equal.get(cell) ?? none)
      add("vote", attribute, g.minutes, votePrediction(voices))
      add("median", attribute, g.minutes, medianPrediction(voices))
    }
    for (const method of METHODS) {
      for (const a of FLIGHT_ATTRIBUTES) rows.push({ split: s.name, ...scoreMethod(method, a.attribute, scored.get(`${method}\t${a.attribute}`) ?? []) })
    }
  }
  const agreed = choices.every((c) => c.chosen === choices[0]!.chosen)
  let index = choices[0]!.chosen
  if (!agreed) {
    let best = -1
    input.grid.forEach((_o, k) => {
      let hits = 0
      for (const s of splits) hits += goldHits(learned.get(s.choose.join())![k]!.truth, goldOf(s.choose)).hits
      if (hits > best) { best = hits; index = k }
    })
  }
  return { rows, choices, defaults: { index, options: input.grid[index]!, agreed } }
}
