import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { closestNames, didYouMean } from "../query/closest-names.js"
import { type Column, type OutputFormat, recordWriter, stdoutSink } from "./output.js"
import { UsageError } from "./usage-error.js"

export interface ListArgs {
  readonly limit: Option.Option<number>
  readonly offset: Option.Option<number>
  readonly sort: Option.Option<string>
  readonly format: OutputFormat
}

export interface Sort<F extends string> {
  readonly field: F
  readonly descending: boolean
}

/** `stated`, `stated:desc`, `stated:asc` → the field and its direction; an unknown field names the closest. */
export const parseSort = <F extends string>(text: string | undefined, fields: readonly F[]): Effect.Effect<Sort<F> | undefined, UsageError> => {
  if (text === undefined) return Effect.succeed(undefined)
  const m = /^([^:]+)(?::(asc|desc))?$/.exec(text)
  const field = fields.find((f) => f === m?.[1])
  if (m === null || field === undefined) {
    return Effect.fail(new UsageError({
      message: `--sort ${text}: expected FIELD or FIELD:desc with FIELD one of ${fields.join(", ")}${didYouMean(closestNames(m?.[1] ?? text, fields))}`,
    }))
  }
  return Effect.succeed({ field, descending: m[2] === "desc" })
}

/** Rows a terminal shows by default: a screenful, at least 10 (the header, rule and "… more" line aside). */
export const terminalLimit = (rows: number | undefined): number => Math.max(10, (rows ?? 50) - 4)

/**
 * The limit to apply: `--limit`, else on a terminal a screenful of a table (SPEC §6: "a default
 * limit with … N more"); JSON, NDJSON and CSV are never cut short unless asked.
 */
export const effectiveLimit = (args: ListArgs, isTTY: boolean | undefined = process.stdout.isTTY, rows = process.stdout.rows):
  { readonly limit: number | undefined; readonly defaulted: boolean } => {
  if (Option.isSome(args.limit)) return { limit: args.limit.value, defaulted: false }
  if (isTTY === true && args.format === "table") return { limit: terminalLimit(rows), defaulted: true }
  return { limit: undefined, defaulted: false }
}

/** `… 1,234 more (--limit N and --offset N page through them)`: the line under a table cut to a screenful. */
export const moreLine = (more: number): string | undefined =>
  more > 0 ? `… ${more.toLocaleString("en-US")} more (--limit N and --offset N page through them; --format csv prints all)\n` : undefined

const compare = (a: unknown, b: unknown): number => {
  // nulls last, numbers by value, everything else as text
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1
  if (b === null || b === undefined) return -1
  if (typeof a === "number" && typeof b === "number") return a - b
  const x = typeof a === "string" ? a : JSON.stringify(a)
  const y = typeof b === "string" ? b : JSON.stringify(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Prints a list already in memory as `reckon claims` prints its stream: sorted by `--sort` (a
 * field of the records, stable), `--offset` skipped, cut at the limit with "… N more" on a terminal.
 */
export const writeList = <T extends object>(records: readonly T[], args: ListArgs, columns: readonly Column<T>[], fields: readonly (keyof T & string)[]) =>
  Effect.gen(function* () {
    const sort = yield* parseSort(Option.getOrUndefined(args.sort), fields)
    const sorted = sort === undefined ? records
      : [...records].sort((a, b) => (sort.descending ? -1 : 1) * compare(a[sort.field], b[sort.field]))
    const offset = Option.getOrElse(args.offset, () => 0)
    const { limit, defaulted } = effectiveLimit(args)
    const shown = sorted.slice(offset, limit === undefined ? undefined : offset + limit)
    const more = defaulted ? sorted.length - offset - shown.length : 0
    yield* Effect.promise(async () => {
      const writer = recordWriter(args.format, columns, stdoutSink)
      for (const r of shown) await writer.write(r)
      await writer.end(moreLine(more))
    })
  })

/**
 * Prints a stream of records as it comes: the first rows appear at once whatever the length, and
 * a reader that goes away (`| head`) ends the command. With the default terminal limit, `count`
 * tells how many there were in all, for the "… N more" line.
 */
export const writeStream = <T, E, R, E2, R2>(
  stream: Stream.Stream<T, E, R>, format: OutputFormat, columns: readonly Column<T>[],
  more?: { readonly shown: number; readonly count: Effect.Effect<number, E2, R2> },
) =>
  Effect.gen(function* () {
    const writer = recordWriter(format, columns, stdoutSink)
    let written = 0
    yield* Stream.runForEachChunk(stream, (chunk) => Effect.promise(async () => {
      for (const r of Chunk.toReadonlyArray(chunk)) await writer.write(r)
      written += Chunk.size(chunk)
    }))
    const total = more !== undefined && written >= more.shown ? yield* more.count : written
    yield* Effect.promise(async () => writer.end(moreLine(total - written)))
  })
