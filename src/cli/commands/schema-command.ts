import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import { lazyHandler } from "../lazy-handler.js"

/** Every file format reckon reads (their zod schemas are loaded by the handler alone). */
export const FORMAT_NAMES = ["dataset", "claim", "expect", "jobs"] as const
export type FormatName = (typeof FORMAT_NAMES)[number]

const options = {
  format: Args.choice(FORMAT_NAMES.map((k) => [k, k] as const), { name: "FORMAT" }).pipe(
    Args.withDescription("dataset, claim, expect or jobs")),
}

/** What `reckon schema` was given. */
export type SchemaArgs = Command.Command.ParseConfig<typeof options>

export const schemaCommand = Command.make("schema", options, lazyHandler(() => import("./schema-run.js").then((m) => m.runSchema))).pipe(
  Command.withDescription("the JSON Schema of a file format, from the schemas ingest validates with"))
