import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { runLedgerFlightEval } from "../../eval/ledger-flight-eval.js"
import { InputError } from "../../ingest/input-error.js"
import { canonicalJson } from "../../ledger/content-hash.js"
import { ledgerLayer } from "../../ledger/ledger-layer.js"
import { DEFAULT_RELIABILITY_OPTIONS } from "../../reliability/default-reliability-options.js"
import { EVAL_COLUMNS, evidenceLines, renderRecords } from "../output.js"
import { copyPairColumns, copyPairView, reliabilityColumns, reliabilityView } from "../record-views.js"
import { printErr, printErrBlock, printOut } from "../run-support.js"
import type { FlightArgs } from "./eval-command.js"

/** `reckon eval flight`: the methods scored on the Flight benchmark through a ledger, and what was learned. */
export const runFlight = (o: FlightArgs) =>
  Effect.gen(function* () {
    for (const sub of ["claims", "truth"]) {
      if (!fs.existsSync(path.join(o.data, sub))) {
        return yield* Effect.fail(new InputError({ file: o.data, message: `not a Flight benchmark folder: no ${sub}/ in it` }))
      }
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "reckon-eval-flight-"))
    const db = Option.getOrElse(o.db, () => path.join(work, "scratch.db"))
    const log = (line: string) => void process.stderr.write(`${line}\n`)
    const report = yield* runLedgerFlightEval({ dataDir: o.data, workDir: work, recomputeAll: Option.isSome(o.db), log }).pipe(
      Effect.provide(ledgerLayer(db)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(work, { recursive: true, force: true }))),
    )
    yield* printOut(renderRecords(report.rows.map((r) => ({ ...r })), o.format, EVAL_COLUMNS))
    for (const c of report.choices) {
      yield* printErr(`${c.split}: setting ${JSON.stringify(c.options)}; its consensus got ${(100 * c.choosePrecision).toFixed(2)}% of the ` +
        `gold cells right on the days it was chosen on, ${(100 * c.reportPrecision).toFixed(2)}% on the days reported`)
    }
    const d = report.defaults
    yield* printErr(`${d.agreed ? "both splits chose" : "the splits chose differently; best over both halves"}: ${JSON.stringify(d.options)}` +
      (canonicalJson(d.options) === canonicalJson(DEFAULT_RELIABILITY_OPTIONS)
        ? " (the defaults of reckon learn)"
        : `; reckon learn's defaults are ${JSON.stringify(DEFAULT_RELIABILITY_OPTIONS)}`))
    const rel = report.stored
    yield* printErr(`learned from every day with it and stored in the ledger (${rel.rounds} round(s), ${rel.converged ? "converged" : "not converged"}):`)
    for (const line of evidenceLines(rel)) yield* printErr(line)
    yield* printErrBlock(renderRecords(rel.sources.map(reliabilityView), "table", reliabilityColumns("table"), null))
    yield* printErr(`copy groups: ${rel.groups.length === 0 ? "none" : rel.groups.map((g) => `${g.id} = {${g.sources.join(", ")}}`).join("; ")}`)
    yield* printErrBlock(renderRecords(rel.groups.flatMap((g) => g.evidence.map((e) => copyPairView({ ...e, group: g.id }, g.sources))), "table", copyPairColumns("table"), null))
    yield* printErr(`rejected cells by source and format (the adapter could not read them as a time):`)
    yield* printErrBlock(renderRecords(report.rejections, "table", [
      { header: "source", value: (r) => r.source },
      { header: "format", value: (r) => r.format },
      { header: "reason", value: (r) => r.reason },
      { header: "cells", value: (r) => r.count },
    ], null))
    for (const r of report.ledgerRejections) yield* printErr(`${r.file}:${r.line}: ${r.reason}`)
    yield* printErr(`counts ${JSON.stringify(report.counts)}`)
    yield* printErr(`timings (ms) ${JSON.stringify(report.millis)}`)
  })
