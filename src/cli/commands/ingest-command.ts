import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, formatOption } from "../shared-options.js"

const INPUT_FORMATS = ["ndjson", "csv", "json"] as const
/** The formats standard input may be in (`--input-format`). */
export type InputFormat = (typeof INPUT_FORMATS)[number]

const options = {
  paths: Args.text({ name: "PATH" }).pipe(Args.withDescription("a dataset folder, a folder of datasets, a claim file, or - for standard input"), Args.atLeast(1)),
  dataset: Options.text("dataset").pipe(Options.withPseudoName("DIR"), Options.withDescription("the dataset (a folder, or a dataset in the ledger) whose catalog applies to claim files"), Options.optional),
  inputFormat: Options.choice("input-format", INPUT_FORMATS).pipe(Options.withDescription("the format of standard input"), Options.withDefault("ndjson")),
  strict: Options.boolean("strict").pipe(Options.withDescription("any rejected record: store nothing from that file")),
  db: dbOption,
  format: formatOption,
}

/** What `reckon ingest` was given. */
export type IngestArgs = Command.Command.ParseConfig<typeof options>

export const ingestCommand = Command.make("ingest", options, lazyHandler(() => import("./ingest-run.js").then((m) => m.runIngestCommand))).pipe(
  Command.withDescription("store the claims of datasets, claim files or standard input in the ledger and reconcile what changed"))
