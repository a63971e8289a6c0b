import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import { lazyHandler } from "../lazy-handler.js"
import { formatOption } from "../shared-options.js"

const options = {
  dirs: Args.text({ name: "DIR" }).pipe(Args.withDescription("dataset folders (default: every folder in datasets/)"), Args.repeated),
  format: formatOption,
}

/** What `reckon audit` was given. */
export type AuditArgs = Command.Command.ParseConfig<typeof options>

export const auditCommand = Command.make("audit", options, lazyHandler(() => import("./audit-run.js").then((m) => m.runAudit))).pipe(
  Command.withDescription("check datasets against their expect.yaml and the integrity rules, in a scratch ledger"))
