import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { runLedgerFlightEval } from "../../eval/ledger-flight-eval.js"
import { InputError } from "../../ingest/input-error.js"
import { ledgerLayer } from "../../ledger/ledger-layer.js"
import { renderRecords } from "../output.js"
import { formatOption, printErr, printErrBlock, printOut } from "../shared-options.js"
import { RELIABILITY_COLUMNS } from "./learn-command.js"
import { COPY_COLUMNS, fixed } from "./sources-command.js"

const flightCommand = Command.make("flight", {
  data: Options.directory("data").pipe(Options.withDescription("the Flight benchmark folder (claims/YYYYMMDD.txt.gz, truth/YYYYMMDD.txt)")),
  db: Options.text("db").pipe(
    Options.withDescription("ingest into this ledger and keep it (with the learned weights and figures); default: a scratch ledger in a temp folder"),
    Options.optional),
  format: formatOption,
}, (o) =>
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
    yield* printOut(renderRecords(report.rows.map((r) => ({ ...r })), o.format, [
      { header: "method", value: (r) => r.method },
      { header: "attribute", value: (r) => r.attribute },
      { header: "items", value: (r) => r.items },
      { header: "precision", value: (r) => fixed(r.precision, 4) },
      { header: "precision10", value: (r) => fixed(r.precision10, 4) },
      { header: "coverage", value: (r) => fixed(r.coverage, 4) },
      { header: "width", value: (r) => fixed(r.width, 2) },
    ]))
    const rel = report.overall.reliability
    yield* printErr(`chosen on all days: ${JSON.stringify(report.overall.options)}; ${rel.rounds} round(s), copy baseline ${rel.copyBaseline.toFixed(3)}`)
    yield* printErrBlock(renderRecords(rel.sources, "table", RELIABILITY_COLUMNS, null))
    yield* printErr(`copy groups: ${rel.groups.length === 0 ? "none" : rel.groups.map((g) => `${g.id} = {${g.sources.join(", ")}}`).join("; ")}`)
    yield* printErrBlock(renderRecords(rel.groups.flatMap((g) => g.evidence.map((e) => ({
      group: g.id, members: g.sources, sources: e.sources, overlap: e.overlap, bothFalse: e.bothFalse, sharedFalse: e.sharedFalse,
      expectedSharedFalse: e.expectedSharedFalse, score: e.score,
    }))), "table", COPY_COLUMNS, null))
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
  }),
).pipe(Command.withDescription("score reckon (learned weights), reckon-equal, vote and median on the Flight truth-discovery benchmark, through a ledger"))

export const evalCommand = Command.make("eval").pipe(
  Command.withDescription("evaluate the engine on a benchmark with a gold standard"),
  Command.withSubcommands([flightCommand]),
)
