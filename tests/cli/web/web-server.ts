import { type ChildProcess, spawn } from "node:child_process"
import { CLI } from "../../support/run-cli.js"

/** A running `reckon web` child process on a free port of 127.0.0.1. */
export interface WebServer {
  readonly url: string
  readonly child: ChildProcess
  /** Everything it wrote to stderr so far. */
  stderr(): string
  /** Sends the signal and waits for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts `reckon web --port 0` on the ledger and waits for the line naming its URL. */
export const startWeb = (db: string, extra: readonly string[] = []): Promise<WebServer> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "web", "--port", "0", "--db", db, ...extra], {
      env: { ...process.env, RECKON_DB: "" }, stdio: ["ignore", "pipe", "pipe"],
    })
    let err = ""
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)))
    const timer = setTimeout(() => reject(new Error(`reckon web did not start: ${err}`)), 30_000)
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1]!, child, stderr: () => err,
          stop: (signal = "SIGTERM") => {
            child.kill(signal)
            return exited
          },
        })
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`reckon web exited (${code}) before serving: ${err}`))
    })
  })
