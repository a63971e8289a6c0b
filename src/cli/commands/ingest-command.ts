import { Args, Command, Options } from "@effect/cli"
import { Deferred, Effect, Option } from "effect"
import { ingestPaths } from "../../ingest/ingest-paths.js"
import { signalExitCode, stopOnSignals } from "../../jobs/serve-jobs.js"
import { diagnosticLine, renderRecords } from "../output.js"
import { fileProgress } from "../progress.js"
import { dbOption, formatOption, ledgerFor, printErr, printOut, setExitCode } from "../shared-options.js"

export const ingestCommand = Command.make("ingest", {
  paths: Args.text({ name: "PATH" }).pipe(Args.withDescription("a dataset folder, a folder of datasets, or a claim file"), Args.atLeast(1)),
  dataset: Options.text("dataset").pipe(Options.withDescription("the dataset folder whose catalog applies to claim files"), Options.optional),
  strict: Options.boolean("strict").pipe(Options.withDescription("any rejected record: store nothing from that file")),
  db: dbOption,
  format: formatOption,
}, ({ paths, dataset, strict, db, format }) =>
  Effect.scoped(Effect.gen(function* () {
    const progress = fileProgress()
    // SIGINT/SIGTERM: finish the batch in hand, record the run as interrupted, reconcile what was
    // stored, then exit 130/143; a second signal exits at once (the next command reconciles).
    const signals = yield* stopOnSignals(yield* Deferred.make<void>())
    const summary = yield* ingestPaths(paths, {
      dataset: Option.getOrUndefined(dataset),
      strict,
      shouldStop: () => signals.received() !== null,
      onRejection: (r) => {
        progress.stop()
        process.stderr.write(diagnosticLine(`${r.file}:${r.line}: ${r.reason}`))
      },
      onFileStart: (file, total) => progress.start(file, total),
      onBytes: (n) => progress.update(n),
    }).pipe(Effect.ensuring(Effect.sync(() => progress.stop())))
    // snake_case like the ledger's views; `components`: how many components this file's new claims changed
    const records = summary.files.map((f) => ({
      file: f.file, run: f.runId, read: f.read, inserted: f.inserted, duplicates: f.duplicates, rejected: f.rejected,
      outcome: f.outcome, error: f.error, components: f.components.size,
    }))
    yield* printOut(renderRecords(records, format, [
      { header: "file", value: (f) => f.file },
      { header: "read", value: (f) => f.read },
      { header: "inserted", value: (f) => f.inserted },
      { header: "duplicates", value: (f) => f.duplicates },
      { header: "rejected", value: (f) => f.rejected },
      { header: "outcome", value: (f) => (f.error ? `${f.outcome}: ${f.error}` : f.outcome) },
    ]))
    const total = summary.files.reduce((t, f) => ({
      read: t.read + f.read, inserted: t.inserted + f.inserted, duplicates: t.duplicates + f.duplicates, rejected: t.rejected + f.rejected,
    }), { read: 0, inserted: 0, duplicates: 0, rejected: 0 })
    yield* printErr(`read ${total.read} = inserted ${total.inserted} + duplicates ${total.duplicates} + rejected ${total.rejected}; ` +
      `reconciled ${summary.components} component(s), ${summary.figures} figure(s)`)
    for (const f of summary.files) if (f.error) yield* printErr(`${f.file}: ${f.error}`)
    if (summary.files.some((f) => f.outcome === "failed")) yield* setExitCode(2)
    if (total.rejected > 0) yield* setExitCode(1)
    const signal = signals.received()
    if (signal !== null) {
      yield* printErr(`stopped by ${signal} after the batch in hand; what was stored is reconciled (run the same ingest again to go on)`)
      yield* setExitCode(signalExitCode(signal))
    }
  })).pipe(Effect.provide(ledgerFor(db, { reconcileOnOpen: false }))),
).pipe(Command.withDescription("store the claims of datasets or claim files in the ledger and reconcile what changed"))
