import * as Effect from "effect/Effect"
import { hashFile } from "./hash-file.js"
import { HttpFetcher } from "./http-fetcher.js"
import { ingestOneFile } from "./ingest-one-file.js"
import type { LedgerError } from "../ledger/ledger-error.js"
import type { JobConfig } from "./job-config.js"
import type { FetchError, SourceError } from "./job-errors.js"
import type { RunContext } from "./run-context.js"

/**
 * `from: { url }`: a conditional GET with the validators of the last body ingested (ETag,
 * Last-Modified); a 304 ends the run at no cost. A new body goes to a temp file and is ingested
 * with `ingestFile`; its validators (and content hash, for servers that send none) are stored only
 * after that ingest committed, so a run killed mid-ingest fetches and ingests the body again —
 * what was stored already counts as duplicates.
 */
export const urlSource = (ctx: RunContext): Effect.Effect<void, FetchError | SourceError | LedgerError, HttpFetcher> =>
  Effect.scoped(Effect.gen(function* () {
    const source = ctx.job.source as Extract<JobConfig["source"], { kind: "url" }>
    const url = source.url
    const fetcher = yield* HttpFetcher
    const state = yield* ctx.ledger.itemState(ctx.job.name, url)
    const result = yield* fetcher.fetchToFile({
      url, etag: state?.etag ?? null, lastModified: state?.last_modified ?? null, signal: ctx.signal,
      maxBytes: source.maxBytes, redirects: source.redirects,
    })
    if (result.kind === "not-modified") {
      ctx.log(`${url}: 304 not modified`)
      ctx.details.push("304 not modified")
      return
    }
    const hash = yield* Effect.promise(() => hashFile(result.file))
    if (state?.content_hash === hash) {
      ctx.log(`${url}: ${result.bytes} bytes, same content as last time`)
      ctx.details.push("unchanged content")
      yield* ctx.ledger.writeItemState(ctx.job.name, url, { content_hash: hash, etag: result.etag, last_modified: result.lastModified }, ctx.now())
      return
    }
    ctx.log(`${url}: downloaded ${result.bytes} bytes`)
    const summary = yield* ingestOneFile(ctx, result.file, url)
    ctx.details.push(`downloaded ${result.bytes} bytes`)
    if (summary.outcome !== "interrupted") {
      yield* ctx.ledger.writeItemState(ctx.job.name, url, { content_hash: hash, etag: result.etag, last_modified: result.lastModified }, ctx.now())
    }
  }))
