import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { lazyHandler } from "../lazy-handler.js"
import { dbOption } from "../shared-options.js"

const options = {
  port: Options.integer("port").pipe(Options.withDescription("the port to listen on (0: any free port)"), Options.withDefault(8080)),
  host: Options.text("host").pipe(Options.withDescription("the address to listen on"), Options.withDefault("127.0.0.1")),
  db: dbOption,
}

/** What `reckon web` was given. */
export type WebArgs = Command.Command.ParseConfig<typeof options>

export const webCommand = Command.make("web", options, lazyHandler(() => import("./web-run.js").then((m) => m.runWeb))).pipe(
  Command.withDescription("serve the report's pages and /api/figures|conflicts|claims|sources (the CLI's JSON) read-only from the ledger until Ctrl-C\n\nexample: reckon web --port 8080"))
