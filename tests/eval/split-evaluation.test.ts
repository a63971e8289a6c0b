import { describe, expect, it } from "vitest"
import type { FlightGoldCell } from "../../src/adapters/flight/flight-gold.js"
import { chooseSetting, dayOfFlightCell, evaluateSplits, halfSplits } from "../../src/eval/split-evaluation.js"
import type { Reliability, ReliabilityOptions } from "../../src/reliability/learn-reliability.js"

const goldCell = (day: string, minutes: number): [string, FlightGoldCell] => {
  const event = `AA-1-TPA-MIA@${day}`
  return [`${event}|departure.actual`, { event, metric: "departure.actual", attribute: "actual_departure", minutes, raw: String(minutes) }]
}

/** A stand-in for learned reliability: only its consensus matters to the choice. */
const learnedWith = (truth: Map<string, number>): Reliability => ({
  sources: [], weights: new Map(), copyGroups: new Map(), groups: [], copyBaseline: 0, truth, nothingToLearn: false,
  rounds: 1, iterations: 1, converged: true, options: { falseValues: 1, priorCells: 1, minContested: 1 },
})

describe("halfSplits", () => {
  it("chooses on one half and reports on the other, both ways; an odd day goes to the second half", () => {
    expect(halfSplits(["d3", "d1", "d2", "d4"])).toEqual([
      { name: "report d3..d4, chosen on d1..d2", choose: ["d1", "d2"], report: ["d3", "d4"] },
      { name: "report d1..d2, chosen on d3..d4", choose: ["d3", "d4"], report: ["d1", "d2"] },
    ])
    expect(halfSplits(["a", "b", "c"]).map((s) => s.report)).toEqual([["b", "c"], ["a"]])
    expect(() => halfSplits(["a"])).toThrow(/at least 2 days/)
  })
  it("reads the day of a flight cell", () => {
    expect(dayOfFlightCell("AA-1-TPA-MIA@2011-12-01|departure.actual")).toBe("2011-12-01")
  })
})

describe("evaluateSplits never tunes on the days it reports", () => {
  const days = ["2011-12-01", "2011-12-02"]
  const grid: ReliabilityOptions[] = [1, 2, 3].map((falseValues) => ({ falseValues, priorCells: 1, minContested: 1 }))
  // Setting k's consensus says 600 + k on every day; the gold is 601 on day 1 and `day2` on day 2.
  const run = (day2: number) => {
    const gold = new Map([goldCell(days[0]!, 601), goldCell(days[1]!, day2)])
    const learnedDays: string[][] = []
    const evaluation = evaluateSplits({
      days, gold, grid,
      learn: (d, o) => {
        learnedDays.push([...d])
        return learnedWith(new Map([...gold.keys()].filter((c) => d.has(dayOfFlightCell(c))).map((c) => [c, 600 + o.falseValues])))
      },
      predict: (cells, r) => new Map(cells.map((c) => [c, { best: r === null ? null : r.truth.get(c) ?? null, range: null }])),
      voices: () => [{ source: "x", values: [600] }],
    })
    return { evaluation, learnedDays }
  }

  it("learns each setting from one half's claims at a time", () => {
    const { learnedDays } = run(603)
    expect(learnedDays).toEqual([["2011-12-02"], ["2011-12-02"], ["2011-12-02"], ["2011-12-01"], ["2011-12-01"], ["2011-12-01"]])
  })

  it("chooses each split's setting on the other half's gold; the reported half's gold changes the scores, never the choice", () => {
    const a = run(603)
    const b = run(602)
    expect(a.evaluation.choices.map((c) => c.chosen)).toEqual([0, 2])
    expect(b.evaluation.choices.map((c) => c.chosen)).toEqual([0, 1])
    // Reporting day 2: chosen on day 1's gold (601 → setting 0, which says 601 on day 2 too): wrong both times.
    const precision = (e: typeof a.evaluation, split: number, method: string) =>
      e.rows.find((r) => r.split === e.choices[split]!.split && r.method === method && r.attribute === "actual_departure")!.precision
    expect(precision(a.evaluation, 0, "reckon")).toBe(0)
    expect(precision(b.evaluation, 0, "reckon")).toBe(0)
    // Reporting day 1: chosen on day 2's gold (603 → setting 2, 602 → setting 1): never the one day 1 wants.
    expect(precision(a.evaluation, 1, "reckon")).toBe(0)
    expect(a.evaluation.choices[1]!.reportPrecision).toBe(0)
    expect(a.evaluation.choices[0]!.choosePrecision).toBe(1)
    // The splits disagree: the default is the setting with most gold cells right over both halves (the first on ties).
    expect(a.evaluation.defaults).toMatchObject({ index: 0, agreed: false })
  })

  it("scores vote and median from the voices, reckon-equal with no learned reliability", () => {
    const { evaluation } = run(600)
    const rows = evaluation.rows.filter((r) => r.attribute === "actual_departure" && r.split === evaluation.choices[0]!.split)
    expect(rows.map((r) => [r.method, r.items, r.precision])).toEqual([["reckon", 1, 0], ["reckon-equal", 1, 0], ["vote", 1, 1], ["median", 1, 1]])
    expect(evaluation.rows).toHaveLength(2 * 4 * 4)
  })
})

describe("chooseSetting", () => {
  it("takes the setting whose consensus gets most gold cells right, the first on ties", () => {
    const gold = [goldCell("d", 5), goldCell("e", 7)]
    const r = (a: number, b: number) => learnedWith(new Map([[gold[0]![0], a], [gold[1]![0], b]]))
    expect(chooseSetting([r(5, 0), r(5, 7), r(5, 7)], gold)).toEqual({ chosen: 1, precision: 1 })
    expect(chooseSetting([r(0, 0), r(1, 1)], gold)).toEqual({ chosen: 0, precision: 0 })
  })
})
