import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { claimFileFormat } from "../ingest/read-records.js"
import { hashFile } from "./hash-file.js"
import { ingestOneFile } from "./ingest-one-file.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import { SourceError } from "./job-errors.js"
import type { RunContext } from "./run-context.js"

/**
 * The claim files of a watched folder, in name order. Names starting with "." are skipped: a
 * writer should write elsewhere (or to a dot-file) and rename into the folder when done.
 */
export const watchedFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith(".") && claimFileFormat(e.name) !== null)
    .map((e) => e.name)
    .sort()

/**
 * `from: { dir }`: ingests the files that are new or changed since the job last saw them, by
 * content hash. A file's hash is stored only after its ingest committed, so a killed run
 * re-reads that file next time (what was already stored counts as duplicates, nothing twice).
 * The hash is taken before reading: a file that changes while it is read is read again next run.
 */
export const folderSource = (ctx: RunContext): Effect.Effect<void, SourceError | LedgerError> =>
  Effect.gen(function* () {
    const dir = (ctx.job.source as { path: string }).path
    const names = yield* Effect.try({
      try: () => watchedFiles(dir),
      catch: (e) => new SourceError({ job: ctx.job.name, message: `${dir}: cannot list the folder (${(e as NodeJS.ErrnoException).code ?? String(e)})` }),
    })
    let changed = 0
    for (const name of names) {
      if (ctx.signal.aborted) break
      const file = path.join(dir, name)
      const hash = yield* Effect.tryPromise({
        try: () => hashFile(file),
        catch: (e) => new SourceError({ job: ctx.job.name, message: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }),
      })
      if ((yield* ctx.ledger.itemState(ctx.job.name, name))?.content_hash === hash) continue
      changed++
      const summary = yield* ingestOneFile(ctx, file, file)
      // An interrupted file is read again next run; any other outcome is final for this content.
      if (summary.outcome !== "interrupted") yield* ctx.ledger.writeItemState(ctx.job.name, name, { content_hash: hash }, ctx.now())
    }
    ctx.details.push(changed === 0 ? "no new or changed files" : `${changed} new or changed file(s)`)
  })
