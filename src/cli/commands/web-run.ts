import * as Effect from "effect/Effect"
import { loadRenderLibs } from "../report/render-libs.js"
import { serveWeb } from "../web/serve-web.js"
import { ledgerFor, printErr } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import { requireLedger } from "./report-run.js"
import type { WebArgs } from "./web-command.js"

/** `reckon web`: the report's pages and the JSON API served from the ledger until a signal stops it. */
export const runWeb = (o: WebArgs) =>
  Effect.gen(function* () {
    if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
      return yield* Effect.fail(new UsageError({ message: `--port ${o.port}: expected 0 to 65535` }))
    }
    yield* requireLedger(o.db)
    const libs = yield* Effect.promise(loadRenderLibs)
    const signal = yield* serveWeb(libs, { host: o.host, port: o.port }).pipe(Effect.provide(ledgerFor(o.db)))
    yield* printErr(`reckon web: ${signal}: stopped`)
  })
