import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { Ledger } from "../../ledger/ledger.js"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../reliability/default-reliability-options.js"
import type { ReliabilityOptions } from "../../reliability/learn-reliability.js"
import { learnSourceReliability } from "../../reliability/learn-source-reliability.js"
import { evidenceLines, RELIABILITY_COLUMNS, renderRecords } from "../output.js"
import { datasetInLedger, dbOption, formatOption, ledgerFor, printErr, printOut } from "../shared-options.js"

const numberOption = (name: string, description: string) =>
  Options.float(name).pipe(Options.withDescription(description), Options.optional)

export const learnCommand = Command.make("learn", {
  dataset: Options.text("dataset").pipe(Options.withDescription("learn from this dataset's claims only (its name in the ledger)"), Options.optional),
  falseValues: numberOption("false-values", `plausible false values per cell n: weight = ln(n·a/(1−a)) for agreement rate a (default ${DEFAULT_RELIABILITY_OPTIONS.falseValues})`),
  priorCells: numberOption("prior-cells", `shrink each agreement rate toward the prior's as if with this many more contested cells (default ${DEFAULT_RELIABILITY_OPTIONS.priorCells})`),
  minContested: numberOption("min-contested", `a source with fewer contested cells keeps its prior weight (default ${DEFAULT_RELIABILITY_OPTIONS.minContested})`),
  noCopies: Options.boolean("no-copies").pipe(Options.withDescription("do not look for sources that mirror each other")),
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const dataset = yield* datasetInLedger(o.dataset)
    const options: ReliabilityOptions = {
      ...DEFAULT_RELIABILITY_OPTIONS,
      ...Option.match(o.falseValues, { onNone: () => ({}), onSome: (falseValues) => ({ falseValues }) }),
      ...Option.match(o.priorCells, { onNone: () => ({}), onSome: (priorCells) => ({ priorCells }) }),
      ...Option.match(o.minContested, { onNone: () => ({}), onSome: (minContested) => ({ minContested }) }),
      ...(o.noCopies ? { mirrorDisagreement: null, copyScore: Infinity } : {}),
    }
    const learned = yield* learnSourceReliability({ dataset, options })
    const r = learned.reliability
    yield* printErr(`learned from ${learned.observations} point claim(s) on ${learned.items} item(s): ${r.sources.length} source(s), ` +
      `${r.groups.length} copy group(s), ${r.rounds} round(s), ${r.converged ? "converged" : "not converged"} ` +
      `(read ${Math.round(learned.millis.read)} ms, learn ${Math.round(learned.millis.learn)} ms)`)
    for (const line of evidenceLines(r)) yield* printErr(line)
    const t0 = performance.now()
    // The new weights and copy groups marked the components they change stale, in the transaction that stored them.
    const reconciled = yield* ledger.reconcileStale()
    yield* printErr(`reconciled ${reconciled.components} component(s), ${reconciled.figures} figure(s) with the learned weights (${Math.round(performance.now() - t0)} ms)`)
    for (const g of r.groups) yield* printErr(`copy group ${g.id}: ${g.sources.join(", ")}`)
    yield* printOut(renderRecords(r.sources, o.format, RELIABILITY_COLUMNS))
  }).pipe(Effect.provide(ledgerFor(o.db))),
).pipe(Command.withDescription(
  "learn every source's reliability from the cells it shares with other independent voices (copies merged into one voice), store it and reconcile again"))
