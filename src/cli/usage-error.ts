import * as Data from "effect/Data"

/** A command line that parses but makes no sense (`--scope nothing`, a bad date): exit code 2. */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly message: string
}> {}
