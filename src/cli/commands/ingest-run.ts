import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type IngestOptions, ingestPaths } from "../../ingest/ingest-paths.js"
import { InputError } from "../../ingest/input-error.js"
import { Ledger } from "../../ledger/ledger.js"
import { closestNames, didYouMean } from "../../query/closest-names.js"
import { signalExitCode, stopOnSignals } from "../../jobs/serve-jobs.js"
import { diagnosticLine, type OutputFormat, renderRecords } from "../output.js"
import { ingestProgressHandler, phaseProgress } from "../progress.js"
import { ledgerFor, printErr, printInfo, printOut, setExitCode } from "../run-support.js"
import { STDIN_ARG } from "../global-args.js"
import { UsageError } from "../usage-error.js"
import type { IngestArgs, InputFormat } from "./ingest-command.js"

/**
 * Ingests `paths` as `reckon ingest` does, for every command that stores claims (ingest, add):
 * progress on a terminal, each rejection as `file:line: reason`, the per-file counts on stdout,
 * the accounting line on stderr, exit 1 for rejections and 2 for a file that could not be read;
 * SIGINT/SIGTERM finish the batch in hand and reconcile what was stored.
 */
export const runIngest = (paths: readonly string[], options: Omit<IngestOptions, "onRejection" | "onProgress" | "shouldStop">, format: OutputFormat) =>
  Effect.scoped(Effect.gen(function* () {
    const progress = phaseProgress()
    // SIGINT/SIGTERM: finish the batch in hand, record the run as interrupted, reconcile what was
    // stored, then exit 130/143; a second signal exits at once (the next command reconciles).
    const signals = yield* stopOnSignals(yield* Deferred.make<void>())
    const summary = yield* ingestPaths(paths, {
      ...options,
      shouldStop: () => signals.received() !== null,
      onRejection: (r) => {
        progress.stop()
        process.stderr.write(diagnosticLine(`${r.file}:${r.line}: ${r.reason}`))
      },
      onProgress: ingestProgressHandler(progress),
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
    yield* printInfo(`read ${total.read} = inserted ${total.inserted} + duplicates ${total.duplicates} + rejected ${total.rejected}; ` +
      `reconciled ${summary.components} component(s), ${summary.figures} figure(s)`)
    for (const f of summary.files) if (f.error) yield* printErr(`${f.file}: ${f.error}`)
    if (summary.files.some((f) => f.outcome === "failed")) yield* setExitCode(2)
    if (total.rejected > 0) yield* setExitCode(1)
    const signal = signals.received()
    if (signal !== null) {
      yield* printErr(`stopped by ${signal} after the batch in hand; what was stored is reconciled (run the same ingest again to go on)`)
      yield* setExitCode(signalExitCode(signal))
    }
  }))

/** `--dataset D`: a dataset folder (its catalog is registered) or the name of a dataset in the ledger. */
export const datasetOf = (d: string | undefined) =>
  Effect.gen(function* () {
    if (d === undefined) return {}
    if (fs.existsSync(path.join(d, "dataset.yaml"))) return { dataset: d }
    const names = (yield* (yield* Ledger).catalogs).map((c) => c.name)
    if (names.includes(d)) return { datasetName: d }
    return yield* Effect.fail(new UsageError({
      message: `--dataset ${d}: neither a dataset folder (with a dataset.yaml) nor a dataset in the ledger${didYouMean(closestNames(d, names))}`,
    }))
  })

/** How standard input is named in messages and in the ledger's `file` column. */
export const STDIN_NAME = "<stdin>"

/**
 * Standard input copied to a scratch claim file of the given format (gzip is recognised by its
 * first bytes), so that it is read by the same reader, with the same limits and accounting, as a
 * file; the folder is removed when the scope closes.
 */
const spoolStdin = (format: InputFormat) =>
  Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-stdin-"))),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })),
  ).pipe(Effect.flatMap((dir) => Effect.tryPromise({
    try: async () => {
      const raw = path.join(dir, "stdin")
      await new Promise<void>((resolve, reject) => {
        const out = fs.createWriteStream(raw)
        process.stdin.on("error", reject).pipe(out).on("finish", resolve).on("error", reject)
      })
      const head = Buffer.alloc(2)
      const fd = fs.openSync(raw, "r")
      const n = fs.readSync(fd, head, 0, 2, 0)
      fs.closeSync(fd)
      const file = `${raw}.${format}${n === 2 && head[0] === 0x1f && head[1] === 0x8b ? ".gz" : ""}`
      fs.renameSync(raw, file)
      return file
    },
    catch: (e) => new InputError({ file: STDIN_NAME, message: `cannot read standard input: ${e instanceof Error ? e.message : String(e)}` }),
  })))

/** `reckon ingest`: the paths (standard input spooled to a file first) ingested into the ledger. */
export const runIngestCommand = ({ paths, dataset, inputFormat, strict, db, format }: IngestArgs) =>
  Effect.scoped(Effect.gen(function* () {
    const dashes = paths.filter((p) => p === STDIN_ARG).length
    if (dashes > 1) return yield* Effect.fail(new UsageError({ message: "- (standard input) can be given once" }))
    const stdin = dashes === 1 ? yield* spoolStdin(inputFormat) : null
    const files = paths.map((p) => (p === STDIN_ARG ? stdin! : p))
    yield* runIngest(files, {
      ...(yield* datasetOf(Option.getOrUndefined(dataset))), strict,
      ...(stdin === null ? {} : { displayNames: new Map([[stdin, STDIN_NAME]]) }),
    }, format)
  })).pipe(Effect.provide(ledgerFor(db, { reconcileOnOpen: false })))
