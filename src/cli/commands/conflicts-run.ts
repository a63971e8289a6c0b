import * as Effect from "effect/Effect"
import { queryConflicts } from "../../query/query-conflicts.js"
import { checkNames } from "../check-names.js"
import { writeList } from "../list-options.js"
import { CONFLICT_SORT_FIELDS, conflictColumns } from "../record-views.js"
import { ledgerDimensions, ledgerFor } from "../run-support.js"
import type { ConflictsArgs } from "./conflicts-command.js"
import { figureFilterFrom } from "./figure-options.js"

/** `reckon conflicts`: every conflict of the cells asked for, with the claims on each side. */
export const runConflicts = (o: ConflictsArgs) =>
  Effect.gen(function* () {
    const conflicts = yield* queryConflicts(yield* checkNames(yield* figureFilterFrom(o)))
    yield* writeList(conflicts, o, conflictColumns(o.format, yield* ledgerDimensions), CONFLICT_SORT_FIELDS)
  }).pipe(Effect.provide(ledgerFor(o.db, { writer: false })))
