import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { querySources } from "../../query/query-sources.js"
import { loadCopyGroups, type StoredCopyEvidence } from "../../reliability/stored-reliability.js"
import { type Column, renderRecords } from "../output.js"
import { dbOption, formatOption, ledgerFor, printOut } from "../shared-options.js"

/** A number as a table cell: at most `digits` decimals (JSON keeps full precision). */
export const fixed = (x: number | null, digits = 3): string | null => (x === null ? null : String(Number(x.toFixed(digits))))

/** One row of `reckon sources --copies`: a dependent pair of sources, with the group it ties together. */
export interface CopyPairRecord extends StoredCopyEvidence {
  readonly members: readonly string[]
}

/** The columns of a copy-evidence table (also used by `reckon learn --copies`). */
export const COPY_COLUMNS: readonly Column<CopyPairRecord>[] = [
  { header: "group", value: (e) => e.group },
  { header: "members", value: (e) => e.members.join(", ") },
  { header: "source a", value: (e) => e.sources[0] },
  { header: "source b", value: (e) => e.sources[1] },
  { header: "pairs", value: (e) => e.overlap },
  { header: "both false", value: (e) => e.bothFalse },
  { header: "shared false", value: (e) => e.sharedFalse },
  { header: "expected if independent", value: (e) => fixed(e.expectedSharedFalse, 1) },
  { header: "score", value: (e) => fixed(e.score, 1) },
]

export const sourcesCommand = Command.make("sources", {
  copies: Options.boolean("copies").pipe(Options.withDescription(
    "print the copy groups found by `reckon learn`, one row per dependent pair: items both spoke on, both wrong, the same wrong value, what independent sources would share, score")),
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
      { header: "learned error", value: (s) => fixed(s.error, 4) },
      { header: "learned weight", value: (s) => fixed(s.learned) },
      { header: "copy group", value: (s) => s.copyGroup },
      { header: "claims", value: (s) => s.claims },
      { header: "relayed", value: (s) => s.relayed },
    ]))
  }).pipe(Effect.provide(ledgerFor(db, { writer: false }))),
).pipe(Command.withDescription("the sources in the ledger: prior and learned weights, learned error, copy group, claims (--copies: the copy groups with their evidence)"))
