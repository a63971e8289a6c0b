import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { renderRecords } from "../output.js"
import { parseScopeArgs, parseTimeOption } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { Ledger } from "../../ledger/ledger.js"
import type { LedgerError } from "../../ledger/ledger-error.js"
import {
  loadClaims, loadConflicts, loadCopyGroupList, loadCopyPairs, loadFigureDetail, loadFigures, loadSources,
} from "../report/load-report-data.js"
import { PAGE_CSP } from "../report/page-script.js"
import type { RenderLibs } from "../report/render-libs.js"
import { webPages } from "../report/render-report.js"
import { checkNames } from "../check-names.js"
import { claimFilterFromQuery, copiesFromQuery, figureFilterFromQuery, queryParams } from "./query-filters.js"

/** What the server sends back for one request. */
export interface WebResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const HTML = "text/html; charset=utf-8"
const JSON_TYPE = "application/json; charset=utf-8"

const SECURITY_HEADERS = {
  "content-security-policy": PAGE_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
}

const respond = (status: number, type: string, body: string, extra: Record<string, string> = {}): WebResponse =>
  ({ status, headers: { "content-type": type, ...SECURITY_HEADERS, ...extra }, body })

/** The JSON of a CLI command's `--format json`, byte for byte (the one output module renders it). */
const json = <T>(records: readonly T[]): WebResponse => respond(200, JSON_TYPE, renderRecords(records, "json", []))

type Route = (libs: RenderLibs, query: URLSearchParams) => Effect.Effect<WebResponse, UsageError | LedgerError, Ledger>

const page = (body: string): WebResponse => respond(200, HTML, body)

/** Every URL the view answers: the pages, and `/api/…` in the CLI's JSON shapes with its filters as parameters. */
const ROUTES: Readonly<Record<string, Route>> = {
  "/": (libs, q) => Effect.gen(function* () {
    const { one } = yield* queryParams(q, ["event", "metric", "status"])
    const filter = { event: one.get("event") || undefined, metric: one.get("metric") || undefined, status: one.get("status") || undefined }
    return page(webPages.index(libs, yield* loadFigures({}), filter))
  }),
  "/figure": (libs, q) => Effect.gen(function* () {
    const { one, scope } = yield* queryParams(q, ["event", "metric", "scope", "at"])
    const event = one.get("event")
    const metric = one.get("metric")
    if (!event || !metric) return yield* Effect.fail(new UsageError({ message: "a figure page needs event and metric" }))
    const cell = { event, metric, scope: (yield* parseScopeArgs(scope)) ?? {}, at: (yield* parseTimeOption("at", Option.fromNullable(one.get("at")))) ?? null }
    const detail = yield* loadFigureDetail(cell)
    return detail === null
      ? respond(404, HTML, webPages.problem(libs, "No such figure", `The ledger has no figure for ${metric} of ${event} with this scope${cell.at ? ` at ${cell.at}` : ""}.`))
      : page(webPages.figure(libs, detail))
  }),
  "/conflicts": (libs, q) => Effect.gen(function* () {
    return page(webPages.conflicts(libs, yield* loadConflicts(yield* checkNames(yield* figureFilterFromQuery(q, false)))))
  }),
  "/sources": (libs, q) => Effect.gen(function* () {
    yield* queryParams(q, [])
    return page(webPages.sources(libs, yield* loadSources, yield* loadCopyGroupList))
  }),
  "/api/figures": (_libs, q) => Effect.gen(function* () {
    // a name the ledger does not know is a bad request naming the closest, as in the CLI
    return json(yield* loadFigures(yield* checkNames(yield* figureFilterFromQuery(q, true))))
  }),
  "/api/conflicts": (_libs, q) => Effect.gen(function* () {
    return json(yield* loadConflicts(yield* checkNames(yield* figureFilterFromQuery(q, false))))
  }),
  "/api/claims": (_libs, q) => Effect.gen(function* () {
    return json(yield* loadClaims(yield* checkNames(yield* claimFilterFromQuery(q))))
  }),
  "/api/sources": (_libs, q) => Effect.gen(function* () {
    return (yield* copiesFromQuery(q)) ? json(yield* loadCopyPairs) : json(yield* loadSources)
  }),
}

/**
 * Answers one request of the read-only web view: GET (and HEAD) only; a bad parameter is 400 with
 * its one-line reason (JSON under /api/, a page elsewhere), an unknown path 404. Never writes.
 */
export const handleRequest = (libs: RenderLibs, method: string, rawUrl: string): Effect.Effect<WebResponse, never, Ledger> =>
  Effect.suspend(() => answer(libs, method, rawUrl))

const answer = (libs: RenderLibs, method: string, rawUrl: string): Effect.Effect<WebResponse, never, Ledger> => {
  const url = new URL(rawUrl, "http://reckon.invalid")
  const api = url.pathname.startsWith("/api/")
  const problem = (status: number, title: string, message: string, extra: Record<string, string> = {}): WebResponse =>
    api
      ? respond(status, JSON_TYPE, `${JSON.stringify({ error: message })}\n`, extra)
      : respond(status, HTML, webPages.problem(libs, title, message), extra)
  if (method !== "GET" && method !== "HEAD") {
    return Effect.succeed(problem(405, "Read-only", `${method} is not allowed: the web view is read-only`, { allow: "GET, HEAD" }))
  }
  const route = ROUTES[url.pathname]
  if (!route) return Effect.succeed(problem(404, "Not found", `no page ${url.pathname}`))
  return route(libs, url.searchParams).pipe(
    Effect.catchTag("UsageError", (e) => Effect.succeed(problem(400, "Bad request", e.message))),
    // a busy or broken ledger is the server's trouble, not the request's: 503, with the ledger's one-line reason
    Effect.catchTag("LedgerError", (e) => Effect.succeed(problem(503, "Ledger unavailable", e.message))),
  )
}
