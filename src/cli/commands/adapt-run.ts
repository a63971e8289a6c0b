import * as Effect from "effect/Effect"
import { writeUaLossesOryxDataset } from "../../adapters/ua-losses-oryx/write-dataset.js"
import { InputError } from "../../ingest/input-error.js"
import { printOut } from "../run-support.js"
import type { UaLossesOryxArgs } from "./adapt-command.js"

/** `reckon adapt ua-losses-oryx`: the dataset written from the two tallies, and what its expect.yaml pins. */
export const runUaLossesOryx = ({ data, out }: UaLossesOryxArgs) =>
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
  })
