import * as Data from "effect/Data"

/** A path that cannot be read at all (missing, unreadable, not a claim file): exit code 2. */
export class InputError extends Data.TaggedError("InputError")<{
  readonly file: string
  readonly message: string
}> {}
