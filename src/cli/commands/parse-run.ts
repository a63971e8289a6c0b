import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { finiteOrNull } from "../../domain/interval.js"
import { normalizeValue } from "../../domain/normalize-value.js"
import { PARSE_COLUMNS, type ParseRecord, renderRecords } from "../output.js"
import { printOut, setExitCode } from "../run-support.js"
import type { ParseArgs } from "./parse-command.js"

/** `reckon parse`: how one value phrase reads, or why it is rejected (exit 1). */
export const runParse = (o: ParseArgs) =>
  Effect.gen(function* () {
    const unit = Option.getOrUndefined(o.unit)
    const r = normalizeValue(o.phrase, { kind: o.kind, ...(unit !== undefined ? { unit } : {}) })
    const record: ParseRecord = r.ok
      ? {
          phrase: o.phrase, kind: o.kind, ok: true, lo: finiteOrNull(r.value.lo), hi: finiteOrNull(r.value.hi), best: r.value.best,
          certainty: r.value.certainty ?? "asserted", lo_strict: r.value.loStrict, hi_strict: r.value.hiStrict, reason: null, word: null,
        }
      : {
          phrase: o.phrase, kind: o.kind, ok: false, lo: null, hi: null, best: null, certainty: null,
          lo_strict: false, hi_strict: false, reason: r.reason, word: r.word ?? null,
        }
    yield* printOut(renderRecords([record], o.format, PARSE_COLUMNS))
    // A phrase that does not read is what the command found: exit 1, as for a rejected record.
    if (!r.ok) yield* setExitCode(1)
  })
