import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import * as http from "node:http"
import { UsageError } from "../usage-error.js"
import type { Ledger } from "../../ledger/ledger.js"
import type { RenderLibs } from "../report/render-libs.js"
import { handleRequest } from "./handle-request.js"

export interface WebOptions {
  readonly host: string
  /** 0: any free port (the one chosen is printed). */
  readonly port: number
}

const urlOf = (address: string, port: number): string => `http://${address.includes(":") ? `[${address}]` : address}:${port}/`

const listen = (options: WebOptions, handler: http.RequestListener): Effect.Effect<http.Server, UsageError> =>
  Effect.async<http.Server, UsageError>((resume) => {
    const server = http.createServer(handler)
    server.once("error", (e: NodeJS.ErrnoException) =>
      resume(Effect.fail(new UsageError({ message: `cannot listen on ${options.host}:${options.port}: ${e.code === "EADDRINUSE" ? "the port is in use" : e.message}` }))))
    server.listen(options.port, options.host, () => resume(Effect.succeed(server)))
  })

const close = (server: http.Server): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    server.close(() => resume(Effect.void))
    // Keep-alive connections of browsers would hold close() open; no request is left half done by this.
    server.closeAllConnections()
  })

/** Waits for SIGINT or SIGTERM (then the command ends normally, exit 0) and names it. */
const untilSignal: Effect.Effect<NodeJS.Signals> = Effect.async<NodeJS.Signals>((resume) => {
  const off = () => {
    process.off("SIGINT", on)
    process.off("SIGTERM", on)
  }
  const on = (signal: NodeJS.Signals) => {
    off()
    resume(Effect.succeed(signal))
  }
  process.on("SIGINT", on)
  process.on("SIGTERM", on)
  return Effect.sync(off)
})

/**
 * `reckon web`: serves the pages and `/api/…` read-only from the ledger until SIGINT/SIGTERM, then
 * closes the server and returns the signal. Requests are answered in turn (each reads the ledger
 * synchronously).
 */
export const serveWeb = (libs: RenderLibs, options: WebOptions): Effect.Effect<NodeJS.Signals, UsageError, Ledger> =>
  Effect.scoped(Effect.gen(function* () {
    const run = Runtime.runPromise(yield* Effect.runtime<Ledger>())
    const handler: http.RequestListener = (req, res) => {
      run(handleRequest(libs, req.method ?? "GET", req.url ?? "/")).then(
        (r) => {
          res.writeHead(r.status, { ...r.headers, "content-length": Buffer.byteLength(r.body) })
          res.end(req.method === "HEAD" ? undefined : r.body)
        },
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e)
          process.stderr.write(`reckon web: ${req.method} ${JSON.stringify(req.url)}: internal error: ${message.split("\n")[0]}\n`)
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" })
          res.end("internal error\n")
        },
      )
    }
    const server = yield* Effect.acquireRelease(listen(options, handler), close)
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : options.port
    process.stderr.write(`reckon web: serving ${urlOf(options.host, port)} read-only (Ctrl-C stops)\n`)
    return yield* untilSignal
  }))
