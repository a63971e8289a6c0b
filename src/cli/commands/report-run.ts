import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as path from "node:path"
import { resolveLedgerPath } from "../../ledger/ledger.js"
import { loadReportData } from "../report/load-report-data.js"
import { loadRenderLibs } from "../report/render-libs.js"
import { renderReport } from "../report/render-report.js"
import { ledgerFor, printErr } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { ReportArgs } from "./report-command.js"

/** A read command never creates a ledger (SPEC §6): a missing ledger file is a usage error. */
export const requireLedger = (db: Option.Option<string>): Effect.Effect<string, UsageError> => {
  const file = resolveLedgerPath(Option.getOrUndefined(db))
  return file.includes("://") || fs.existsSync(file)
    ? Effect.succeed(file)
    : Effect.fail(new UsageError({ message: `no ledger at ${file} (reckon ingest DATASET --db ${file} makes one)` }))
}

/** Writes next to the target and renames, so a reader never sees half a report. */
const writeAtomically = (file: string, text: string): Effect.Effect<void, UsageError> =>
  Effect.try({
    try: () => {
      const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`)
      fs.writeFileSync(tmp, text)
      fs.renameSync(tmp, file)
    },
    catch: (e) => new UsageError({ message: `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }),
  })

/** `reckon report`: the figures asked for, written as one self-contained HTML file. */
export const runReport = (o: ReportArgs) =>
  Effect.gen(function* () {
    const ledger = yield* requireLedger(o.db)
    const filter = { event: Option.getOrUndefined(o.event), metric: Option.getOrUndefined(o.metric), status: Option.getOrUndefined(o.status) }
    const data = yield* loadReportData(ledger, filter).pipe(Effect.provide(ledgerFor(o.db)))
    const libs = yield* Effect.promise(loadRenderLibs)
    const html = renderReport(libs, data)
    yield* writeAtomically(o.out, html)
    const conflicts = data.figures.filter((f) => f.status === "conflict").length
    yield* printErr(`wrote ${o.out}: ${data.figures.length} figures (${conflicts} in conflict), ${data.conflicts.length} conflicts, ${data.sources.length} sources, ${Buffer.byteLength(html)} bytes`)
  })
