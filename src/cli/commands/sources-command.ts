import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { querySources } from "../../query/query-sources.js"
import { loadCopyGroups } from "../../reliability/stored-reliability.js"
import { COPY_COLUMNS, fixed, renderRecords } from "../output.js"
import { dbOption, formatOption, ledgerFor, printOut } from "../shared-options.js"

export const sourcesCommand = Command.make("sources", {
  copies: Options.boolean("copies").pipe(Options.withDescription(
    "print the copy groups found by `reckon learn`, one row per pair that ties a group: items both spoke on, with the same value, both wrong, the same wrong value, what independent sources would share, score")),
  db: dbOption,
  format: formatOption,
}, ({ copies, db, format }) =>
  Effect.gen(function* () {
    if (copies) {
      const pairs = (yield* loadCopyGroups).flatMap((g) => g.evidence.map((e) => ({ ...e, members: g.sources })))
      yield* printOut(renderRecords(pairs, format, COPY_COLUMNS))
      return
    }
    yield* printOut(renderRecords(yield* querySources, format, [
      { header: "id", value: (s) => s.id },
      { header: "dataset", value: (s) => s.dataset },
      { header: "name", value: (s) => s.name },
      { header: "kind", value: (s) => s.kind },
      { header: "side", value: (s) => s.side },
      { header: "aliases", value: (s) => s.aliases.join(", ") },
      { header: "prior weight", value: (s) => s.weight },
      { header: "contested cells", value: (s) => fixed(s.contested, 1) },
      { header: "agreement", value: (s) => fixed(s.agreement, 4) },
      { header: "learned weight", value: (s) => fixed(s.learned) },
      { header: "copy group", value: (s) => s.copyGroup },
      { header: "claims", value: (s) => s.claims },
      { header: "relayed", value: (s) => s.relayed },
    ]))
  }).pipe(Effect.provide(ledgerFor(db, { writer: false }))),
).pipe(Command.withDescription(
  "the sources in the ledger: prior weight, contested cells, agreement with the others there and learned weight, copy group, claims (--copies: the copy groups with their evidence)"))
