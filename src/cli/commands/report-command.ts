import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { STATUSES } from "../report/statuses.js"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption, eventOption, metricOption } from "../shared-options.js"

const options = {
  out: Options.text("out").pipe(Options.withDescription("the HTML file to write (one self-contained file: opens with no network)")),
  event: eventOption,
  metric: metricOption,
  status: Options.choice("status", STATUSES).pipe(Options.withDescription("only figures with this status"), Options.optional),
  db: dbOption,
}

/** What `reckon report` was given. */
export type ReportArgs = Command.Command.ParseConfig<typeof options>

export const reportCommand = Command.make("report", options, lazyHandler(() => import("./report-run.js").then((m) => m.runReport))).pipe(
  Command.withDescription("write the figures as one self-contained HTML file: index, a page per figure with its interval plot, conflicts, sources\n\nexample: reckon report --out figures.html --event spider-web"))
