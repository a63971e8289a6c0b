import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Ledger } from "../../ledger/ledger.js"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../reliability/default-reliability-options.js"
import type { ReliabilityOptions } from "../../reliability/learn-reliability.js"
import { learnSourceReliability } from "../../reliability/learn-source-reliability.js"
import { evidenceLines, renderRecords } from "../output.js"
import { reliabilityColumns, reliabilityView } from "../record-views.js"
import { datasetInLedger, ledgerFor, printErr, printOut } from "../run-support.js"
import type { LearnArgs } from "./learn-command.js"

/** `reckon learn`: every source's reliability learned and stored, and the ledger reconciled with it. */
export const runLearn = (o: LearnArgs) =>
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
    yield* printOut(renderRecords(r.sources.map(reliabilityView), o.format, reliabilityColumns(o.format)))
  }).pipe(Effect.provide(ledgerFor(o.db)))
