import * as Data from "effect/Data"

/** A dataset.yaml that cannot be read or contradicts itself; every problem is listed. */
export class CatalogError extends Data.TaggedError("CatalogError")<{
  readonly file: string
  readonly problems: readonly string[]
}> {}
