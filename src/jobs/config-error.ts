import * as Data from "effect/Data"

/** A jobs config that cannot be read or is invalid; one line per problem, naming the job and field (exit 2). */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly file: string
  readonly problems: readonly string[]
}> {}
