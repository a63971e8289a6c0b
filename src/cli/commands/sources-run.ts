import * as Effect from "effect/Effect"
import { querySources } from "../../query/query-sources.js"
import { loadCopyGroups } from "../../reliability/stored-reliability.js"
import { writeList } from "../list-options.js"
import { renderRecords } from "../output.js"
import { copyPairColumns, copyPairView, SOURCE_SORT_FIELDS, sourceColumns, sourceView } from "../record-views.js"
import { ledgerFor, printOut } from "../run-support.js"
import type { SourcesArgs } from "./sources-command.js"

/** `reckon sources`: the ledger's sources as a list, or with `--copies` the evidence of their copy groups. */
export const runSources = ({ copies, db, format, ...list }: SourcesArgs) =>
  Effect.gen(function* () {
    if (copies) {
      const pairs = (yield* loadCopyGroups).flatMap((g) => g.evidence.map((e) => copyPairView(e, g.sources)))
      yield* printOut(renderRecords(pairs, format, copyPairColumns(format)))
      return
    }
    yield* writeList((yield* querySources).map(sourceView), { ...list, format }, sourceColumns(format), SOURCE_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(db, { writer: false })))
