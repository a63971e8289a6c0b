import { z } from "zod"
import { expectFileSchema } from "../../audit/parse-expectations.js"
import { catalogSchema } from "../../ingest/catalog-schema.js"
import { claimRecordSchema } from "../../ingest/record-schema.js"
import { jobsConfigSchema } from "../../jobs/jobs-config-schema.js"
import { printOut } from "../run-support.js"
import type { FormatName, SchemaArgs } from "./schema-command.js"

/** Every file format reckon reads, with the zod schema its reader validates with. */
const FORMATS: Readonly<Record<FormatName, { readonly schema: z.ZodType; readonly title: string }>> = {
  dataset: { schema: catalogSchema, title: "reckon dataset.yaml: a dataset's catalog (SPEC §2.1)" },
  claim: { schema: claimRecordSchema, title: "reckon claim record: one line of a claim file (SPEC §2.2)" },
  expect: { schema: expectFileSchema, title: "reckon expect.yaml: what `reckon audit` must find (SPEC §6)" },
  jobs: { schema: jobsConfigSchema, title: "reckon jobs config: scheduled ingestion (SPEC §7)" },
}

/**
 * The JSON Schema (draft 2020-12) of one format, generated from the same zod schema the reader
 * uses, describing what a file may contain (the input side of transforms: `41` or `"41"`). Checks
 * JSON Schema cannot say (a valid schedule, a real calendar day) stay with the reader; YAML dates
 * are written as strings in JSON.
 */
const jsonSchemaOf = (name: FormatName): Record<string, unknown> => {
  const { schema, title } = FORMATS[name]
  return { ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }), title }
}

/** `reckon schema FORMAT`: the format's JSON Schema on stdout. */
export const runSchema = ({ format }: SchemaArgs) => printOut(`${JSON.stringify(jsonSchemaOf(format), null, 2)}\n`)
