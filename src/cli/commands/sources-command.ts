import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { querySources } from "../../query/query-sources.js"
import { loadCopyGroups } from "../../reliability/stored-reliability.js"
import { listOptions, writeList } from "../list-options.js"
import { renderRecords } from "../output.js"
import { copyPairColumns, copyPairView, SOURCE_SORT_FIELDS, sourceColumns, sourceView } from "../record-views.js"
import { dbOption, formatOption, ledgerFor, printOut } from "../shared-options.js"

export const sourcesCommand = Command.make("sources", {
  copies: Options.boolean("copies").pipe(Options.withDescription(
    "print the copy groups found by `reckon learn`, one row per pair that ties a group: items both spoke on, with the same value, both wrong, the same wrong value, what independent sources would share, score")),
  ...listOptions,
  db: dbOption,
  format: formatOption,
}, ({ copies, db, format, ...list }) =>
  Effect.gen(function* () {
    if (copies) {
      const pairs = (yield* loadCopyGroups).flatMap((g) => g.evidence.map((e) => copyPairView(e, g.sources)))
      yield* printOut(renderRecords(pairs, format, copyPairColumns(format)))
      return
    }
    yield* writeList((yield* querySources).map(sourceView), { ...list, format }, sourceColumns(format), SOURCE_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(db, { writer: false }))),
).pipe(Command.withDescription(
  "the sources in the ledger: prior weight, contested cells, agreement with the others there and learned weight, copy group, claims (--copies: the copy groups with their evidence)"))
