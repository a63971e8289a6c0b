import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { Ledger } from "../../ledger/ledger.js"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../reliability/default-reliability-options.js"
import type { ReliabilityOptions } from "../../reliability/learn-reliability.js"
import { learnSourceReliability } from "../../reliability/learn-source-reliability.js"
import { renderRecords } from "../output.js"
import { datasetInLedger, dbOption, formatOption, ledgerFor, printErr, printOut } from "../shared-options.js"
import { reliabilityColumns, reliabilityView } from "../record-views.js"

const numberOption = (name: string, description: string) =>
  Options.float(name).pipe(Options.withDescription(description), Options.optional)


export const learnCommand = Command.make("learn", {
  dataset: Options.text("dataset").pipe(Options.withDescription("learn from this dataset's claims only (its name in the ledger)"), Options.optional),
  lossScale: numberOption("loss-scale", `scale of the bounded loss, in value units; 0 = exact match or not (default ${DEFAULT_RELIABILITY_OPTIONS.lossScale})`),
  priorClaims: numberOption("prior-claims", `shrink each error rate toward the mean as if with this many more claims (default ${DEFAULT_RELIABILITY_OPTIONS.priorClaims})`),
  falseValues: numberOption("false-values", `plausible false values per item: weight = ln(n(1-e)/e) (default ${DEFAULT_RELIABILITY_OPTIONS.falseValues})`),
  noCopies: Options.boolean("no-copies").pipe(Options.withDescription("do not look for sources copying each other")),
  db: dbOption,
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const dataset = yield* datasetInLedger(o.dataset)
    const options: ReliabilityOptions = {
      ...DEFAULT_RELIABILITY_OPTIONS,
      ...Option.match(o.lossScale, { onNone: () => ({}), onSome: (lossScale) => ({ lossScale }) }),
      ...Option.match(o.priorClaims, { onNone: () => ({}), onSome: (priorClaims) => ({ priorClaims }) }),
      ...Option.match(o.falseValues, { onNone: () => ({}), onSome: (falseValues) => ({ falseValues }) }),
      ...(o.noCopies ? { copyScore: Infinity } : {}),
    }
    const learned = yield* learnSourceReliability({ dataset, options })
    const r = learned.reliability
    yield* printErr(`learned from ${learned.observations} point claim(s) on ${learned.items} item(s): ${r.sources.length} source(s), ` +
      `${r.groups.length} copy group(s), ${r.rounds} round(s), ${r.converged ? "converged" : "not converged"} ` +
      `(read ${Math.round(learned.millis.read)} ms, learn ${Math.round(learned.millis.learn)} ms)`)
    const t0 = performance.now()
    // The new weights marked the components they change stale, in the transaction that stored them.
    const reconciled = yield* ledger.reconcileStale()
    yield* printErr(`reconciled ${reconciled.components} component(s), ${reconciled.figures} figure(s) with the learned weights (${Math.round(performance.now() - t0)} ms)`)
    for (const g of r.groups) yield* printErr(`copy group ${g.id}: ${g.sources.join(", ")}`)
    yield* printOut(renderRecords(r.sources.map(reliabilityView), o.format, reliabilityColumns(o.format)))
  }).pipe(Effect.provide(ledgerFor(o.db))),
).pipe(Command.withDescription("learn every source's reliability from the ledger's point claims (with copy detection), store it and reconcile again"))
