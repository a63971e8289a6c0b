import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, formatOption, listOptions } from "../shared-options.js"

const options = {
  copies: Options.boolean("copies").pipe(Options.withDescription(
    "print the copy groups found by `reckon learn`, one row per pair that ties a group: items both spoke on, with the same value, both wrong, the same wrong value, what independent sources would share, score")),
  ...listOptions,
  db: dbOption,
  format: formatOption,
}

/** What `reckon sources` was given. */
export type SourcesArgs = Command.Command.ParseConfig<typeof options>

export const sourcesCommand = Command.make("sources", options, lazyHandler(() => import("./sources-run.js").then((m) => m.runSources))).pipe(
  Command.withDescription(
    "the sources in the ledger: prior weight, contested cells, agreement with the others there and learned weight, copy group, learned weight per metric where it has its own, claims (--copies: the copy groups with their evidence)"))
