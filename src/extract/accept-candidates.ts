import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type IngestOptions, ingestPaths } from "../ingest/ingest-paths.js"
import type { Candidate } from "./candidate.js"

/** A candidate as a claim record of SPEC §2.2: `span` and `confidence` are for the reviewer only. */
export const claimRecordOf = ({ span: _span, confidence: _confidence, ...record }: Candidate) => record

/**
 * `reckon extract --accept`: the candidates go through the normal ingest path (the same
 * validation, ids, quarantine and reconciliation as `reckon ingest`), as one NDJSON claim file
 * under the dataset's catalog. The one place extraction writes to the ledger.
 */
export const acceptCandidates = (
  candidates: readonly Candidate[], dataset: string, onRejection: NonNullable<IngestOptions["onRejection"]>,
) =>
  Effect.acquireUseRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-extract-"))),
    (dir) => Effect.gen(function* () {
      const file = path.join(dir, "candidates.ndjson")
      yield* Effect.sync(() => fs.writeFileSync(file, candidates.map((c) => `${JSON.stringify(claimRecordOf(c))}\n`).join("")))
      return yield* ingestPaths([file], { dataset, onRejection })
    }),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })),
  )
