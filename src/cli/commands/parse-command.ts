import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { normalizeValue } from "../../domain/normalize-value.js"
import { PARSE_COLUMNS, type ParseRecord, renderRecords } from "../output.js"
import { formatOption, printOut, setExitCode } from "../shared-options.js"

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null)

export const parseCommand = Command.make("parse", {
  phrase: Args.text({ name: "PHRASE" }).pipe(Args.withDescription('a value phrase, e.g. "likely exceeded 5,000" (quote it)')),
  kind: Options.choice("kind", ["count", "real"]).pipe(
    Options.withDescription("the metric kind: count (whole numbers ≥ 0, the default) or real"), Options.withDefault("count" as const)),
  unit: Options.text("unit").pipe(Options.withDescription("the metric's unit, accepted as the phrase's trailing noun"), Options.optional),
  format: formatOption,
}, (o) =>
  Effect.gen(function* () {
    const unit = Option.getOrUndefined(o.unit)
    const r = normalizeValue(o.phrase, { kind: o.kind, ...(unit !== undefined ? { unit } : {}) })
    const record: ParseRecord = r.ok
      ? {
          phrase: o.phrase, kind: o.kind, ok: true, lo: finite(r.value.lo), hi: finite(r.value.hi), best: r.value.best,
          certainty: r.value.certainty ?? "asserted", lo_strict: r.value.loStrict, hi_strict: r.value.hiStrict, reason: null, word: null,
        }
      : {
          phrase: o.phrase, kind: o.kind, ok: false, lo: null, hi: null, best: null, certainty: null,
          lo_strict: false, hi_strict: false, reason: r.reason, word: r.word ?? null,
        }
    yield* printOut(renderRecords([record], o.format, PARSE_COLUMNS))
    // A phrase that does not read is what the command found: exit 1, as for a rejected record.
    if (!r.ok) yield* setExitCode(1)
  }),
).pipe(Command.withDescription('how a value phrase reads (SPEC §3): interval, certainty, bounds, or why it is rejected. Example: reckon parse "2,975 (95% CI 2,658-3,290)"'))
