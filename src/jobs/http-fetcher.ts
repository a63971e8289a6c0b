import { Context, Effect, Layer, type Scope } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { ReadableStream as WebReadableStream } from "node:stream/web"
import { claimFileFormat } from "../ingest/read-records.js"
import { FetchError } from "./job-errors.js"

/** What to send with a conditional GET: the validators of the last body ingested. */
export interface FetchRequest {
  readonly url: string
  readonly etag: string | null
  readonly lastModified: string | null
  /** Aborts the request (stop requested, timeout). */
  readonly signal: AbortSignal
}

export type FetchResult =
  | { readonly kind: "not-modified" }
  | {
    readonly kind: "downloaded"
    /** The body in a temp file whose extension tells the claim-file format; removed when the scope closes. */
    readonly file: string
    readonly bytes: number
    readonly etag: string | null
    readonly lastModified: string | null
  }

/** Fetches HTTP feeds (one service, so the rest of the jobs code never sees HTTP). */
export class HttpFetcher extends Context.Tag("reckon/HttpFetcher")<HttpFetcher, {
  readonly fetchToFile: (request: FetchRequest) => Effect.Effect<FetchResult, FetchError, Scope.Scope>
}>() {}

/** The claim-file extension for a response: the URL path's, else the Content-Type's; null when neither tells. */
export const feedExtension = (url: string, contentType: string | null, decoded: boolean): string | null => {
  let name = new URL(url).pathname.toLowerCase()
  if (decoded) name = name.replace(/\.gz$/, "")
  if (claimFileFormat(name) !== null) {
    const m = /\.(ndjson|jsonl|csv|json)(\.gz)?$/.exec(name)
    return m ? m[0] : null
  }
  const type = (contentType ?? "").toLowerCase().split(";")[0]!.trim()
  if (type.includes("ndjson") || type.includes("jsonl") || type === "application/json-seq") return ".ndjson"
  if (type === "text/csv" || type.endsWith("+csv")) return ".csv"
  if (type === "application/json" || type.endsWith("+json")) return ".json"
  return null
}

const transientStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408

const causeText = (e: unknown): string => {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))
}

/**
 * The live fetcher (Node's fetch): a conditional GET with If-None-Match / If-Modified-Since; a 304
 * costs nothing; a 200 body is streamed to a temp file under the OS temp dir. Connection errors,
 * 5xx, 429 and 408 are transient (retried by the job); other statuses are not.
 */
export const HttpFetcherLive = Layer.succeed(HttpFetcher, {
  fetchToFile: (request) =>
    Effect.gen(function* () {
      const { url } = request
      const headers: Record<string, string> = { "user-agent": "reckon-jobs", accept: "application/x-ndjson, application/json, text/csv, */*" }
      if (request.etag) headers["if-none-match"] = request.etag
      if (request.lastModified) headers["if-modified-since"] = request.lastModified
      const response = yield* Effect.tryPromise({
        try: (signal) => fetch(url, { headers, signal: AbortSignal.any([signal, request.signal]), redirect: "follow" }),
        catch: (e) => new FetchError({ url, status: null, transient: true, message: `cannot connect: ${causeText(e)}` }),
      })
      if (response.status === 304) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return { kind: "not-modified" } as const
      }
      if (!response.ok) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return yield* Effect.fail(new FetchError({
          url, status: response.status, transient: transientStatus(response.status), message: `HTTP ${response.status} ${response.statusText}`.trim(),
        }))
      }
      const decoded = (response.headers.get("content-encoding") ?? "").includes("gzip")
      const ext = feedExtension(url, response.headers.get("content-type"), decoded)
      if (ext === null) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return yield* Effect.fail(new FetchError({
          url, status: response.status, transient: false,
          message: `cannot tell the format: the URL path has no .ndjson/.csv/.json extension and Content-Type is "${response.headers.get("content-type") ?? ""}"`,
        }))
      }
      const dir = yield* Effect.acquireRelease(
        Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-fetch-"))),
        (d) => Effect.sync(() => fs.rmSync(d, { recursive: true, force: true })),
      )
      const file = path.join(dir, `body${ext}`)
      yield* Effect.tryPromise({
        try: (signal) => pipeline(
          response.body ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>) : Readable.from([]),
          fs.createWriteStream(file),
          { signal: AbortSignal.any([signal, request.signal]) },
        ),
        catch: (e) => new FetchError({ url, status: response.status, transient: true, message: `download interrupted: ${causeText(e)}` }),
      })
      return {
        kind: "downloaded", file, bytes: fs.statSync(file).size,
        etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified"),
      } as const
    }),
})
