import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { writeUaLossesOryxDataset } from "../../adapters/ua-losses-oryx/write-dataset.js"
import { InputError } from "../../ingest/input-error.js"
import { printOut } from "../shared-options.js"

const uaLossesOryx = Command.make("ua-losses-oryx", {
  data: Options.directory("data").pipe(Options.withDescription("the folder holding ua-losses/ and oryx/"), Options.withDefault("../shared/data")),
  out: Options.text("out").pipe(Options.withDescription("the dataset folder to write"), Options.withDefault("datasets/ua-losses-vs-oryx")),
}, ({ data, out }) =>
  Effect.gen(function* () {
    const summary = yield* Effect.tryPromise({
      try: () => writeUaLossesOryxDataset({ dataDir: data, outDir: out }),
      catch: (e) => new InputError({ file: data, message: e instanceof Error ? e.message : String(e) }),
    })
    yield* printOut(
      `wrote ${summary.claims.total} claims (general-staff ${summary.claims["general-staff"]}, oryx ${summary.claims.oryx}) ` +
      `on ${summary.metrics} metrics to ${out}: ${summary.files.join(", ")}\n` +
      `pinned in expect.yaml: ${summary.findings.figures} figures, ${summary.findings.conflicts} conflicts, ` +
      `${summary.findings.tallyDowns} tally decreases (${summary.findings.tallyDownsCorrected} corrected)\n`)
  }),
).pipe(Command.withDescription("build datasets/ua-losses-vs-oryx from the General Staff's and Oryx's tallies"))

export const adaptCommand = Command.make("adapt").pipe(
  Command.withDescription("build a dataset from third-party data"),
  Command.withSubcommands([uaLossesOryx]),
)
