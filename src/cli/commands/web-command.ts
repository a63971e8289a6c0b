import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { loadRenderLibs } from "../report/render-libs.js"
import { serveWeb } from "../web/serve-web.js"
import { dbOption, ledgerFor, printErr } from "../shared-options.js"
import { UsageError } from "../usage-error.js"
import { requireLedger } from "./report-command.js"

export const webCommand = Command.make("web", {
  port: Options.integer("port").pipe(Options.withDescription("the port to listen on (0: any free port)"), Options.withDefault(8080)),
  host: Options.text("host").pipe(Options.withDescription("the address to listen on"), Options.withDefault("127.0.0.1")),
  db: dbOption,
}, (o) =>
  Effect.gen(function* () {
    if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
      return yield* Effect.fail(new UsageError({ message: `--port ${o.port}: expected 0 to 65535` }))
    }
    yield* requireLedger(o.db)
    const libs = yield* Effect.promise(loadRenderLibs)
    const signal = yield* serveWeb(libs, { host: o.host, port: o.port }).pipe(Effect.provide(ledgerFor(o.db)))
    yield* printErr(`reckon web: ${signal}: stopped`)
  }),
).pipe(Command.withDescription("serve the report's pages and /api/figures|conflicts|claims|sources (the CLI's JSON) read-only from the ledger until Ctrl-C\n\nexample: reckon web --port 8080"))
