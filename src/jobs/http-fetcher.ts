import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { ReadableStream as WebReadableStream } from "node:stream/web"
import { createGunzip } from "node:zlib"
import { claimFileFormat } from "../ingest/read-records.js"
import { FetchError, type FetchFailure } from "./job-errors.js"

/** What to send with a conditional GET: the validators of the last body ingested, and the job's limits. */
export interface FetchRequest {
  readonly url: string
  readonly etag: string | null
  readonly lastModified: string | null
  /** Aborts the request (stop requested, timeout). */
  readonly signal: AbortSignal
  /** The largest body taken, counted after decompression while it streams. */
  readonly maxBytes: number
  /** `same-origin`: a redirect to another scheme, host or port is refused. */
  readonly redirects: "same-origin" | "any"
}

export type FetchResult =
  | { readonly kind: "not-modified" }
  | {
    readonly kind: "downloaded"
    /** The body, decompressed, in a temp file whose extension tells the claim-file format; removed when the scope closes. */
    readonly file: string
    readonly bytes: number
    readonly etag: string | null
    readonly lastModified: string | null
  }

/** Redirects followed at most for one request (browsers stop at 20, curl at 50; feeds need one or two). */
export const MAX_REDIRECTS = 10

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

const causeText = (e: unknown): string => {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Thrown inside the body pipeline when it passes `max_bytes`. */
class TooLarge extends Error {}

/** Counts the bytes going through and fails past `max`: the cap holds while the body streams. */
const byteCap = (max: number): Transform => {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > max) done(new TooLarge(`the body is larger than max_bytes (${max} bytes after decompression)`))
      else done(null, chunk)
    },
  })
}

/**
 * The live fetcher (Node's fetch): a conditional GET with If-None-Match / If-Modified-Since; a 304
 * costs nothing; a 200 body is streamed to a temp file under the OS temp dir, decompressed (a
 * gzip Content-Encoding, or a `.gz` feed) and counted against `max_bytes` on the way. Redirects
 * are followed here, not by fetch, so that each hop is checked: the same origin only unless the
 * job allows any, at most `MAX_REDIRECTS`, and a loop is a failure of its own.
 */
export const HttpFetcherLive = Layer.succeed(HttpFetcher, {
  fetchToFile: (request) =>
    Effect.gen(function* () {
      const headers: Record<string, string> = { "user-agent": "reckon-jobs", accept: "application/x-ndjson, application/json, text/csv, */*" }
      if (request.etag) headers["if-none-match"] = request.etag
      if (request.lastModified) headers["if-modified-since"] = request.lastModified
      const fail = (url: string, failure: FetchFailure, message: string, status: number | null = null) =>
        Effect.fail(new FetchError({ url, status, failure, message }))
      const origin = new URL(request.url).origin
      const hops = [request.url]
      let url = request.url
      let response: Response
      for (;;) {
        const current = url
        response = yield* Effect.tryPromise({
          try: (signal) => fetch(current, { headers, signal: AbortSignal.any([signal, request.signal]), redirect: "manual" }),
          catch: (e) => new FetchError({ url: current, status: null, failure: "connect", message: `cannot connect: ${causeText(e)}` }),
        })
        const location = response.headers.get("location")
        if (!REDIRECT_STATUSES.has(response.status) || location === null) break
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        let next: URL
        try {
          next = new URL(location, current)
        } catch {
          return yield* fail(current, "redirect", `HTTP ${response.status} redirects to "${location}", which is not a URL`, response.status)
        }
        if (hops.includes(next.href)) return yield* fail(request.url, "redirect", `redirect loop: ${[...hops, next.href].join(" → ")}`, response.status)
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          return yield* fail(request.url, "redirect", `redirect to ${next.href} refused: not http(s)`, response.status)
        }
        if (request.redirects === "same-origin" && next.origin !== origin) {
          return yield* fail(request.url, "redirect",
            `redirect to another origin refused: ${current} → ${next.href} (the job allows it with redirects: any)`, response.status)
        }
        if (hops.length > MAX_REDIRECTS) return yield* fail(request.url, "redirect", `more than ${MAX_REDIRECTS} redirects: ${hops.join(" → ")} → …`, response.status)
        hops.push(next.href)
        url = next.href
      }
      if (response.status === 304) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return { kind: "not-modified" } as const
      }
      if (!response.ok) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return yield* fail(url, "status", `HTTP ${response.status} ${response.statusText}`.trim(), response.status)
      }
      const decoded = (response.headers.get("content-encoding") ?? "").includes("gzip")
      const ext = feedExtension(url, response.headers.get("content-type"), decoded)
      if (ext === null) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return yield* fail(url, "format",
          `cannot tell the format: the URL path has no .ndjson/.csv/.json extension and Content-Type is "${response.headers.get("content-type") ?? ""}"`,
          response.status)
      }
      const declared = Number(response.headers.get("content-length") ?? NaN)
      if (!decoded && declared > request.maxBytes) {
        yield* Effect.promise(() => response.body?.cancel() ?? Promise.resolve())
        return yield* fail(url, "too-large", `the body is larger than max_bytes (Content-Length ${declared} > ${request.maxBytes})`, response.status)
      }
      const dir = yield* Effect.acquireRelease(
        Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-fetch-"))),
        (d) => Effect.sync(() => fs.rmSync(d, { recursive: true, force: true })),
      )
      // A .gz feed is stored decompressed, so that max_bytes counts what will be read.
      const gzipped = ext.endsWith(".gz")
      const file = path.join(dir, `body${gzipped ? ext.slice(0, -3) : ext}`)
      const body = response.body ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>) : Readable.from([])
      const status = response.status
      yield* Effect.tryPromise({
        try: (signal) => {
          const options = { signal: AbortSignal.any([signal, request.signal]) }
          return gzipped
            ? pipeline(body, createGunzip(), byteCap(request.maxBytes), fs.createWriteStream(file), options)
            : pipeline(body, byteCap(request.maxBytes), fs.createWriteStream(file), options)
        },
        catch: (e) => e instanceof TooLarge
          ? new FetchError({ url, status, failure: "too-large", message: e.message })
          : /^Z_|ERR_ZLIB/.test((e as NodeJS.ErrnoException).code ?? "") || /^Z_/.test(causeText(e))
          ? new FetchError({ url, status, failure: "corrupt", message: `the body does not decompress: ${causeText(e)}` })
          : new FetchError({ url, status, failure: "interrupted", message: `download interrupted: ${causeText(e)}` }),
      })
      return {
        kind: "downloaded", file, bytes: fs.statSync(file).size,
        etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified"),
      } as const
    }),
})
