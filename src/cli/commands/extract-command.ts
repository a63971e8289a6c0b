import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { type OutputFormat, OUTPUT_FORMATS } from "../output.js"
import { dbOption } from "../shared-options.js"

const options = {
  article: Args.text({ name: "ARTICLE" }).pipe(Args.withDescription("an article: plain text, or HTML (stripped to text)")),
  dataset: Options.text("dataset").pipe(Options.withDescription("the dataset whose catalog names what the text may claim")),
  event: Options.text("event").pipe(Options.withDescription("the event of every claim (default: from event titles)"), Options.optional),
  url: Options.text("url").pipe(Options.withDescription("where the article was published"), Options.optional),
  stated: Options.text("stated").pipe(Options.withDescription("the date of the statements (ISO), e.g. the article's date"), Options.optional),
  publisher: Options.text("publisher").pipe(Options.withDescription("the source that published the article: last in every via"), Options.optional),
  accept: Options.boolean("accept").pipe(Options.withDescription("ingest the candidates, as reckon ingest would")),
  against: Options.text("against").pipe(Options.withDescription("a curated claim file: print recall and precision"), Options.optional),
  text: Options.boolean("text").pipe(Options.withDescription("print only the text the spans refer to")),
  format: Options.choice("format", OUTPUT_FORMATS).pipe(Options.withDescription("how candidates are printed"), Options.withDefault<OutputFormat>("ndjson")),
  db: dbOption,
}

/** What `reckon extract` was given. */
export type ExtractArgs = Command.Command.ParseConfig<typeof options>

export const extractCommand = Command.make("extract", options, lazyHandler(() => import("./extract-run.js").then((m) => m.runExtract))).pipe(
  Command.withDescription("candidate claims from an article's text, for review (e.g. reckon extract report.txt --dataset datasets/spider-web --publisher fakti)"))
