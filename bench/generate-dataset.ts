import * as fs from "node:fs"
import * as path from "node:path"
import { countPhrase, type Phrase, possiblePhrase, realPhrase, type RecordValue } from "./phrases.js"
import { Random } from "./random.js"

/**
 * The deterministic synthetic ledger of the benchmark (issue 6): a dataset folder with a
 * dataset.yaml and one claims.ndjson, the same bytes for the same seed and size.
 *
 * Shape, chosen to look like the real datasets at scale: events of two kinds — strikes
 * (aircraft hit = damaged + destroyed with a type hierarchy, casualties killed/wounded by
 * location, people displaced in the millions) and running tallies (cumulative tanks by location
 * over weekly `at` dates, a real-valued area) —, 120 origin sources and 30 outlets that pass claims
 * on, every phrase form of SPEC §3, repeats through other outlets, supersessions (explicit and by a
 * later statement), possible claims, a few sources that are wrong, exact duplicate records and
 * about 0.5% bad records of every kind of SPEC §8. About 10 records per cell, so 1M records are
 * about 100k cells.
 */
export interface GenerateOptions {
  /** The dataset folder to write (created). */
  readonly dir: string
  /** Stop after this many records (lines), or… */
  readonly records?: number
  /** …after this many bytes of NDJSON (the 1 GB RSS measure). */
  readonly bytes?: number
  readonly seed: number
}

export interface CellRef {
  readonly event: string
  readonly metric: string
  readonly scope: Readonly<Record<string, string>>
}

export interface DatasetStats {
  readonly dir: string
  readonly file: string
  readonly records: number
  readonly bytes: number
  readonly events: number
  readonly components: number
  readonly cells: number
  /** Records written to be rejected (bad JSON, unknown ids, unreadable phrases, …). */
  readonly bad: number
  /** Exact copies of an earlier record (counted as duplicates, not stored twice). */
  readonly duplicates: number
  readonly forms: Readonly<Record<string, number>>
  /** A seeded sample of cells that have claims (for the query and incremental measures). */
  readonly sampleCells: readonly CellRef[]
}

export const DATASET_NAME = "bench"
const SOURCES = 120
const OUTLETS = 30
const LOCATIONS = 30
const KINDS = ["official", "military", "intelligence", "imagery", "osint", "media", "analyst", "website"] as const
const METHODS = ["statement", "imagery", "count", "estimate", "footage", "report"]
const TYPE_LEAVES = ["Tu-95MS", "Tu-22M3", "An-12", "A-50"] as const
const TYPE_CELLS = ["bomber", "Tu-95", "Tu-95MS", "Tu-22M3", "A-50"] as const
const pad = (n: number, w: number): string => String(n).padStart(w, "0")
const sourceId = (i: number): string => `src-${pad(i, 3)}`
const outletId = (i: number): string => `out-${pad(i, 2)}`
const locationId = (i: number): string => `loc-${pad(i, 2)}`

/** Day arithmetic on ISO dates without a clock: the dataset never depends on when it is generated. */
const addDays = (iso: string, days: number): string => {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** The catalog of the synthetic dataset, as YAML (written after the claims, once the events are known). */
export const catalogYaml = (events: readonly { id: string; date: string; kind: string }[], seed: number): string => {
  const out: string[] = [
    `# Synthetic benchmark dataset (bench/generate-dataset.ts, seed ${seed}). Not real data.`,
    `name: ${DATASET_NAME}`,
    `title: Synthetic benchmark ledger`,
    "events:",
  ]
  for (const e of events) out.push(`  - { id: ${e.id}, title: "Synthetic ${e.kind} ${e.id}", date: ${e.date} }`)
  out.push("sources:")
  for (let i = 0; i < SOURCES; i++) {
    const alias = i % 10 === 0 ? `, aliases: [SRC-${pad(i, 3)}]` : ""
    const side = i % 7 === 0 ? ", side: ua" : i % 7 === 1 ? ", side: ru" : ""
    const weight = i % 11 === 0 ? 1.5 : i % 13 === 0 ? 0.7 : 1
    out.push(`  - { id: ${sourceId(i)}, name: "Source ${i}", kind: ${KINDS[i % KINDS.length]}${side}, weight: ${weight}${alias} }`)
  }
  for (let i = 0; i < OUTLETS; i++) out.push(`  - { id: ${outletId(i)}, name: "Outlet ${i}", kind: media }`)
  out.push(
    "metrics:",
    "  - { id: aircraft.hit, unit: aircraft, parts: [aircraft.damaged, aircraft.destroyed], exhaustive: true }",
    "  - { id: aircraft.damaged, unit: aircraft }",
    "  - { id: aircraft.destroyed, unit: aircraft }",
    "  - { id: casualties, unit: people, parts: [casualties.killed, casualties.wounded] }",
    "  - { id: casualties.killed, unit: people }",
    "  - { id: casualties.wounded, unit: people }",
    "  - { id: people.displaced, unit: people }",
    "  - { id: equipment.tanks, unit: tanks, cumulative: true }",
    "  - { id: area.controlled, unit: km2, kind: real }",
    "dimensions:",
    "  - id: type",
    "    values:",
    "      - { id: bomber }",
    "      - { id: Tu-95, parent: bomber }",
    "      - { id: Tu-95MS, parent: Tu-95 }",
    "      - { id: Tu-22M3, parent: bomber }",
    "      - { id: transport }",
    "      - { id: An-12, parent: transport }",
    "      - { id: awacs }",
    "      - { id: A-50, parent: awacs }",
    "  - id: location",
    "    values:",
  )
  for (let i = 0; i < LOCATIONS; i++) out.push(`      - { id: ${locationId(i)} }`)
  return `${out.join("\n")}\n`
}

/** Writes lines through a 1 MB buffer with synchronous writes: bounded memory whatever the size. */
class LineWriter {
  private buffer: string[] = []
  private buffered = 0
  bytes = 0
  lines = 0

  constructor(private readonly fd: number) {}

  write(line: string): void {
    this.buffer.push(line)
    const n = Buffer.byteLength(line) + 1
    this.buffered += n
    this.bytes += n
    this.lines++
    if (this.buffered >= 1 << 20) this.flush()
  }

  flush(): void {
    if (this.buffer.length === 0) return
    fs.writeSync(this.fd, `${this.buffer.join("\n")}\n`)
    this.buffer = []
    this.buffered = 0
  }
}

interface CellTruth {
  readonly metric: string
  readonly scope: Record<string, string>
  /** The true value (count or real); for cumulative cells, the value at each `at`. */
  readonly truth: number | readonly number[]
}

interface EventPlan {
  readonly id: string
  readonly date: string
  readonly kind: "strike" | "tally"
  /** Components: each a list of cells whose truths satisfy the catalog's relations. */
  readonly components: readonly (readonly CellTruth[])[]
  /** For tallies: the weekly `at` dates. */
  readonly ats: readonly string[]
}

const NOUN: Readonly<Record<string, string>> = {
  "aircraft.hit": "aircraft", "aircraft.damaged": "aircraft", "aircraft.destroyed": "aircraft",
  casualties: "people", "casualties.killed": "people", "casualties.wounded": "people", "people.displaced": "people",
  "equipment.tanks": "tanks", "area.controlled": "km2",
}
const VERB: Readonly<Record<string, string>> = {
  "aircraft.hit": "were hit", "aircraft.damaged": "were damaged", "aircraft.destroyed": "were destroyed",
  casualties: "were killed or wounded", "casualties.killed": "were killed", "casualties.wounded": "were wounded",
  "people.displaced": "were displaced", "equipment.tanks": "have been lost in total", "area.controlled": "are controlled",
}

/** True values that satisfy every relation: parts sum to the whole, children to at most their parent. */
const planStrike = (rng: Random): CellTruth[][] => {
  const byType = (scale: number) => {
    const leaf: Record<string, number> = {}
    for (const t of TYPE_LEAVES) leaf[t] = rng.int(0, t === "A-50" ? 1 : scale)
    const tu95 = leaf["Tu-95MS"]! + rng.int(0, 2)
    const bomber = tu95 + leaf["Tu-22M3"]! + rng.int(0, 1)
    return { "": bomber + leaf["An-12"]! + leaf["A-50"]! + rng.int(0, 2), bomber, "Tu-95": tu95, ...leaf } as Record<string, number>
  }
  const destroyed = byType(6)
  const damaged = byType(12)
  const hit = (t: string) => destroyed[t]! + damaged[t]!
  const aircraft: CellTruth[] = [
    { metric: "aircraft.hit", scope: {}, truth: hit("") },
    { metric: "aircraft.damaged", scope: {}, truth: damaged[""]! },
    { metric: "aircraft.destroyed", scope: {}, truth: destroyed[""]! },
  ]
  for (const t of rng.sample(TYPE_CELLS, rng.int(0, 4))) {
    const metric = rng.pick(["aircraft.hit", "aircraft.damaged", "aircraft.destroyed"])
    const truth = metric === "aircraft.hit" ? hit(t) : metric === "aircraft.damaged" ? damaged[t]! : destroyed[t]!
    aircraft.push({ metric, scope: { type: t }, truth })
  }
  const locations = rng.sample(Array.from({ length: LOCATIONS }, (_, i) => locationId(i)), rng.int(0, 2))
  const killedBy = locations.map(() => rng.int(0, 40))
  const woundedBy = locations.map(() => rng.int(0, 120))
  const killed = killedBy.reduce((a, b) => a + b, 0) + rng.int(0, 30)
  const wounded = woundedBy.reduce((a, b) => a + b, 0) + rng.int(0, 90)
  const casualties: CellTruth[] = [
    { metric: "casualties.killed", scope: {}, truth: killed },
    { metric: "casualties.wounded", scope: {}, truth: wounded },
  ]
  if (rng.chance(0.6)) casualties.push({ metric: "casualties", scope: {}, truth: killed + wounded + rng.int(0, 5) })
  locations.forEach((l, i) => {
    casualties.push({ metric: "casualties.killed", scope: { location: l }, truth: killedBy[i]! })
    if (rng.chance(0.5)) casualties.push({ metric: "casualties.wounded", scope: { location: l }, truth: woundedBy[i]! })
  })
  const components = [aircraft, casualties]
  if (rng.chance(0.5)) components.push([{ metric: "people.displaced", scope: {}, truth: rng.int(1, 30) * 100_000 }])
  return components
}

const planTally = (rng: Random, weeks: number): CellTruth[][] => {
  const locations = rng.sample(Array.from({ length: LOCATIONS }, (_, i) => locationId(i)), rng.int(1, 4))
  const series = (start: number, step: number) => {
    const out: number[] = []
    let v = start
    for (let w = 0; w < weeks; w++) out.push((v += rng.int(0, step)))
    return out
  }
  const byLoc = locations.map(() => series(rng.int(0, 300), 40))
  const total = byLoc[0]!.map((_, w) => byLoc.reduce((s, l) => s + l[w]!, 0) + 20 * (w + 1))
  const tanks: CellTruth[] = [{ metric: "equipment.tanks", scope: {}, truth: total }]
  locations.forEach((l, i) => tanks.push({ metric: "equipment.tanks", scope: { location: l }, truth: byLoc[i]! }))
  const area: CellTruth[] = [{ metric: "area.controlled", scope: {}, truth: Math.round(rng.next() * 5000) / 4 + 10 }]
  return [tanks, area]
}

interface Emit {
  (record: Record<string, unknown>): void
}

/** The claims of one cell: several sources, each with its statement, repeats, supersessions, possibles. */
const emitCell = (rng: Random, plan: EventPlan, cell: CellTruth, pool: readonly number[], emit: Emit, forms: Record<string, number>, nextId: () => string) => {
  const noun = NOUN[cell.metric]!
  const real = cell.metric === "area.controlled"
  const phrase = (c: number): Phrase => (real ? realPhrase(rng, c, noun) : countPhrase(rng, Math.max(0, Math.round(c)), noun))
  const sources = rng.sample(pool, rng.int(3, 6))
  const ats = Array.isArray(cell.truth) ? plan.ats : [null]
  for (const s of sources) {
    // A wrong source believes another number: the engine must find and explain the conflict.
    const wrong = rng.chance(0.1) ? (rng.chance(0.5) ? 0.5 : 1.7) : 1
    const reports = Array.isArray(cell.truth) ? rng.sample(ats.map((_, i) => i), Math.min(ats.length, rng.int(1, 3))).sort() : [0]
    for (const w of reports) {
      const truth = Array.isArray(cell.truth) ? (cell.truth as number[])[w]! : (cell.truth as number)
      const believed = wrong === 1 ? truth : truth * wrong + 2
      const at = ats[w] ?? null
      const stated = addDays(at ?? plan.date, rng.int(0, 4))
      const source = s % 10 === 0 && rng.chance(0.3) ? `SRC-${pad(s, 3)}` : sourceId(s)
      const base = (p: Phrase, extra: Record<string, unknown>): Record<string, unknown> => {
        forms[p.form] = (forms[p.form] ?? 0) + 1
        const id = rng.chance(0.9) ? nextId() : undefined
        const via = rng.sample(Array.from({ length: OUTLETS }, (_, i) => outletId(i)), rng.int(0, 2))
        const words = typeof p.value === "object" ? JSON.stringify(p.value) : String(p.value)
        const scopeText = Object.values(cell.scope).join(" ")
        const said = words.endsWith(noun) ? words : `${words} ${noun}`
        return {
          ...(id ? { id } : {}),
          event: plan.id,
          metric: cell.metric,
          ...(Object.keys(cell.scope).length > 0 || rng.chance(0.2) ? { scope: cell.scope } : {}),
          source,
          ...(via.length > 0 ? { via } : {}),
          value: p.value,
          ...(at ? { at } : {}),
          stated,
          method: rng.pick(METHODS),
          quote: `Source ${s} said ${said}${scopeText ? ` (${scopeText})` : ""} ${VERB[cell.metric]} (${plan.id}).`,
          url: `https://news.example.org/${plan.id}/${sourceId(s)}/${rng.int(1, 999_999)}`,
          ...(rng.chance(0.3) ? { document: { title: `Report on ${plan.id}`, publisher: `Outlet ${rng.int(0, OUTLETS - 1)}`, published: stated } } : {}),
          ...(rng.chance(0.05) ? { note: "curator: figure read from a chart" } : {}),
          ...extra,
        }
      }
      const first = base(phrase(believed), {})
      emit(first)
      if (rng.chance(0.3)) {
        // The same statement passed on by another outlet: one voice, two provenance paths.
        const { id: _id, via: _via, ...rest } = first
        emit({ ...rest, ...(rng.chance(0.9) ? { id: nextId() } : {}), via: [outletId(rng.int(0, OUTLETS - 1))] })
      }
      if (rng.chance(0.25)) {
        // A later statement of the same source replaces the first, explicitly or by being later.
        const explicit = first["id"] !== undefined && rng.chance(0.5)
        const later = base(phrase(truth), { stated: addDays(stated, rng.int(1, 5)), ...(explicit ? { supersedes: first["id"] } : {}) })
        emit(later)
      }
      if (rng.chance(0.08)) {
        const p = real ? { value: `possibly ${Math.round(believed)}`, form: "possibly" } : possiblePhrase(rng, Math.round(believed * 1.3), noun)
        emit(base(p, {}))
      }
    }
  }
}

/** One bad record of a kind SPEC §8 names; the ingest must quarantine it with a reason. */
const badRecord = (rng: Random, plan: EventPlan, k: number): string => {
  const ok = { event: plan.id, metric: "aircraft.hit", source: sourceId(rng.int(0, SOURCES - 1)), value: 3, quote: "3 aircraft were hit" }
  switch (k % 8) {
    case 0: return JSON.stringify(ok).slice(0, 40)
    case 1: return JSON.stringify({ ...ok, source: "nobody-knows" })
    case 2: return JSON.stringify({ ...ok, value: "lots of them" })
    case 3: return JSON.stringify({ ...ok, value: "30% of the aircraft" })
    case 4: return JSON.stringify({ ...ok, value: { lo: 15, hi: 10 } })
    case 5: return JSON.stringify({ ...ok, stated: "2025-02-30" })
    case 6: return JSON.stringify({ ...ok, metric: "aircraft.lost" })
    default: return JSON.stringify({ ...ok, value: -3 })
  }
}

/**
 * Generates the dataset folder: claims.ndjson first (streamed, bounded memory), then dataset.yaml
 * with the events that were written.
 */
export const generateDataset = (options: GenerateOptions): DatasetStats => {
  const limitRecords = options.records ?? Number.POSITIVE_INFINITY
  const limitBytes = options.bytes ?? Number.POSITIVE_INFINITY
  fs.mkdirSync(options.dir, { recursive: true })
  const file = path.join(options.dir, "claims.ndjson")
  const fd = fs.openSync(file, "w")
  const out = new LineWriter(fd)
  const rng = new Random(options.seed)
  const events: EventPlan[] = []
  const forms: Record<string, number> = {}
  const sample: CellRef[] = []
  let cells = 0
  let components = 0
  let bad = 0
  let duplicates = 0
  let seq = 0
  let recent: string[] = []
  const full = () => out.lines >= limitRecords || out.bytes >= limitBytes
  try {
    while (!full()) {
      const n = events.length
      const date = addDays("2022-03-01", n % 1000)
      const kind = rng.chance(0.6) ? "strike" : "tally"
      const id = `ev-${pad(n, 6)}`
      const weeks = rng.int(2, 5)
      const ats = Array.from({ length: weeks }, (_, w) => addDays(date, 7 * w))
      const plan: EventPlan = { id, date, kind, ats, components: kind === "strike" ? planStrike(rng) : planTally(rng, weeks) }
      events.push(plan)
      const pool = rng.sample(Array.from({ length: SOURCES }, (_, i) => i), 9)
      let eventSeq = 0
      const nextId = () => `${id}-c${eventSeq++}`
      const emit: Emit = (record) => {
        if (full()) return
        if (rng.chance(0.005)) {
          out.write(badRecord(rng, plan, seq++))
          bad++
          if (full()) return
        }
        const line = JSON.stringify(record)
        out.write(line)
        recent.push(line)
        if (recent.length > 50) recent = recent.slice(-20)
        if (rng.chance(0.01) && !full()) {
          out.write(rng.pick(recent))
          duplicates++
        }
      }
      for (const component of plan.components) {
        if (full()) break
        components++
        for (const cell of component) {
          if (full()) break
          cells++
          // reservoir sample of cells, seeded, for the query measures
          const ref = { event: id, metric: cell.metric, scope: cell.scope }
          if (sample.length < 2000) sample.push(ref)
          else {
            const j = rng.int(0, cells - 1)
            if (j < 2000) sample[j] = ref
          }
          emitCell(rng, plan, cell, pool, emit, forms, nextId)
        }
      }
    }
    out.flush()
  } finally {
    fs.closeSync(fd)
  }
  fs.writeFileSync(path.join(options.dir, "dataset.yaml"), catalogYaml(events, options.seed))
  return {
    dir: options.dir, file, records: out.lines, bytes: out.bytes, events: events.length, components, cells, bad, duplicates,
    forms, sampleCells: sample,
  }
}
